// expect: conform::generate: an enum described without enumerators has no value
// generate() draws an enumerator; an enum described without any has none to draw.
#include <conform/generate.hpp>

#include <boost/describe/enum.hpp>

#include <string_view>

enum class none {};
enum class one { only };
BOOST_DESCRIBE_ENUM(none)
BOOST_DESCRIBE_ENUM(one, only)

int main() {
#ifdef CONTROL
  return static_cast<int>(conform::generate<one>(std::string_view()));
#else
  return static_cast<int>(conform::generate<none>(std::string_view()));
#endif
}
