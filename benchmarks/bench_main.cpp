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

#include <time.h>
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

// ---- paired benchmarks ----
//
// A ratio of two separately timed benchmarks moves with whatever else the shared machine did
// during each of them (a tenth or more between runs here). A paired benchmark,
// `paired/<a>~<b>/<fixture>`, times both readers in the same iterations instead: chunks of
// at least 256 KB of documents through `a`, then through `b`, in the order a b b a a b ...
// (so that a steady drift in the machine's speed cancels), each chunk timed with the
// thread's CPU clock. Its counter `ratio` is b's time over a's, i.e. a's bytes/s over b's:
// the same figure as the ratio table's, with the load shared out more evenly. Not evenly
// enough to trust one figure: benchmarks/README.md compares the two methods.

/// A ratio issue 4 sets a target for: reader `a` (conform) over reader `b`. The paired
/// benchmarks and both ratio tables printed after the run go through this one list.
struct ratio_spec {
  char const* a;
  char const* b;
  char const* heading; ///< the ratio table's column
  double target;       ///< on every fixture; 0: per fixture (target_on)
};
constexpr ratio_spec target_ratios[] = {
    {"conform.text", "boost.dom", "text/boost.dom", 0},
    {"conform.text", "boost.sax_null", "text/sax_null", 0.5},
    {"conform.text.into", "boost.sax_null", "into/sax_null", 0.5},
    {"conform.dom", "boost.dom_describe", "dom/dom_describe", 1.0},
};

/// The target of `r` on fixture `fx` (0: none). Only text/boost.dom varies: Glaze's figures
/// relative to the DOM parse on the example, full and 1 MB responses.
double target_on(ratio_spec const& r, std::string const& fx) {
  if (r.target > 0) {
    return r.target;
  }
  static std::map<std::string, double> const per_fixture{
      {"example", 1.7}, {"full", 1.5}, {"large", 2.0}};
  auto t = per_fixture.find(fx);
  return t == per_fixture.end() ? 0 : t->second;
}

double thread_cpu_seconds() noexcept {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}

void paired(benchmark::State& state, fixture const& f, reader const& a, reader const& b) {
  if (!f.load_error.empty()) {
    detail::fail(state, f, f.load_error);
    return;
  }
  // Both readers must accept a valid fixture (the unpaired benchmarks check the verdicts
  // in full, invalid fixtures included).
  if (!f.invalid) {
    for (std::string_view d : f.docs) {
      if (!a.one(d).ok || !b.one(d).ok) {
        detail::fail(state, f, "a document was rejected");
        return;
      }
    }
  }
  // Enough passes per chunk that the clock's own cost (a system call) stays below 0.1%.
  std::size_t const passes =
      std::max<std::size_t>(1, (256 * 1024) / std::max<std::size_t>(1, f.bytes));
  auto chunk = [&](reader const& r) {
    double start = thread_cpu_seconds();
    for (std::size_t i = 0; i < passes; ++i) {
      for (std::string_view d : f.docs) {
        benchmark::DoNotOptimize(r.one(d));
      }
    }
    return thread_cpu_seconds() - start;
  };
  double time_a = 0;
  double time_b = 0;
  bool a_first = true;
  for (auto _ : state) {
    if (a_first) {
      time_a += chunk(a);
      time_b += chunk(b);
    } else {
      time_b += chunk(b);
      time_a += chunk(a);
    }
    a_first = !a_first;
  }
  state.counters["ratio"] = benchmark::Counter(time_a > 0 ? time_b / time_a : 0);
  double bytes = double(state.iterations()) * double(passes) * double(f.bytes);
  state.counters["a_MBps"] = benchmark::Counter(time_a > 0 ? bytes / time_a / 1e6 : 0);
  state.counters["b_MBps"] = benchmark::Counter(time_b > 0 ? bytes / time_b / 1e6 : 0);
  state.SetItemsProcessed(
      static_cast<std::int64_t>(state.iterations() * passes * 2 * f.docs.size()));
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
  auto find_reader = [&](char const* name) -> reader const* {
    for (reader const& r : readers) {
      if (r.name == name && r.one != nullptr) {
        return &r;
      }
    }
    return nullptr;
  };
  for (std::string const& fx : standard_fixtures()) {
    for (ratio_spec const& p : target_ratios) {
      reader const* a = find_reader(p.a);
      reader const* b = find_reader(p.b);
      if (a == nullptr || b == nullptr) {
        continue;
      }
      std::string name = std::string("paired/") + p.a + "~" + p.b + "/" + fx;
      benchmark::RegisterBenchmark(name.c_str(), [ra = *a, rb = *b, fx](benchmark::State& state) {
        paired(state, get_fixture(fx), ra, rb);
      })->Unit(benchmark::kMillisecond);
    }
  }
}

struct figures {
  double bytes_per_second = 0;
  double paired_ratio = 0; ///< paired benchmarks: b's time over a's
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
      f.paired_ratio = get("ratio", 0);
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
  // One row: the fixture, then left-aligned cells, as the header's columns.
  auto row = [&](std::string const& first, std::vector<std::string> const& cells,
                 std::vector<int> const& widths) {
    char cell[128];
    std::snprintf(cell, sizeof cell, "%-20s", first.c_str());
    std::string out = cell;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      std::snprintf(cell, sizeof cell, " %-*s", widths[i], cells[i].c_str());
      out += cell;
    }
    os << out << "\n";
  };
  std::vector<std::string> headings;
  for (ratio_spec const& r : target_ratios) {
    headings.emplace_back(r.heading);
  }
  std::vector<int> const ratio_widths(headings.size(), 22);
  std::vector<int> with_peaks = ratio_widths;
  with_peaks.insert(with_peaks.end(), {20, 20});

  os << "\nRatios of bytes/s (medians when repeated; higher is better for conform):\n";
  std::vector<std::string> columns = headings;
  columns.insert(columns.end(), {"peak conform.text", "peak boost.dom"});
  row("fixture", columns, with_peaks);
  bool any = false;
  for (std::string const& fx : standard_fixtures()) {
    std::string text = "conform.text/" + fx;
    if (!find(text)) {
      continue;
    }
    any = true;
    std::vector<std::string> cells;
    for (ratio_spec const& r : target_ratios) {
      cells.push_back(format_ratio(ratio(r.a + ("/" + fx), r.b + ("/" + fx)), target_on(r, fx)));
    }
    cells.push_back(format_peak(find(text)));
    cells.push_back(format_peak(find("boost.dom/" + fx)));
    row(fx, cells, with_peaks);
  }
  if (!any) {
    os << "(no conform.text benchmark ran)\n";
  }
  // The same ratios, timed in pairs (see paired()).
  bool header = false;
  for (std::string const& fx : standard_fixtures()) {
    std::vector<std::string> cells;
    bool ran = false;
    for (ratio_spec const& r : target_ratios) {
      figures const* x = find(std::string("paired/") + r.a + "~" + r.b + "/" + fx);
      double value = x ? x->paired_ratio : 0.0;
      ran = ran || value > 0;
      cells.push_back(format_ratio(value, target_on(r, fx)));
    }
    if (!ran) {
      continue;
    }
    if (!header) {
      os << "\nThe same ratios from paired benchmarks (both readers timed in alternating "
            "chunks):\n";
      row("fixture", headings, ratio_widths);
      header = true;
    }
    row(fx, cells, ratio_widths);
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
