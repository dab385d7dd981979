// conform_bench: RapidJSON 1.1 (Debian rapidjson-dev), a DOM parse with the default flags
// and a fresh Document per document. Its allocator is malloc, not operator new, so no
// memory counters: they would read zero.
#include "bench.hpp"

#include <rapidjson/document.h>

namespace conform_bench {
namespace {

void dom(benchmark::State& state, fixture const& f) {
  run(state, f, {false, false}, [](std::string_view d) {
    rapidjson::Document doc;
    doc.Parse(d.data(), d.size());
    return outcome{!doc.HasParseError(), doc.IsObject() ? doc.MemberCount() : 0};
  });
}

} // namespace

void add_rapidjson_readers(std::vector<reader>& out) {
  out.push_back({"rapidjson.dom", &dom});
}

} // namespace conform_bench
