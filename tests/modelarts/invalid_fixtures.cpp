// Golden diagnostics for invalid training_job responses (<conform/modelarts/training_job.hpp>):
// every tests/fixtures/invalid/<case>.json is decoded and its diagnostics, one per line as
// `line:column: severity: code pointer`, must equal <case>.diag. The .diag files were written
// by hand-checking each position against the document: a value's first character, the
// parent's '{' for a missing member, a key for unknown and duplicate keys, where the parser
// stopped for a syntax error, and 0:0 for the closing too_many_diagnostics entry.
#include <conform/modelarts/training_job.hpp>

#include "support/test.hpp"

#include <conform/decode.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace invalid_fixtures_test {

namespace fs = std::filesystem;
namespace ma = conform::modelarts;

fs::path folder() {
  return fs::path(conform_test::source_dir()) / "tests" / "fixtures" / "invalid";
}

/// `line:column: severity: code pointer`, one line per diagnostic (no trailing space when the
/// pointer is the whole document, "").
std::string format(conform::diagnostics const& ds) {
  std::string out;
  for (auto const& d : ds) {
    std::string line = std::to_string(d.line) + ":" + std::to_string(d.column) + ": " +
                       std::string(conform::to_string(d.level)) + ": " +
                       std::string(conform::to_string(d.code));
    if (!d.pointer.empty()) {
      line += " " + d.pointer;
    }
    out += line + "\n";
  }
  return out;
}

/// The stems of the files in the folder with the given extension.
std::set<std::string> stems(std::string const& extension) {
  std::set<std::string> out;
  for (auto const& entry : fs::directory_iterator(folder())) {
    if (entry.is_regular_file() && entry.path().extension() == extension) {
      out.insert(entry.path().stem().string());
    }
  }
  return out;
}

/// The code names used in a .diag text (the fourth field of each line).
std::set<std::string> codes_in(std::string const& diag) {
  std::set<std::string> out;
  std::size_t at = 0;
  while (at < diag.size()) {
    std::size_t end = diag.find('\n', at);
    if (end == std::string::npos) {
      end = diag.size();
    }
    std::string line = diag.substr(at, end - at);
    at = end + 1;
    // "l:c: severity: code[ pointer]"
    std::size_t severity_end = line.find(": ", line.find(": ") + 2);
    if (severity_end == std::string::npos) {
      continue;
    }
    std::string rest = line.substr(severity_end + 2);
    out.insert(rest.substr(0, rest.find(' ')));
  }
  return out;
}

TEST_SUITE("modelarts/invalid_fixtures") {
  TEST_CASE("invalid fixtures: every <case>.json decodes to exactly its <case>.diag") {
    auto const inputs = stems(".json");
    auto const goldens = stems(".diag");
    CHECK(inputs.size() >= 12);
    for (auto const& name : inputs) {
      CAPTURE(name);
      CHECK_MESSAGE(goldens.count(name) == 1, (name + ".json has no .diag"));
    }
    for (auto const& name : goldens) {
      CAPTURE(name);
      CHECK_MESSAGE(inputs.count(name) == 1, (name + ".diag has no .json"));
    }

    std::set<std::string> used_codes;
    for (auto const& name : inputs) {
      if (goldens.count(name) == 0) {
        continue;
      }
      CAPTURE(name);
      std::string const text = conform_test::read_file((folder() / (name + ".json")).string());
      std::string const expected = conform_test::read_file((folder() / (name + ".diag")).string());
      auto r = conform::decode<ma::training_job>(text);
      std::string const actual = format(r.diagnostics);
      CHECK_MESSAGE(actual == expected,
                    ("\n--- expected (" + name + ".diag)\n" + expected + "--- actual\n" + actual +
                     "--- messages\n" + conform::to_string(r.diagnostics)));
      // Each fixture is an invalid response, not merely one with warnings.
      CHECK(!r.ok());
      auto codes = codes_in(expected);
      used_codes.insert(codes.begin(), codes.end());
    }

    // Together the fixtures show every code a response can produce (memory exhaustion is
    // the only one a document cannot cause).
    for (auto e : conform::all_errors) {
      if (e == conform::error::out_of_memory) {
        continue;
      }
      CAPTURE(conform::to_string(e));
      CHECK(used_codes.count(std::string(conform::to_string(e))) == 1);
    }
  }
}

} // namespace invalid_fixtures_test
