// expect: conform: unsupported member type
// Decoding into a struct that BOOST_DESCRIBE_STRUCT does not describe.
#include <conform/decode.hpp>

#include <boost/describe.hpp>

struct plain {
  int a = 0;
};
#ifdef CONTROL
BOOST_DESCRIBE_STRUCT(plain, (), (a))
#endif

int main() {
  return conform::decode<plain>(R"({"a": 1})").ok() ? 0 : 1;
}
