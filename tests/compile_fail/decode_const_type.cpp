// expect: conform: cannot decode into a const object
// decode<T> with a const T.
#include <conform/decode.hpp>

#include <boost/describe.hpp>

struct point {
  int x = 0;
  int y = 0;
};
BOOST_DESCRIBE_STRUCT(point, (), (x, y))

#ifdef CONTROL
using target = point;
#else
using target = point const;
#endif

int main() {
  return conform::decode<target>(R"({"x": 1, "y": 2})").ok() ? 0 : 1;
}
