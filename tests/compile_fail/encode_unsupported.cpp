// expect: conform::encode: unsupported type
// encode writes only the types decode reads.
#include <conform/encode.hpp>

#include <set>
#include <vector>

int main() {
#ifdef CONTROL
  std::vector<int> ids = {1, 2};
#else
  std::set<int> ids = {1, 2};
#endif
  return conform::encode(ids).empty() ? 1 : 0;
}
