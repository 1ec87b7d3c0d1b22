// Prints the gap report of a corridor against a profile:
//   corridor_gaps ORIGIN DESTINATION PROFILE [SECTOR] [AS_OF]
//   corridor_gaps KHM MYS khm-lmp-2014-mou-minimum domestic_work 2017-12-31

#include <dutymap/dutymap.hpp>

#include <cmath>
#include <iostream>
#include <string>

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
    // The share of norms whose status rests on read text or a cited absence, not on silence.
    const double evidence = report.evidence_index();
    std::cout << "as of " << report.as_of.str() << "; evidence index "
              << (std::isnan(evidence) ? std::string("n/a")
                                       : std::to_string(std::lround(100 * evidence)) + "%")
              << "\n";
    for (const auto& row : report.rows) {
      std::cout << dutymap::name_of(row.status) << "\t" << dutymap::name_of(row.stage) << "\t"
                << row.topic << (row.in_profile ? "" : " (outside the profile)") << "\n\t"
                << row.explanation << "\n";
      for (const auto& e : row.evidence)
        if (e.kind == dutymap::evidence_kind::reported_lack)
          std::cout << "\treported lacking in " << e.instrument << ": " << e.citation << "\n";
    }
  } catch (const std::invalid_argument& e) {
    std::cerr << e.what() << "\n";
    return 2;
  }
  return 0;
}
