// The command-line validator's pipeline on a 10,000-response NDJSON stream, with one worker
// thread and with two (`conform validate --jobs 1` against `--jobs 2`), measured in the same run
// as documents/s (items_per_second) and MB/s (bytes_per_second). The pipeline is called as a
// library function (conform_cli::validate_memory from conform_cli_lib), so no process start,
// file system or terminal is measured; reading, splitting, decoding, rendering and ordering are.
//
// The stream is generated in memory at setup from the API page's example and the full fixture,
// with varied values (names, ids, times, phases, priorities, task counts), and one response in
// 50 carries a planted defect so that the rendering path is exercised too.
//
// `cli.tiny/jobs1` and `jobs2` price the pipeline itself: 100,000 lines of `{}`, where
// validating a document costs less than handing it to a worker thread. Workers take documents
// in batches; when they took them one at a time, `--jobs 2` ran such a stream 7 to 15 times
// slower than `--jobs 1`, most of it in the kernel (futex calls).
#include "conform_cli.hpp"

#include <benchmark/benchmark.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace {

constexpr std::size_t responses = 10000;

std::string read_fixture(char const* name) {
  std::string path = std::string(CONFORM_SOURCE_DIR) + "/tests/fixtures/valid/" + name;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw std::runtime_error("cannot open " + path);
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string make_stream() {
  boost::json::value const bases[] = {boost::json::parse(read_fixture("api_example.json")),
                                      boost::json::parse(read_fixture("full.json"))};
  char const* const phases[] = {"Running", "Completed", "Failed", "Pending", "Abnormal"};
  std::string out;
  for (std::size_t i = 0; i < responses; ++i) {
    boost::json::value v = bases[i % 2];
    auto& metadata = v.at("metadata").as_object();
    metadata["name"] = "trainjob-" + std::to_string(i);
    metadata["create_time"] = std::int64_t(1636447346315) + static_cast<std::int64_t>(i) * 977;
    auto& status = v.at("status").as_object();
    status["phase"] = i % 50 == 49 ? "Runing" : phases[i % 5]; // the planted defect
    status["duration"] = static_cast<std::int64_t>(i % 86400) * 1000;
    auto& tasks = status["tasks"].as_array();
    for (std::size_t t = tasks.size(); t < 1 + i % 4; ++t) {
      tasks.emplace_back("worker-" + std::to_string(t));
    }
    if (auto* spec = v.at("spec").as_object().if_contains("schedule_policy")) {
      spec->as_object()["priority"] = static_cast<std::int64_t>(i % 4);
    }
    out += boost::json::serialize(v);
    out += '\n';
  }
  return out;
}

std::string const& stream() {
  static std::string const s = make_stream();
  return s;
}

constexpr std::size_t tiny_responses = 100000;

std::string const& tiny_stream() {
  static std::string const s = [] {
    std::string out;
    for (std::size_t i = 0; i < tiny_responses; ++i) {
      out += "{}\n";
    }
    return out;
  }();
  return s;
}

void validate_ndjson(benchmark::State& state, std::string const& data, std::size_t documents,
                     std::size_t invalid, unsigned jobs) {
  conform_cli::settings s;
  s.input = conform_cli::input_format::ndjson;
  s.jobs = jobs;
  // A stream without a buffer drops what is written: the report is rendered, not printed.
  std::ostream sink(nullptr);
  std::ostringstream errors;
  conform_cli::totals t;
  for (auto _ : state) {
    t = conform_cli::validate_memory(data, "bench.ndjson", s, sink, errors);
    benchmark::DoNotOptimize(t.documents);
  }
  if (t.documents != documents || t.invalid != invalid) {
    state.SkipWithError("unexpected totals: the generated stream or the pipeline is wrong");
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * documents));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * data.size()));
  state.counters["MB"] = static_cast<double>(data.size()) / 1e6;
}

// Real time, not the main thread's CPU time: with two workers the main thread mostly waits.
void register_pair(char const* name, std::string const& (*data)(), std::size_t documents,
                   std::size_t invalid) {
  for (unsigned jobs : {1u, 2u}) {
    benchmark::RegisterBenchmark(
        (std::string(name) + "/jobs" + std::to_string(jobs)).c_str(),
        [=](benchmark::State& st) { validate_ndjson(st, data(), documents, invalid, jobs); })
        ->UseRealTime()
        ->Unit(benchmark::kMillisecond);
  }
}

bool const registered = [] {
  register_pair("cli.ndjson", stream, responses, responses / 50);
  register_pair("cli.tiny", tiny_stream, tiny_responses, 0);
  return true;
}();

} // namespace
