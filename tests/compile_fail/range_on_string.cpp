// expect: conform: a constraint is attached to a member whose type it does not apply to
// range<> bounds a number: it cannot apply to a string member.
#include <conform/decode.hpp>

#include <boost/describe.hpp>

#include <optional>
#include <string>

struct job {
  std::optional<std::string> name;
  std::optional<double> ratio;
};
BOOST_DESCRIBE_STRUCT(job, (), (name, ratio))
#ifdef CONTROL
CONFORM_MEMBER_RULES(job, ratio, conform::range<0, 1>);
#else
CONFORM_MEMBER_RULES(job, name, conform::range<0, 1>);
#endif

int main() {
  return conform::decode<job>("{}").ok() ? 0 : 1;
}
