// compile_cost.sh's comparison translation unit: the same structs filled by the plain
// Describe walk over a Boost.JSON DOM (describe_walk.hpp), without validation. The issue's
// baseline for such a file: 6.5 s and 386 MiB with g++ -O2.
#include "describe_walk.hpp"

#include <conform/modelarts.hpp>

#include <boost/json/parse.hpp>

#include <string_view>

bool walk_training_job(std::string_view text, conform::modelarts::training_job& out) {
  boost::json::error_code ec;
  boost::json::value v = boost::json::parse(text, ec);
  if (ec) {
    return false;
  }
  describe_walk::from_json(v, out);
  return true;
}
