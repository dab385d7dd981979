// expect: conform: a constraint is attached to a member whose type it does not apply to
// length<> counts characters: it cannot apply to an integer member.
#include <conform/decode.hpp>

#include <boost/describe.hpp>

#include <string>

struct job {
  int count = 0;
  std::string name;
};
BOOST_DESCRIBE_STRUCT(job, (), (count, name))
#ifdef CONTROL
CONFORM_MEMBER_RULES(job, name, conform::length<1, 64>);
#else
CONFORM_MEMBER_RULES(job, count, conform::length<1, 64>);
#endif

int main() {
  return conform::decode<job>("{}").ok() ? 0 : 1;
}
