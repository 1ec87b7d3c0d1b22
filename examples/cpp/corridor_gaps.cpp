// Prints the gap report of a corridor against a profile:
//   corridor_gaps ORIGIN DESTINATION PROFILE [SECTOR] [AS_OF]
//   corridor_gaps KHM MYS khm-lmp-2014-mou-minimum domestic_work 2017-12-31

#include <dutymap/dutymap.hpp>

#include <iostream>

int main(int argc, char** argv) {
  if (argc < 4) {
    std::cerr << "usage: corridor_gaps ORIGIN DESTINATION PROFILE [SECTOR] [AS_OF]\n";
    return 2;
  }
  dutymap::corridor where;
  where.origin = argv[1];
  where.destination = argv[2];
  if (argc > 4) where.sector = argv[4];
  if (argc > 5) where.as_of = dutymap::date::parse(argv[5]);
  try {
    const auto report = dutymap::gaps(dutymap::builtin(), where, argv[3]);
    std::cout << "as of " << report.as_of.str() << "\n";
    for (const auto& row : report.rows) {
      std::cout << dutymap::name_of(row.status) << "\t" << dutymap::name_of(row.stage) << "\t"
                << row.topic << (row.in_profile ? "" : " (outside the profile)") << "\n\t"
                << row.explanation << "\n";
    }
  } catch (const std::invalid_argument& e) {
    std::cerr << e.what() << "\n";
    return 2;
  }
  return 0;
}
