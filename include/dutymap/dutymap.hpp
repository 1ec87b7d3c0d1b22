#pragma once
/// dutymap: who owes what to a migrant worker, at each stage, under which instrument.
/// This umbrella header includes the whole public API.

#include <dutymap/accountability.hpp>
#include <dutymap/actor.hpp>
#include <dutymap/builtin.hpp>
#include <dutymap/compare.hpp>
#include <dutymap/corpus.hpp>
#include <dutymap/corridor.hpp>
#include <dutymap/date.hpp>
#include <dutymap/exercise.hpp>
#include <dutymap/gaps.hpp>
#include <dutymap/grading.hpp>
#include <dutymap/graph.hpp>
#include <dutymap/instrument.hpp>
#include <dutymap/io/load.hpp>
#include <dutymap/io/save.hpp>
#include <dutymap/modality.hpp>
#include <dutymap/practice.hpp>
#include <dutymap/problem.hpp>
#include <dutymap/profile.hpp>
#include <dutymap/provenance.hpp>
#include <dutymap/provision.hpp>
#include <dutymap/qualifier.hpp>
#include <dutymap/ratification.hpp>
#include <dutymap/role.hpp>
#include <dutymap/scenario.hpp>
#include <dutymap/scope.hpp>
#include <dutymap/stage.hpp>
#include <dutymap/synthetic.hpp>
#include <dutymap/topic.hpp>
#include <dutymap/version.hpp>
