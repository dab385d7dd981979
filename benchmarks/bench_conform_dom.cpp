// conform_bench: conform's DOM path, boost::json::parse then conform::decode<training_job>
// on the value. Both steps are timed: that is what a caller who starts from text but wants
// a DOM as well pays. Compared with boost.dom_describe (the same parse plus a plain walk).
#include "bench.hpp"
#include "conform_options.hpp"

#include <conform/decode.hpp>
#include <conform/decode_value.hpp>
#include <conform/modelarts.hpp>

#include <boost/json/parse.hpp>

namespace conform_bench {
namespace {

using conform::modelarts::training_job;

outcome dom_one(std::string_view d) {
  static conform::decode_options const o = all_diagnostics();
  boost::json::error_code ec;
  boost::json::value v = boost::json::parse(d, ec);
  if (ec) {
    return outcome{};
  }
  auto r = conform::decode<training_job>(v, o);
  return outcome{r.ok(), r.diagnostics.size()};
}

void dom(benchmark::State& state, fixture const& f) {
  run(state, f, {true, true}, [](std::string_view d) { return dom_one(d); });
}

} // namespace

void add_conform_dom_readers(std::vector<reader>& out) {
  out.push_back({"conform.dom", &dom, {"example_first_error"}});
  out.back().one = &dom_one;
}

} // namespace conform_bench
