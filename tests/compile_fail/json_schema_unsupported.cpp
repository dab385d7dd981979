// expect: conform::json_schema: unsupported type
// json_schema() describes only the types decode reads.
#include <conform/json_schema.hpp>

#include <set>
#include <vector>

int main() {
#ifdef CONTROL
  return static_cast<int>(conform::json_schema<std::vector<int>>().size());
#else
  return static_cast<int>(conform::json_schema<std::set<int>>().size());
#endif
}
