// expect: conform::generate: unsupported type
// generate() builds only the types decode reads.
#include <conform/generate.hpp>

#include <set>
#include <string_view>
#include <vector>

int main() {
#ifdef CONTROL
  return static_cast<int>(conform::generate<std::vector<int>>(std::string_view()).size());
#else
  return static_cast<int>(conform::generate<std::set<int>>(std::string_view()).size());
#endif
}
