// conform_bench: fixtures, allocation counting, registration, and the ratio table printed
// after the run. Run from anywhere with no arguments: fixture paths are compiled in
// (CONFORM_BENCH_SOURCE_DIR for committed files, CONFORM_BENCH_GENERATED_DIR for large.json
// and stream.ndjson, which the build generates). Google Benchmark's flags all work;
// CONFORM_BENCH_NDJSON_DOCS=N reads only the first N documents of the stream (smoke runs).
#include "bench.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <sstream>

#include <unistd.h>

#ifndef CONFORM_BENCH_SOURCE_DIR
#error "CONFORM_BENCH_SOURCE_DIR must name the source tree (benchmarks/meson.build sets it)"
#endif
#ifndef CONFORM_BENCH_GENERATED_DIR
#error "CONFORM_BENCH_GENERATED_DIR must name the generated fixtures (benchmarks/meson.build)"
#endif

namespace conform_bench {

// ---------------------------------------------------------------------------------------
// Fixtures.

namespace {

struct fixture_source {
  char const* name;
  char const* dir; // CONFORM_BENCH_SOURCE_DIR or CONFORM_BENCH_GENERATED_DIR
  char const* file;
  bool invalid;
  bool lines; // NDJSON: one document per line
};

constexpr char source_dir[] = CONFORM_BENCH_SOURCE_DIR;
constexpr char generated_dir[] = CONFORM_BENCH_GENERATED_DIR;

fixture_source const sources[] = {
    {"example", source_dir, "tests/fixtures/valid/api_example.json", false, false},
    {"full", source_dir, "tests/fixtures/valid/full.json", false, false},
    {"large", generated_dir, "large.json", false, false},
    {"errors", source_dir, "benchmarks/fixtures/errors.json", true, false},
    {"reversed", source_dir, "benchmarks/fixtures/reversed.json", false, false},
    {"unknown", source_dir, "benchmarks/fixtures/unknown.json", false, false},
    {"ndjson", generated_dir, "stream.ndjson", false, true},
    {"example_first_error", source_dir, "benchmarks/fixtures/example_first_error.json", true,
     false},
};

std::size_t ndjson_limit() {
  char const* s = std::getenv("CONFORM_BENCH_NDJSON_DOCS");
  if (!s || !*s) {
    return std::size_t(-1);
  }
  return static_cast<std::size_t>(std::strtoull(s, nullptr, 10));
}

std::unique_ptr<fixture> load(fixture_source const& src) {
  auto f = std::make_unique<fixture>();
  f->name = src.name;
  f->path = std::string(src.dir) + "/" + src.file;
  f->invalid = src.invalid;
  std::ifstream in(f->path, std::ios::binary);
  if (!in) {
    f->load_error = "cannot read " + f->path;
    return f;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  f->storage = ss.str();
  std::size_t size = f->storage.size();
  f->storage.append(64, ' '); // padding (see fixture)
  std::string_view text(f->storage.data(), size);
  if (src.lines) {
    std::size_t limit = ndjson_limit();
    std::size_t at = 0;
    while (at < text.size() && f->docs.size() < limit) {
      std::size_t nl = text.find('\n', at);
      std::size_t end = nl == std::string_view::npos ? text.size() : nl;
      if (end > at) {
        f->docs.push_back(text.substr(at, end - at));
      }
      at = end + 1;
    }
  } else {
    f->docs.push_back(text);
  }
  for (std::string_view d : f->docs) {
    f->bytes += d.size();
  }
  if (f->docs.empty()) {
    f->load_error = "no document in " + f->path;
  }
  return f;
}

} // namespace

fixture const& get_fixture(std::string const& name) {
  static std::map<std::string, std::unique_ptr<fixture>> loaded;
  auto it = loaded.find(name);
  if (it != loaded.end()) {
    return *it->second;
  }
  for (fixture_source const& src : sources) {
    if (name == src.name) {
      return *loaded.emplace(name, load(src)).first->second;
    }
  }
  auto f = std::make_unique<fixture>();
  f->name = name;
  f->load_error = "no fixture called " + name;
  return *loaded.emplace(name, std::move(f)).first->second;
}

namespace detail {
void fail(benchmark::State& state, fixture const& f, std::string const& why) {
  std::string message = f.name + ": " + why;
  state.SkipWithError(message.c_str());
  for (auto _ : state) {
  }
}

void set_memory_counters(benchmark::State& state, fixture const& f, alloc::sample const& worst,
                         double worst_ratio, std::int64_t total_count) {
  // Per document, worst document of the fixture: for the NDJSON stream this shows that the
  // peak follows the largest line, not the file.
  state.counters["peak_bytes"] = benchmark::Counter(double(worst.peak));
  state.counters["peak_x_doc"] = benchmark::Counter(worst_ratio);
  state.counters["allocs_per_doc"] =
      benchmark::Counter(double(total_count) / double(f.docs.size()));
}
} // namespace detail

// ---------------------------------------------------------------------------------------
// Registration and reporting.

namespace {

std::vector<std::string> all_fixtures() {
  std::vector<std::string> out = standard_fixtures();
  out.push_back("example_first_error");
  return out;
}

bool runs_on(reader const& r, std::string const& fixture_name) {
  auto has = [&](std::vector<std::string> const& v) {
    return std::find(v.begin(), v.end(), fixture_name) != v.end();
  };
  if (!r.only.empty()) {
    return has(r.only);
  }
  return has(standard_fixtures()) || has(r.extra);
}

void register_all() {
  std::vector<reader> readers;
  add_conform_text_readers(readers);
  add_conform_dom_readers(readers);
  add_boost_readers(readers);
#ifdef CONFORM_BENCH_HAVE_RAPIDJSON
  add_rapidjson_readers(readers);
#endif
#ifdef CONFORM_BENCH_HAVE_SIMDJSON
  add_simdjson_readers(readers);
#endif
  // Fixture-major order: the readers compared in one ratio run back to back, so that a
  // burst of load on the shared machine hits them alike. Times (and so bytes/s) are CPU
  // times, the default, which another process's load disturbs less than wall time.
  for (std::string const& fx : all_fixtures()) {
    for (reader const& r : readers) {
      if (runs_on(r, fx)) {
        auto bench = r.bench;
        benchmark::RegisterBenchmark((r.name + "/" + fx).c_str(), [bench,
                                                                   fx](benchmark::State& state) {
          bench(state, get_fixture(fx));
        })->Unit(benchmark::kMicrosecond);
      }
    }
  }
}

struct figures {
  double bytes_per_second = 0;
  double peak_bytes = -1;
  double peak_x_doc = -1;
  bool from_median = false;
};

/// Collects each benchmark's figures (the median when repetitions ran) for the ratio table,
/// and remembers errors for the exit status.
struct collector {
  std::map<std::string, figures> by_name;
  std::vector<std::string> errors;

  void collect(std::vector<benchmark::BenchmarkReporter::Run> const& runs) {
    for (auto const& run : runs) {
      std::string name = run.run_name.str();
      if (run.error_occurred) {
        errors.push_back(name + ": " + run.error_message);
        continue;
      }
      bool median = run.run_type == benchmark::BenchmarkReporter::Run::RT_Aggregate;
      if (median && run.aggregate_name != "median") {
        continue;
      }
      figures& f = by_name[name];
      if (f.from_median && !median) {
        continue;
      }
      f.from_median = median;
      auto get = [&](char const* key, double fallback) {
        auto it = run.counters.find(key);
        return it == run.counters.end() ? fallback : double(it->second.value);
      };
      f.bytes_per_second = get("bytes_per_second", 0);
      f.peak_bytes = get("peak_bytes", -1);
      f.peak_x_doc = get("peak_x_doc", -1);
    }
  }
};

template <class Base>
class collecting_reporter : public Base {
public:
  template <class... Args>
  explicit collecting_reporter(collector& c, Args... args) : Base(args...), c_(c) {}
  void ReportRuns(std::vector<benchmark::BenchmarkReporter::Run> const& runs) override {
    c_.collect(runs);
    Base::ReportRuns(runs);
  }

private:
  collector& c_;
};

std::string format_ratio(double r, double target) {
  char buf[64];
  if (r <= 0) {
    return "-";
  }
  if (target > 0) {
    std::snprintf(buf, sizeof buf, "%.2f (>=%.1f %s)", r, target, r >= target ? "ok" : "MISS");
  } else {
    std::snprintf(buf, sizeof buf, "%.2f", r);
  }
  return buf;
}

std::string format_peak(figures const* f) {
  if (!f || f->peak_bytes < 0) {
    return "-";
  }
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.0f KiB (%.1fx)", f->peak_bytes / 1024.0, f->peak_x_doc);
  return buf;
}

/// The ratio table of issue 4 (benchmarks/compare.py prints the same from JSON output).
void print_ratios(collector const& c, std::ostream& os) {
  auto find = [&](std::string const& name) -> figures const* {
    auto it = c.by_name.find(name);
    return it == c.by_name.end() ? nullptr : &it->second;
  };
  auto ratio = [&](std::string const& a, std::string const& b) {
    figures const* x = find(a);
    figures const* y = find(b);
    return x && y && y->bytes_per_second > 0 ? x->bytes_per_second / y->bytes_per_second : 0.0;
  };
  std::map<std::string, double> dom_target{{"example", 1.7}, {"full", 1.5}, {"large", 2.0}};
  char line[512];
  os << "\nRatios of bytes/s (medians when repeated; higher is better for conform):\n";
  std::snprintf(line, sizeof line, "%-20s %-22s %-22s %-22s %-20s %-20s\n", "fixture",
                "text/boost.dom", "text/sax_null", "dom/dom_describe", "peak conform.text",
                "peak boost.dom");
  os << line;
  bool any = false;
  for (std::string const& fx : standard_fixtures()) {
    std::string text = "conform.text/" + fx;
    if (!find(text)) {
      continue;
    }
    any = true;
    auto t = dom_target.find(fx);
    std::snprintf(
        line, sizeof line, "%-20s %-22s %-22s %-22s %-20s %-20s\n", fx.c_str(),
        format_ratio(ratio(text, "boost.dom/" + fx), t == dom_target.end() ? 0 : t->second).c_str(),
        format_ratio(ratio(text, "boost.sax_null/" + fx), 0.5).c_str(),
        format_ratio(ratio("conform.dom/" + fx, "boost.dom_describe/" + fx), 1.0).c_str(),
        format_peak(find(text)).c_str(), format_peak(find("boost.dom/" + fx)).c_str());
    os << line;
  }
  if (!any) {
    os << "(no conform.text benchmark ran)\n";
  }
  // The first error's cost: time per document relative to the valid example.
  double first = ratio("conform.text/example", "conform.text/example_first_error");
  double fast = ratio("conform.text/example", "conform.text.fail_fast/example_first_error");
  if (first > 0 || fast > 0) {
    os << "first error on example, time relative to the valid document: " << format_ratio(first, 0)
       << " (all diagnostics), " << format_ratio(fast, 0) << " (fail_fast)\n";
  }
}

/// lscpu's "Model name" (the first "model name" of /proc/cpuinfo).
std::string cpu_model() {
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line)) {
    if (line.compare(0, 10, "model name") == 0) {
      std::size_t colon = line.find(':');
      if (colon != std::string::npos) {
        std::size_t start = line.find_first_not_of(" \t", colon + 1);
        return start == std::string::npos ? std::string() : line.substr(start);
      }
    }
  }
  return "unknown";
}

std::string flag_value(int argc, char** argv, std::string const& flag) {
  std::string prefix = "--" + flag + "=";
  std::string value;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a.compare(0, prefix.size(), prefix) == 0) {
      value = a.substr(prefix.size());
    }
  }
  return value;
}

} // namespace
} // namespace conform_bench

int main(int argc, char** argv) {
  using namespace conform_bench;
  // Read before Initialize consumes the flags: the display reporter must be ours (to
  // collect figures) but in the format asked for.
  std::string format = flag_value(argc, argv, "benchmark_format");
  std::string color = flag_value(argc, argv, "benchmark_color");
  std::string tabular = flag_value(argc, argv, "benchmark_counters_tabular");
  benchmark::Initialize(&argc, argv);
  // Recorded in the JSON output's context, for compare.py and the README table.
  benchmark::AddCustomContext("cpu_model", cpu_model());
#if defined(__clang__)
  benchmark::AddCustomContext("compiler", std::string("clang++ ") + __clang_version__);
#elif defined(__GNUC__)
  benchmark::AddCustomContext("compiler", std::string("g++ ") + __VERSION__);
#endif
  if (char const* n = std::getenv("CONFORM_BENCH_NDJSON_DOCS")) {
    benchmark::AddCustomContext("ndjson_docs", n);
  }
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) {
    return 1;
  }
  register_all();

  collector c;
  std::unique_ptr<benchmark::BenchmarkReporter> display;
  if (format == "csv") {
    // Deprecated by Google Benchmark: its own reporter, and no ratio table.
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
  }
  if (format == "json") {
    display = std::make_unique<collecting_reporter<benchmark::JSONReporter>>(c);
  } else {
    bool use_color = color == "true" || color == "yes" || color == "1" ||
                     ((color.empty() || color == "auto") && isatty(STDOUT_FILENO));
    int oo = benchmark::ConsoleReporter::OO_None;
    if (use_color) {
      oo |= benchmark::ConsoleReporter::OO_Color;
    }
    if (tabular == "true" || tabular == "1") {
      oo |= benchmark::ConsoleReporter::OO_Tabular;
    }
    display = std::make_unique<collecting_reporter<benchmark::ConsoleReporter>>(
        c, static_cast<benchmark::ConsoleReporter::OutputOptions>(oo));
  }
  benchmark::RunSpecifiedBenchmarks(display.get());
  benchmark::Shutdown();

  // JSON on stdout stays machine-readable: the table goes to stderr then.
  std::ostream& os = format == "json" ? std::cerr : std::cout;
  print_ratios(c, os);
  for (std::string const& e : c.errors) {
    std::cerr << "error: " << e << "\n";
  }
  return c.errors.empty() ? 0 : 1;
}
