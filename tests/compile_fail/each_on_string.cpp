// expect: conform: a constraint is attached to a member whose type it does not apply to
// each<> applies to the elements of an array or map; a string has none.
#include <conform/decode.hpp>

#include <boost/describe.hpp>

#include <string>
#include <vector>

struct job {
  std::string name;
  std::vector<std::string> tags;
};
BOOST_DESCRIBE_STRUCT(job, (), (name, tags))
#ifdef CONTROL
CONFORM_MEMBER_RULES(job, tags, conform::each<conform::non_empty>);
#else
CONFORM_MEMBER_RULES(job, name, conform::each<conform::non_empty>);
#endif

int main() {
  return conform::decode<job>("{}").ok() ? 0 : 1;
}
