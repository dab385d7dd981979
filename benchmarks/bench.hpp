// conform_bench: what the benchmark translation units share. A *reader* turns one JSON
// document into something (a DOM, a struct, nothing at all); a *fixture* is a list of
// documents (one, or every line of the NDJSON stream). Every benchmark is named
// `<reader>/<fixture>`, times whole passes over the fixture's documents, and reports bytes/s
// and documents/s, so that benchmarks/compare.py and the ratio table can line up readers on
// the same fixture from the same run.
#ifndef CONFORM_BENCH_HPP
#define CONFORM_BENCH_HPP

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace conform_bench {

/// One fixture: its documents are views into `storage`, which carries 64 spare bytes after
/// the text so that simdjson may read past the end of any document without a copy.
struct fixture {
  std::string name;
  std::string path;
  std::string storage;
  std::vector<std::string_view> docs;
  std::size_t bytes = 0;  ///< sum of the documents' sizes (what bytes/s counts)
  bool invalid = false;   ///< the documents break the schema (a validator must say so)
  std::string load_error; ///< why the fixture could not be read ("" when it was)
};

/// The fixture called `name` (see benchmarks/README.md), read once and kept for the run.
fixture const& get_fixture(std::string const& name);

/// Allocation accounting (global operator new/delete are replaced in bench_main.cpp). Off
/// while timing: only the separate measuring pass below turns it on.
namespace alloc {
struct sample {
  std::int64_t peak = 0;  ///< highest live bytes above the level at begin()
  std::int64_t count = 0; ///< allocations made
};
void begin() noexcept;
sample end() noexcept;
} // namespace alloc

/// A reader's verdict on one document: `ok` is "parsed" for a parser and "valid" for a
/// validator; `n` is anything derived from the result, so the work cannot be optimised away.
struct outcome {
  bool ok = false;
  std::size_t n = 0;
};

/// What run() should do besides timing.
struct options {
  bool validates = false;      ///< ok must be false exactly on invalid fixtures (else: always true)
  bool measure_memory = false; ///< report peak live bytes and allocations per document
};

namespace detail {
void fail(benchmark::State& state, fixture const& f, std::string const& why);
void set_memory_counters(benchmark::State& state, fixture const& f, alloc::sample const& worst,
                         double worst_ratio, std::int64_t total_count);
} // namespace detail

/** Times `op` over every document of `f`; one iteration is one pass over the fixture.
    Before timing, one untimed pass checks each outcome (a reader that fails on a fixture
    reports an error instead of a figure); with measure_memory, one more untimed pass
    measures each document alone. Both are done once per reader and fixture: Google
    Benchmark calls this function several times while it settles the iteration count. */
template <class Op>
void run(benchmark::State& state, fixture const& f, options opt, Op&& op) {
  if (!f.load_error.empty()) {
    detail::fail(state, f, f.load_error);
    return;
  }
  // Keyed by fixture; each reader's lambda is its own Op type, so each reader has its own.
  struct checked {
    std::string error;
    alloc::sample worst;
    double worst_ratio = 0;
    std::int64_t count = 0;
  };
  static std::map<fixture const*, checked> cache;
  auto found = cache.find(&f);
  if (found == cache.end()) {
    checked c;
    bool want = opt.validates ? !f.invalid : true;
    for (std::size_t i = 0; i < f.docs.size() && c.error.empty(); ++i) {
      if (op(f.docs[i]).ok != want) {
        c.error = "document " + std::to_string(i + 1) + (want ? " rejected" : " accepted");
      }
    }
    if (c.error.empty() && opt.measure_memory) {
      for (std::string_view d : f.docs) {
        alloc::begin();
        benchmark::DoNotOptimize(op(d));
        alloc::sample s = alloc::end();
        c.count += s.count;
        c.worst.peak = std::max(c.worst.peak, s.peak);
        c.worst_ratio = std::max(c.worst_ratio, double(s.peak) / double(d.size()));
      }
    }
    found = cache.emplace(&f, c).first;
  }
  if (!found->second.error.empty()) {
    detail::fail(state, f, found->second.error);
    return;
  }

  for (auto _ : state) {
    for (std::string_view d : f.docs) {
      benchmark::DoNotOptimize(op(d));
    }
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(f.bytes));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(f.docs.size()));
  if (opt.measure_memory) {
    detail::set_memory_counters(state, f, found->second.worst, found->second.worst_ratio,
                                found->second.count);
  }
}

/// The fixtures every reader runs on, in the order benchmarks run.
inline std::vector<std::string> const& standard_fixtures() {
  static std::vector<std::string> const names{"example",  "full",    "large", "errors",
                                              "reversed", "unknown", "ndjson"};
  return names;
}

/// One reader: its benchmark name prefix and the function timing it on a fixture.
struct reader {
  std::string name;
  void (*bench)(benchmark::State&, fixture const&);
  /// Fixtures run besides the standard ones (e.g. the first-error case).
  std::vector<std::string> extra = {};
  /// When not empty: run on exactly these instead of the standard fixtures.
  std::vector<std::string> only = {};
  /// One document through the reader, for the paired benchmarks (bench_main.cpp); set by
  /// the readers that issue 4's ratios compare.
  outcome (*one)(std::string_view doc) = nullptr;
};

// Each translation unit contributes its readers (so that the heavy ones compile in parallel).
void add_conform_text_readers(std::vector<reader>& out);
void add_conform_dom_readers(std::vector<reader>& out);
void add_boost_readers(std::vector<reader>& out);
void add_rapidjson_readers(std::vector<reader>& out);
void add_simdjson_readers(std::vector<reader>& out);

} // namespace conform_bench

#endif // CONFORM_BENCH_HPP
