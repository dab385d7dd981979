// expect: compiles
// flags: -fsanitize=undefined
// validate() of a type with cross-member rules, under -fsanitize=undefined: g++ 12 then no
// longer took "type_rules_checker<T>() != nullptr" as a constant expression, and validate.hpp
// asked exactly that in an `if constexpr`.
#include <conform/validate.hpp>

#include <boost/describe.hpp>

#include <optional>

struct interval {
  std::optional<int> low;
  std::optional<int> high;
};
BOOST_DESCRIBE_STRUCT(interval, (), (low, high))
CONFORM_TYPE_RULES(interval, conform::ordered<&interval::low, &interval::high>);

int main() {
  interval x{1, 0};
  return static_cast<int>(conform::validate(x).size());
}
