// Runs every file of JSONTestSuite (tests/fixtures/jsontestsuite, a committed copy of
// nst/JSONTestSuite) through the text decoder: every n_ file is rejected with a syntax_error
// or a limit_exceeded, no y_ file is, and each i_ file's outcome is pinned in a table so that
// any change of behaviour is deliberate. There is no "any JSON" type: the target is a small
// struct that ignores unknown members, so a root that is not an object is a type_mismatch.
#include <conform/decode.hpp>

#include "support/test.hpp"

#include <boost/describe.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace jsontestsuite_test {

struct anything {
  std::optional<int> placeholder;
};
BOOST_DESCRIBE_STRUCT(anything, (), (placeholder))

struct fixture {
  std::string name;
  std::string text;
};

inline std::vector<fixture> load_all() {
  std::vector<fixture> out;
  auto dir =
      std::filesystem::path(conform_test::source_dir()) / "tests" / "fixtures" / "jsontestsuite";
  for (auto const& entry : std::filesystem::directory_iterator(dir)) {
    std::string name = entry.path().filename().string();
    if (entry.path().extension() != ".json") {
      continue;
    }
    out.push_back({name, conform_test::read_file(entry.path().string())});
  }
  std::sort(out.begin(), out.end(),
            [](fixture const& a, fixture const& b) { return a.name < b.name; });
  return out;
}

inline conform::decode_result<anything> run(std::string const& text) {
  conform::decode_options o;
  o.unknown_members = conform::unknown_member_policy::ignore;
  return conform::decode<anything>(text, o);
}

/// The codes of a result other than type_mismatch (a root that is not an object).
inline std::set<conform::error> outcome(conform::diagnostics const& ds) {
  std::set<conform::error> out;
  for (auto const& d : ds) {
    if (d.code != conform::error::type_mismatch) {
      out.insert(d.code);
    }
  }
  return out;
}

inline std::string names(std::set<conform::error> const& codes) {
  std::string out;
  for (auto c : codes) {
    out += std::string(out.empty() ? "" : " ") + std::string(conform::to_string(c));
  }
  return out.empty() ? "accepted" : out;
}

} // namespace jsontestsuite_test

using namespace jsontestsuite_test;
using conform::error;

TEST_SUITE("jsontestsuite") {
  TEST_CASE("jsontestsuite: all 318 files are present") {
    auto files = load_all();
    CHECK(files.size() == 318);
    std::map<char, std::size_t> by_kind;
    for (auto const& f : files) {
      ++by_kind[f.name[0]];
    }
    CHECK(by_kind['y'] == 95);
    CHECK(by_kind['n'] == 188);
    CHECK(by_kind['i'] == 35);
  }

  TEST_CASE("jsontestsuite: every n_ file is rejected as not JSON (or stopped by a limit)") {
    std::size_t seen = 0;
    for (auto const& f : load_all()) {
      if (f.name[0] != 'n') {
        continue;
      }
      ++seen;
      CAPTURE(f.name);
      auto r = run(f.text);
      auto codes = outcome(r.diagnostics);
      CHECK_MESSAGE((codes.count(error::syntax_error) + codes.count(error::limit_exceeded) != 0),
                    conform::to_string(r.diagnostics));
      CHECK(!r.ok());
      for (auto const& d : r.diagnostics) {
        CHECK(d.offset <= f.text.size());
      }
    }
    CHECK(seen == 188);
  }

  TEST_CASE("jsontestsuite: no y_ file is rejected as not JSON") {
    std::size_t seen = 0;
    for (auto const& f : load_all()) {
      if (f.name[0] != 'y') {
        continue;
      }
      ++seen;
      CAPTURE(f.name);
      auto r = run(f.text);
      auto codes = outcome(r.diagnostics);
      CHECK_MESSAGE(codes.count(error::syntax_error) == 0, conform::to_string(r.diagnostics));
      CHECK_MESSAGE(codes.count(error::limit_exceeded) == 0, conform::to_string(r.diagnostics));
    }
    CHECK(seen == 95);
  }

  TEST_CASE("jsontestsuite: y_ files with an object root decode cleanly, duplicates excepted") {
    std::map<std::string, std::set<error>> const expected = {
        {"y_object_duplicated_key.json", {error::duplicate_key}},
        {"y_object_duplicated_key_and_value.json", {error::duplicate_key}},
    };
    for (auto const& f : load_all()) {
      if (f.name.rfind("y_object", 0) != 0) {
        continue;
      }
      CAPTURE(f.name);
      auto r = run(f.text);
      auto it = expected.find(f.name);
      CHECK_MESSAGE(outcome(r.diagnostics) ==
                        (it == expected.end() ? std::set<error>{} : it->second),
                    conform::to_string(r.diagnostics));
    }
  }

  TEST_CASE("jsontestsuite: the outcome of each i_ file is pinned") {
    // Our decisions for the implementation-defined files. Numbers that overflow to
    // infinity are out_of_range (a huge exponent too, where Boost.JSON's parser stops); underflow
    // is 0; integers too big for 64 bits are reals (the root array is skipped, so only non-finite
    // numbers are reported); invalid UTF-8, lone surrogates, UTF-16 and the BOM are syntax errors;
    // depth 500 exceeds max_depth (64).
    std::map<std::string, std::set<error>> const pinned = {
        {"i_number_double_huge_neg_exp.json", {}},
        {"i_number_huge_exp.json", {error::out_of_range}},
        {"i_number_neg_int_huge_exp.json", {error::out_of_range}},
        {"i_number_pos_double_huge_exp.json", {error::out_of_range}},
        {"i_number_real_neg_overflow.json", {error::out_of_range}},
        {"i_number_real_pos_overflow.json", {error::out_of_range}},
        {"i_number_real_underflow.json", {}},
        {"i_number_too_big_neg_int.json", {}},
        {"i_number_too_big_pos_int.json", {}},
        {"i_number_very_big_negative_int.json", {}},
        {"i_object_key_lone_2nd_surrogate.json", {error::syntax_error}},
        {"i_string_1st_surrogate_but_2nd_missing.json", {error::syntax_error}},
        {"i_string_1st_valid_surrogate_2nd_invalid.json", {error::syntax_error}},
        {"i_string_UTF-16LE_with_BOM.json", {error::syntax_error}},
        {"i_string_UTF-8_invalid_sequence.json", {error::syntax_error}},
        {"i_string_UTF8_surrogate_U+D800.json", {error::syntax_error}},
        {"i_string_incomplete_surrogate_and_escape_valid.json", {error::syntax_error}},
        {"i_string_incomplete_surrogate_pair.json", {error::syntax_error}},
        {"i_string_incomplete_surrogates_escape_valid.json", {error::syntax_error}},
        {"i_string_invalid_lonely_surrogate.json", {error::syntax_error}},
        {"i_string_invalid_surrogate.json", {error::syntax_error}},
        {"i_string_invalid_utf-8.json", {error::syntax_error}},
        {"i_string_inverted_surrogates_U+1D11E.json", {error::syntax_error}},
        {"i_string_iso_latin_1.json", {error::syntax_error}},
        {"i_string_lone_second_surrogate.json", {error::syntax_error}},
        {"i_string_lone_utf8_continuation_byte.json", {error::syntax_error}},
        {"i_string_not_in_unicode_range.json", {error::syntax_error}},
        {"i_string_overlong_sequence_2_bytes.json", {error::syntax_error}},
        {"i_string_overlong_sequence_6_bytes.json", {error::syntax_error}},
        {"i_string_overlong_sequence_6_bytes_null.json", {error::syntax_error}},
        {"i_string_truncated-utf-8.json", {error::syntax_error}},
        {"i_string_utf16BE_no_BOM.json", {error::syntax_error}},
        {"i_string_utf16LE_no_BOM.json", {error::syntax_error}},
        {"i_structure_500_nested_arrays.json", {error::limit_exceeded}},
        {"i_structure_UTF-8_BOM_empty_object.json", {error::syntax_error}},
    };
    std::size_t seen = 0;
    for (auto const& f : load_all()) {
      if (f.name[0] != 'i') {
        continue;
      }
      ++seen;
      CAPTURE(f.name);
      auto it = pinned.find(f.name);
      CHECK_MESSAGE(it != pinned.end(), "not pinned");
      if (it == pinned.end()) {
        continue;
      }
      auto r = run(f.text);
      auto got = outcome(r.diagnostics);
      CHECK_MESSAGE(got == it->second, "expected " << names(it->second) << ", got " << names(got)
                                                   << "\n"
                                                   << conform::to_string(r.diagnostics));
    }
    CHECK(seen == pinned.size());
  }

  TEST_CASE("jsontestsuite: specific messages for the encodings RFC 8259 excludes") {
    struct row {
      std::string file;
      std::string found;
    };
    row const rows[] = {
        {"i_structure_UTF-8_BOM_empty_object.json", "a UTF-8 byte order mark"},
        {"i_string_UTF-16LE_with_BOM.json", "UTF-16 text"},
        {"i_string_utf16BE_no_BOM.json", "UTF-16 text"},
        {"i_string_utf16LE_no_BOM.json", "UTF-16 text"},
        {"n_number_infinity.json", ""},
    };
    auto files = load_all();
    for (auto const& r : rows) {
      CAPTURE(r.file);
      auto it = std::find_if(files.begin(), files.end(),
                             [&](fixture const& f) { return f.name == r.file; });
      REQUIRE(it != files.end());
      auto res = run(it->text);
      REQUIRE(!res.diagnostics.empty());
      auto const& d = res.diagnostics.back();
      CHECK(d.code == error::syntax_error);
      if (!r.found.empty()) {
        CHECK(d.found == r.found);
      }
    }
  }

  TEST_CASE("jsontestsuite: every file also decodes under other options without a crash") {
    conform::decode_options strict;
    strict.unknown_members = conform::unknown_member_policy::error;
    strict.null_members = conform::null_policy::error;
    strict.max_diagnostics = 2;
    strict.max_depth = 3;
    conform::decode_options fail_fast;
    fail_fast.fail_fast = true;
    for (auto const& f : load_all()) {
      CAPTURE(f.name);
      for (auto const* o : {&strict, &fail_fast}) {
        auto r = conform::decode<anything>(f.text, *o);
        CHECK(r.diagnostics.size() <= o->max_diagnostics + 1);
        if (f.name[0] == 'n') {
          CHECK(!r.ok());
        }
      }
    }
  }
}
