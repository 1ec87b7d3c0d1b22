# Writes a C++ source that holds the built-in corpus files as byte arrays.
# Arguments: ROOT (source root), FILES ("|"-separated absolute paths), OUT (the .cpp to write).
string(REPLACE "|" ";" files "${FILES}")
set(arrays "")
set(entries "")
set(i 0)
foreach(f IN LISTS files)
  file(RELATIVE_PATH name "${ROOT}" "${f}")
  file(READ "${f}" hex HEX)
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
  string(REGEX REPLACE "(0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,)" "\\1\n" bytes "${bytes}")
  string(LENGTH "${hex}" hexlen)
  math(EXPR size "${hexlen} / 2")
  string(APPEND arrays "const unsigned char file_${i}[] = {\n${bytes}0x00};\n")
  string(APPEND entries "      {\"${name}\", std::string(reinterpret_cast<const char*>(file_${i}), ${size})},\n")
  math(EXPR i "${i} + 1")
endforeach()
file(WRITE "${OUT}.tmp" "// Generated from corpus/ by cmake/embed_corpus.cmake. Do not edit.
#include <dutymap/builtin.hpp>

namespace dutymap {
namespace {
${arrays}}  // namespace

const std::vector<source_file>& builtin_sources() {
  static const std::vector<source_file> files{
${entries}  };
  return files;
}

}  // namespace dutymap
")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUT}.tmp")
