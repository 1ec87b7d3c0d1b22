// The built-in corpus: parsed from the embedded files on first use.

#include <dutymap/builtin.hpp>

namespace dutymap {

const corpus& builtin() {
  // A function-local static is initialised once, thread-safely; the embedded files were checked
  // by the test suite, so a failure here means the library was built from a broken corpus/.
  static const corpus c = load_sources({builtin_sources()}, corpus{});
  return c;
}

}  // namespace dutymap
