#pragma once
// One corpus file read into its items, before the files are laid over each other: which optional
// keys each instrument gave (annexes and provisions inherit the others), whether an item replaces
// an earlier one, and where each was read.

#include <dutymap/corpus.hpp>
#include <dutymap/detail/source_map.hpp>
#include <dutymap/io/load.hpp>

#include <utility>
#include <vector>

namespace dutymap::loading {

using detail::source_location;
using detail::source_map;

// Which optional keys an item gave, for inheritance by annexes and provisions.
enum given : unsigned {
  g_parties = 1,
  g_level = 2,
  g_binding = 4,
  g_adopted = 8,
  g_in_force = 16,
  g_expires = 32,
  g_sectors = 64,
  g_excluded = 128,
  g_territories = 256,
  g_workers = 512,
  g_kind = 1024,
  g_region = 2048
};

struct parsed_instrument {
  instrument item;
  unsigned given = 0;
  std::vector<unsigned> provision_scope_given;
  bool replaces = false;
  source_location at;
};

struct parsed_file {
  std::vector<sector> sectors;
  std::vector<topic> topics;
  std::vector<actor> actors;
  std::vector<ratification> ratifications;
  std::vector<profile> profiles;
  std::vector<parsed_instrument> instruments;
  std::vector<implementation_record> practice;
  // `replaces` flags and locations, parallel to the vectors above.
  std::vector<std::pair<bool, source_location>> sector_meta, topic_meta, actor_meta,
      ratification_meta, profile_meta, practice_meta;
};

// Reads one file's items; every problem goes to `problems`, and where each item and field was read
// to `where` when `locate` is on. A file refused whole gives no items.
parsed_file read_file(const source_file& file, std::vector<problem>& problems, source_map& where,
                      const load_limits& limits, bool locate);

}  // namespace dutymap::loading
