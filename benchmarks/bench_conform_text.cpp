// conform_bench: conform's text path, conform::decode<training_job>(text): conform's own
// parser straight into the struct, with every diagnostic collected (line and column
// included). Also decode_into reusing one object (conform.text.into), and the first-error
// and fail_fast cases. Its own translation unit because it instantiates the whole decoder
// for the ModelArts schema, the slowest part of the build.
#include "bench.hpp"
#include "conform_options.hpp"

#include <conform/decode.hpp>
#include <conform/modelarts.hpp>

namespace conform_bench {
namespace {

using conform::modelarts::training_job;

outcome text_one(std::string_view d) {
  static conform::decode_options const o = all_diagnostics();
  auto r = conform::decode<training_job>(d, o);
  return outcome{r.ok(), r.diagnostics.size()};
}

void text(benchmark::State& state, fixture const& f) {
  run(state, f, {true, true}, [](std::string_view d) { return text_one(d); });
}

// decode_into with one object for every document, as a stream reader keeps it: each
// document overwrites the previous one's strings and vectors in place (decode.hpp).
outcome text_into_one(std::string_view d) {
  static conform::decode_options const o = all_diagnostics();
  static training_job job;
  conform::diagnostics ds = conform::decode_into(job, d, o);
  return outcome{!ds.has_errors(), ds.size()};
}

void text_into(benchmark::State& state, fixture const& f) {
  run(state, f, {true, true}, [](std::string_view d) { return text_into_one(d); });
}

void text_fail_fast(benchmark::State& state, fixture const& f) {
  conform::decode_options o = all_diagnostics();
  o.fail_fast = true;
  run(state, f, {true, true}, [&](std::string_view d) {
    auto r = conform::decode<training_job>(d, o);
    return outcome{r.ok(), r.diagnostics.size()};
  });
}

} // namespace

void add_conform_text_readers(std::vector<reader>& out) {
  out.push_back({"conform.text", &text, {"example_first_error"}});
  out.back().one = &text_one;
  out.push_back({"conform.text.into", &text_into});
  out.back().one = &text_into_one;
  out.push_back({"conform.text.fail_fast",
                 &text_fail_fast,
                 {},
                 {"example", "example_first_error", "errors"}});
}

} // namespace conform_bench
