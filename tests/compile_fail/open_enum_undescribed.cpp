// expect: conform::open_enum<E>: E must be a described enum
// An open enumeration needs the enumerators' spellings.
#include <conform/open_enum.hpp>

#include <boost/describe.hpp>

enum class phase { running, failed };
#ifdef CONTROL
BOOST_DESCRIBE_ENUM(phase, running, failed)
#endif

int main() {
  return conform::open_enum<phase>::from_string("running").is_known() ? 0 : 1;
}
