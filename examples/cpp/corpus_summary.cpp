// Prints an overview of the built-in corpus, or of folders layered over it:
//   corpus_summary [FOLDER...]
// Problems in the folders are printed one per line as file:line:column: message.

#include <dutymap/dutymap.hpp>

#include <algorithm>
#include <iostream>

int main(int argc, char** argv) {
  std::vector<std::filesystem::path> layers(argv + 1, argv + argc);
  try {
    const dutymap::corpus c = layers.empty() ? dutymap::builtin() : dutymap::load(layers);
    const auto s = c.summary();
    std::cout << "dutymap " << dutymap::version << ": " << s.instruments << " instruments, "
              << s.provisions << " provisions, " << s.topics << " topics, " << s.actors
              << " actors, " << s.ratifications << " ratifications, " << s.profiles
              << " profiles\n";
    for (auto k : {dutymap::stage::pre_departure, dutymap::stage::transit,
                   dutymap::stage::employment, dutymap::stage::return_home})
      std::cout << "  " << dutymap::name_of(k) << ": "
                << s.provisions_by_stage[static_cast<std::size_t>(k)] << " provisions\n";
    const auto& mou = c.get_instrument("mou-khm-mys-2015-dw-contract");
    std::cout << mou.id << " restricts the worker in "
              << std::count_if(mou.provisions.begin(), mou.provisions.end(),
                               [](const dutymap::provision& p) { return p.restricts(); })
              << " clauses\n";
  } catch (const dutymap::corpus_error& e) {
    for (const auto& p : e.problems()) std::cerr << p.str() << "\n";
    return 1;
  }
  return 0;
}
