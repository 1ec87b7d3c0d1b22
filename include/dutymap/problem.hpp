#pragma once
/// Problems found in corpus files, and the exception that carries them.

#include <stdexcept>
#include <string>
#include <vector>

namespace dutymap {

/// One problem found while loading or validating: where it is and what is wrong.
struct problem {
  std::string file;  ///< file path, or "<memory>" for items built in code
  int line = 0;      ///< 1-based; 0 when unknown
  int column = 0;    ///< 1-based; 0 when unknown
  std::string message;

  /// "file:line:column: message" (line and column left out when unknown).
  std::string str() const {
    std::string out = file;
    if (line > 0)
      out.append(1, ':').append(std::to_string(line)).append(1, ':').append(std::to_string(column));
    return out.append(": ").append(message);
  }
  bool operator==(const problem&) const = default;
};

/// Thrown when a corpus cannot be loaded or built; carries every problem found.
/// `what()` lists them, one per line. Nothing was loaded when it is thrown.
class corpus_error : public std::runtime_error {
 public:
  explicit corpus_error(std::vector<problem> problems)
      : std::runtime_error(describe(problems)), problems_(std::move(problems)) {}
  const std::vector<problem>& problems() const noexcept { return problems_; }

 private:
  static std::string describe(const std::vector<problem>& problems) {
    std::string out = std::to_string(problems.size());
    out.append(problems.size() == 1 ? " problem" : " problems").append(" in the corpus:");
    for (const auto& p : problems) out.append(1, '\n').append(p.str());
    return out;
  }
  std::vector<problem> problems_;
};

}  // namespace dutymap
