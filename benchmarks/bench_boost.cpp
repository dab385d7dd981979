// conform_bench: the Boost.JSON baselines, on the same Boost.JSON 1.81 that conform uses:
//   boost.dom            boost::json::parse with the default allocator
//   boost.dom_monotonic  the same into a monotonic_resource (Boost's fastest DOM set-up)
//   boost.sax_null       basic_parser with a handler that does nothing: the ceiling for any
//                        decoder built on basic_parser (null_handler.hpp)
//   boost.dom_describe   boost::json::parse plus the plain Describe walk of describe_walk.hpp
//                        into the same structs, without validation
#include "bench.hpp"
#include "describe_walk.hpp"
#include "null_handler.hpp"

#include <conform/modelarts.hpp>

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parse.hpp>

namespace conform_bench {
namespace {

outcome dom_one(std::string_view d) {
  boost::json::error_code ec;
  boost::json::value v = boost::json::parse(d, ec);
  return outcome{!ec, v.is_object() ? v.get_object().size() : 0};
}

void dom(benchmark::State& state, fixture const& f) {
  run(state, f, {false, true}, [](std::string_view d) { return dom_one(d); });
}

void dom_monotonic(benchmark::State& state, fixture const& f) {
  run(state, f, {false, true}, [](std::string_view d) {
    boost::json::monotonic_resource mr;
    boost::json::error_code ec;
    boost::json::value v = boost::json::parse(d, ec, &mr);
    return outcome{!ec, v.is_object() ? v.get_object().size() : 0};
  });
}

outcome sax_null_one(std::string_view d) {
  // One parser for the whole run, reset per document, as a streaming reader would use it.
  // max_depth as conform.text sets it (its 64 plus one), so both parsers accept the same.
  static boost::json::basic_parser<null_handler> p([] {
    boost::json::parse_options po;
    po.max_depth = 65;
    return po;
  }());
  p.reset();
  boost::system::error_code ec;
  std::size_t n = p.write_some(false, d.data(), d.size(), ec);
  return outcome{!ec, n};
}

void sax_null(benchmark::State& state, fixture const& f) {
  run(state, f, {false, true}, [](std::string_view d) { return sax_null_one(d); });
}

outcome dom_describe_one(std::string_view d) {
  boost::json::error_code ec;
  boost::json::value v = boost::json::parse(d, ec);
  conform::modelarts::training_job job;
  describe_walk::from_json(v, job);
  return outcome{
      !ec, job.status && job.status->running_records ? job.status->running_records->size() : 0};
}

void dom_describe(benchmark::State& state, fixture const& f) {
  run(state, f, {false, true}, [](std::string_view d) { return dom_describe_one(d); });
}

} // namespace

void add_boost_readers(std::vector<reader>& out) {
  out.push_back({"boost.dom", &dom});
  out.back().one = &dom_one;
  out.push_back({"boost.dom_monotonic", &dom_monotonic});
  out.push_back({"boost.sax_null", &sax_null});
  out.back().one = &sax_null_one;
  out.push_back({"boost.dom_describe", &dom_describe});
  out.back().one = &dom_describe_one;
}

} // namespace conform_bench
