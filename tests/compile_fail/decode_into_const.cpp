// expect: conform: cannot decode into a const object
// decode_into must be given an object it may write.
#include <conform/decode.hpp>

#include <boost/describe.hpp>

struct point {
  int x = 0;
  int y = 0;
};
BOOST_DESCRIBE_STRUCT(point, (), (x, y))

int main() {
#ifdef CONTROL
  point p;
#else
  point const p;
#endif
  return conform::decode_into(p, R"({"x": 1, "y": 2})").empty() ? 0 : 1;
}
