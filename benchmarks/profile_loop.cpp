// conform_profile_loop: a plain loop over one reader of conform_bench, for profilers
// (valgrind --tool=callgrind, perf), which want a deterministic program without Google
// Benchmark's timing machinery. Built on demand with -O3 and debug info:
//   meson compile -C build benchmarks/conform_profile_loop
//   valgrind --tool=callgrind --callgrind-out-file=cg.out
//            build/benchmarks/conform_profile_loop 200 tests/fixtures/valid/full.json
//   callgrind_annotate --inclusive=yes cg.out | head -60
// instructions.sh runs it under callgrind at two iteration counts for every reader, which
// gives instructions per document: a measure that does not move with the machine's load.
// Usage: conform_profile_loop [--reader NAME] [--lines N] [--max-diagnostics N] ITERATIONS FILE...
//   NAME: conform.text (default), conform.text.into (decode_into, one object reused),
//   conform.dom, boost.dom, boost.sax_null, boost.dom_describe
//   (--dom is kept as a synonym of --reader conform.dom)
//   --lines N: each FILE is NDJSON, and its first N non-empty lines are the documents (the
//   `ndjson` fixture, read line by line as conform_bench reads it)
#include "conform_options.hpp"
#include "describe_walk.hpp"
#include "null_handler.hpp"

#include <conform/decode.hpp>
#include <conform/decode_value.hpp>
#include <conform/modelarts.hpp>

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/parse.hpp>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

using conform::modelarts::training_job;
using conform_bench::null_handler;

// The options of conform_bench's readers (every diagnostic kept), unless --max-diagnostics.
conform::decode_options reader_options = conform_bench::all_diagnostics();

// One document through one reader; returns something that depends on the work.
std::size_t read_one(std::string const& reader, std::string const& t,
                     boost::json::basic_parser<null_handler>& sax) {
  conform::decode_options const& options = reader_options;
  if (reader == "conform.text") {
    return conform::decode<training_job>(t, options).diagnostics.size();
  }
  if (reader == "conform.text.into") {
    static training_job job; // one object for the whole run, as a stream reader keeps
    return conform::decode_into(job, t, options).size();
  }
  if (reader == "conform.dom") {
    boost::json::value v = boost::json::parse(t);
    return conform::decode<training_job>(v, options).diagnostics.size();
  }
  if (reader == "boost.dom") {
    return boost::json::parse(t).as_object().size();
  }
  if (reader == "boost.dom_describe") {
    boost::json::value v = boost::json::parse(t);
    training_job job;
    describe_walk::from_json(v, job);
    return job.kind.has_value() ? 1 : 0;
  }
  boost::system::error_code ec;
  sax.reset();
  sax.write_some(false, t.data(), t.size(), ec);
  return ec ? 1 : 0;
}

} // namespace

int main(int argc, char** argv) {
  int arg = 1;
  std::string reader = "conform.text";
  if (argc > arg && std::strcmp(argv[arg], "--dom") == 0) {
    reader = "conform.dom";
    ++arg;
  } else if (argc > arg + 1 && std::strcmp(argv[arg], "--reader") == 0) {
    reader = argv[arg + 1];
    arg += 2;
  }
  long lines = 0; // 0: each file is one document
  if (argc > arg + 1 && std::strcmp(argv[arg], "--lines") == 0) {
    lines = std::strtol(argv[arg + 1], nullptr, 10);
    arg += 2;
  }
  if (argc > arg + 1 && std::strcmp(argv[arg], "--max-diagnostics") == 0) {
    reader_options.max_diagnostics = std::strtoul(argv[arg + 1], nullptr, 10);
    arg += 2;
  }
  bool known = reader == "conform.text" || reader == "conform.text.into" ||
               reader == "conform.dom" || reader == "boost.dom" || reader == "boost.sax_null" ||
               reader == "boost.dom_describe";
  if (!known || argc < arg + 2) {
    std::fprintf(stderr,
                 "usage: %s [--reader NAME] [--lines N] [--max-diagnostics N] ITERATIONS FILE...\n",
                 argv[0]);
    return 2;
  }
  long iterations = std::strtol(argv[arg++], nullptr, 10);
  std::vector<std::string> texts;
  for (; arg < argc; ++arg) {
    std::ifstream in(argv[arg], std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "cannot read %s\n", argv[arg]);
      return 2;
    }
    if (lines > 0) {
      std::string line;
      for (long n = 0; n < lines && std::getline(in, line);) {
        if (!line.empty()) {
          texts.push_back(line);
          ++n;
        }
      }
      continue;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    texts.push_back(ss.str());
  }
  boost::json::basic_parser<null_handler> sax(boost::json::parse_options{});
  std::size_t sum = 0;
  for (long i = 0; i < iterations; ++i) {
    for (std::string const& t : texts) {
      sum += read_one(reader, t, sax);
    }
  }
  std::printf("%s: %zu\n", reader.c_str(), sum);
  return 0;
}
