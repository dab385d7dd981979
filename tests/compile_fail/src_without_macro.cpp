// expect: conform/src.hpp is for separate compilation
// <conform/src.hpp> in a program that did not define CONFORM_SEPARATE_COMPILATION: its
// definitions would clash with (or silently duplicate) the header-only ones.
#ifdef CONTROL
#define CONFORM_SEPARATE_COMPILATION
#endif
#include <conform/src.hpp>

int main() {
  return 0;
}
