// Saving: deterministic, round-trips to an equal corpus, never leaves a half-written folder.

#include "support.hpp"

#include <dutymap/io/save.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace dutymap;
using namespace dutymap::testing;
namespace fs = std::filesystem;

namespace {
fs::path fresh_dir(const std::string& name) {
  auto p = fs::temp_directory_path() / ("dutymap-test-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(p);
  return p;
}
std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}
}  // namespace

TEST_CASE("load, save, load gives an equal corpus", "[save]") {
  const auto dir = fresh_dir("roundtrip");
  save(small(), dir);
  const corpus again = load({dir}, corpus{});
  CHECK(again == small());
  // Saving again gives the same bytes.
  const auto dir2 = fresh_dir("roundtrip2");
  save(again, dir2);
  for (const auto& f : corpus_files(dir)) {
    const auto rel = fs::relative(f, dir);
    CHECK(slurp(f) == slurp(dir2 / rel));
  }
  fs::remove_all(dir);
  fs::remove_all(dir2);
}

TEST_CASE("the built-in corpus round-trips too", "[save][builtin]") {
  const auto dir = fresh_dir("builtin");
  save(builtin(), dir);
  CHECK(load({dir}, corpus{}) == builtin());
  CHECK(load_sources({to_sources(builtin())}, corpus{}) == builtin());
  fs::remove_all(dir);
}

TEST_CASE("saving refuses to overwrite unless asked, and replaces the folder whole", "[save]") {
  const auto dir = fresh_dir("overwrite");
  save(small(), dir);
  CHECK_THROWS_WITH(save(small(), dir), Catch::Matchers::Contains("exists; pass overwrite"));
  // A stray file in the old folder does not survive an overwrite: the folder is replaced whole.
  std::ofstream(dir / "stray.yaml") << "actors: []\n";
  save(small(), dir, true);
  CHECK_FALSE(fs::exists(dir / "stray.yaml"));
  CHECK(load({dir}, corpus{}) == small());
  // No temporary siblings are left behind.
  for (const auto& e : fs::directory_iterator(dir.parent_path()))
    CHECK(e.path().filename().string().find("." + dir.filename().string() + ".") ==
          std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("a failed save leaves the existing folder as it was", "[save]") {
  const auto dir = fresh_dir("failed");
  save(small(), dir);
  const std::string before = slurp(dir / "actors.yaml");
  // A target below a file cannot be written: the save fails before touching anything.
  CHECK_THROWS(save(small(), dir / "actors.yaml" / "sub", true));
  CHECK(slurp(dir / "actors.yaml") == before);
  CHECK(load({dir}, corpus{}) == small());
  fs::remove_all(dir);
}

TEST_CASE("write_file_atomically leaves either the old or the new file", "[save]") {
  const auto dir = fresh_dir("atomic");
  fs::create_directories(dir);
  write_file_atomically(dir / "f.yaml", "old\n");
  write_file_atomically(dir / "f.yaml", "new\n");
  CHECK(slurp(dir / "f.yaml") == "new\n");
  CHECK_THROWS(write_file_atomically(dir / "missing-folder" / "f.yaml", "x"));
  CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator{}) == 1);
  fs::remove_all(dir);
}

TEST_CASE("text in Khmer, Thai, Lao and Burmese is kept exactly", "[save]") {
  corpus_content content = small().content();
  content.actors[0].name =
      "ព្រះរាជាណាចក្រកម្ពុជា / ราชอาณาจักรไทย / ສປປ ລາວ / မြန်မာ \"quoted\"\nline two";
  const corpus c = corpus::build(content);
  const corpus again = load_sources({to_sources(c)}, corpus{});
  CHECK(again.content().actors[0].name == content.actors[0].name);
}
