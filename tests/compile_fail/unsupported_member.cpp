// expect: conform: unsupported member type
// std::set is not a supported member type (arrays decode into std::vector).
#include <conform/decode.hpp>

#include <boost/describe.hpp>

#include <set>
#include <vector>

struct job {
#ifdef CONTROL
  std::vector<int> ids;
#else
  std::set<int> ids;
#endif
};
BOOST_DESCRIBE_STRUCT(job, (), (ids))

int main() {
  return conform::decode<job>(R"({"ids": [1]})").ok() ? 0 : 1;
}
