// Boost.JSON's compiled part, built once per build directory when -Dboost_json=src
// (see meson.build). Never combine this with linking libboost_json.
#include <boost/json/src.hpp>
