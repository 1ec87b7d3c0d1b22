#pragma once
/// Accountability queries: what an actor owes, who owes a protection, where the structure of
/// obligations has holes, and where a worker can complain.

#include <dutymap/corpus.hpp>
#include <dutymap/corridor.hpp>
#include <dutymap/gaps.hpp>

#include <string>
#include <vector>

namespace dutymap {

/// An obligation an actor bears in a corridor.
struct obligation {
  cited_provision provision;
  role as;                  ///< the role through which the actor bears it
  bool designated = false;  ///< the instrument names this actor
  stage_set stages;
  std::vector<std::string> topics;
};

/// Everything an actor owes in a corridor (provisions that apply there, borne by a role the actor
/// plays or naming the actor), in stage order then instrument order. Throws std::invalid_argument
/// for an unknown actor.
std::vector<obligation> obligations_of(const corpus& c, std::string_view actor,
                                       const corridor& where);

/// An actor who owes a protection, and under what.
struct responsibility {
  std::string actor;
  role as;
  cited_provision provision;
};

/// The actors who owe a protection (a topic and its sub-topics) at a stage in a corridor.
std::vector<responsibility> responsible(const corpus& c, std::string_view topic, stage s,
                                        const corridor& where);

/// A hole in the structure of the obligations themselves.
enum class structural_kind : std::uint8_t {
  no_bearer,           ///< its bearer role is played by no actor in the corridor
  no_designated_body,  ///< borne by a state, but no body of the state is named to carry it out
  no_oversight,        ///< borne by agencies or employers that nobody in the corridor oversees
};

template <>
struct enum_names<structural_kind> {
  static constexpr std::string_view what = "structural gap";
  static constexpr std::array<std::string_view, 3> values{"no_bearer", "no_designated_body",
                                                          "no_oversight"};
};

struct structural_gap {
  structural_kind kind;
  role bearer;
  cited_provision provision;
  std::string explanation;
};

/// Obligations that apply in the corridor but that nobody in particular owes, that name no body
/// of the bearing state, or whose bearer nobody oversees.
std::vector<structural_gap> structural_gaps(const corpus& c, const corridor& where);

/// Where a worker can complain at a stage: a path of referrals ending at an actor who receives
/// complaints at that stage.
struct remedy_path {
  dutymap::stage stage;
  std::vector<std::string> actors;  ///< first contact ... the actor who acts
};

struct remedy_report {
  std::vector<remedy_path> paths;
  std::vector<stage> stages_without_remedy;  ///< stages where the worker has no place to complain
};

/// Remedy paths, breadth-first over `refers_to`, from every actor of the corridor that a worker
/// can reach at each stage, to the actors that receive complaints at that stage.
remedy_report remedy_paths(const corpus& c, const corridor& where);

/// How much rests on each actor: obligations by stage, and betweenness centrality in the
/// corridor's graph of actors and obligations (Brandes, Boost.Graph), highest first.
struct actor_load {
  std::string actor;
  std::array<std::size_t, 4> by_stage{};
  std::size_t total = 0;
  double centrality = 0;
};
std::vector<actor_load> responsibility_load(const corpus& c, const corridor& where);

}  // namespace dutymap
