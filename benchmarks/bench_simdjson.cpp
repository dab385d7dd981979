// conform_bench: simdjson 3.0 (Debian libsimdjson-dev), the DOM API with one parser reused
// for the whole run (its documented use: the parser keeps its buffers). Documents are read
// in place: every fixture keeps SIMDJSON_PADDING spare bytes after its text.
#include "bench.hpp"

#include <simdjson.h>

namespace conform_bench {
namespace {

static_assert(simdjson::SIMDJSON_PADDING <= 64, "fixtures reserve 64 bytes of padding");

void dom(benchmark::State& state, fixture const& f) {
  simdjson::dom::parser parser;
  // No memory counters: the reused parser allocates nothing per document once warm.
  run(state, f, {false, false}, [&](std::string_view d) {
    simdjson::dom::element e;
    auto error = parser.parse(d.data(), d.size(), false).get(e);
    return outcome{!error, error ? 0 : static_cast<std::size_t>(e.type())};
  });
}

} // namespace

void add_simdjson_readers(std::vector<reader>& out) {
  out.push_back({"simdjson.dom", &dom});
}

} // namespace conform_bench
