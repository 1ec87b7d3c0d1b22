// How fast the YAML parsers available to a C++ core read the corpus files: yaml-cpp (what
// dutymap uses) and libfyaml (Debian libfyaml-dev), each building a document tree from text
// already in memory, so that only parsing is timed. Run by benchmarks/yaml_parsers.py.
//
//   yaml_parsers FILE...     prints one line per parser: name, bytes, seconds

#include <yaml-cpp/yaml.h>

extern "C" {
#include <libfyaml.h>
}

#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

std::string read(const char* path) {
  std::ifstream f(path, std::ios::binary);
  std::ostringstream s;
  s << f.rdbuf();
  return s.str();
}

template <class Parse>
void time_parser(const char* name, const std::vector<std::string>& texts, Parse parse) {
  std::size_t bytes = 0, nodes = 0;
  const auto start = std::chrono::steady_clock::now();
  for (const auto& text : texts) {
    bytes += text.size();
    nodes += parse(text);
  }
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  std::printf("%s %zu %.6f %zu\n", name, bytes, took.count(), nodes);
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> texts;
  for (int i = 1; i < argc; ++i) texts.push_back(read(argv[i]));
  time_parser("yaml-cpp", texts, [](const std::string& text) -> std::size_t {
    const YAML::Node doc = YAML::Load(text);
    return doc.size();
  });
  time_parser("libfyaml", texts, [](const std::string& text) -> std::size_t {
    fy_document* doc = fy_document_build_from_string(nullptr, text.data(), text.size());
    if (!doc) return 0;
    const std::size_t n =
        static_cast<std::size_t>(fy_node_mapping_item_count(fy_document_root(doc)));
    fy_document_destroy(doc);
    return n;
  });
}
