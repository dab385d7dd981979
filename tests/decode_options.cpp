// Tests for <conform/decode_options.hpp>: the documented defaults, and every option decoded
// with each of its values: unknown members, duplicate keys (struct members, unknown keys, map
// keys), null for optionals, open-enum values, the diagnostics cap, fail_fast, and each
// resource limit (depth, input, string and key bytes, array and object sizes).
#include <conform/decode_options.hpp>

#include "support/test.hpp"

#include <conform/cross_member.hpp>
#include <conform/decode.hpp>
#include <conform/decode_value.hpp>
#include <conform/encode.hpp>

#include <boost/describe.hpp>
#include <boost/json/parse.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace options_test {

enum class color { red, green, blue };
BOOST_DESCRIBE_ENUM(color, red, green, blue)

struct point {
  int x = 0;
  int y = 0;
};
BOOST_DESCRIBE_STRUCT(point, (), (x, y))

struct doc {
  std::optional<std::string> s;
  std::optional<int> n;
  std::optional<int> m;
  std::optional<std::vector<int>> vec;
  std::optional<std::map<std::string, int>> map;
  std::optional<point> nested;
  std::optional<std::vector<point>> points;
  std::optional<conform::open_enum<color>> oc;
  std::optional<std::vector<std::string>> roles;
};
BOOST_DESCRIBE_STRUCT(doc, (), (s, n, m, vec, map, nested, points, oc, roles))

struct required_pair {
  int a = 0;
  int b = 0;
};
BOOST_DESCRIBE_STRUCT(required_pair, (), (a, b))

/// A finding of every kind the decoder reports (see the max_diagnostics tests).
struct span {
  std::optional<int> lo;
  std::optional<int> hi;
};
BOOST_DESCRIBE_STRUCT(span, (), (lo, hi))
CONFORM_TYPE_RULES(span, conform::ordered<&span::lo, &span::hi>);

struct every_kind {
  std::optional<double> d;
  std::optional<int> n;
  std::optional<span> range;
  std::optional<required_pair> pair;
  std::optional<std::vector<int>> deep;
};
BOOST_DESCRIBE_STRUCT(every_kind, (), (d, n, range, pair, deep))

inline bool diag_is(conform::diagnostics const& ds, std::size_t i, conform::error code,
                    conform::severity level, std::string const& pointer) {
  return i < ds.size() && ds[i].code == code && ds[i].level == level && ds[i].pointer == pointer;
}

inline boost::json::value parse_dom(std::string_view text) {
  boost::json::parse_options po;
  po.max_depth = 20000;
  boost::system::error_code ec;
  auto v = boost::json::parse(text, ec, {}, po);
  REQUIRE_MESSAGE(!ec, std::string(text.substr(0, 80)));
  return v;
}

/// `n` nested arrays: "[[[...]]]".
inline std::string nested_arrays(std::size_t n) {
  return std::string(n, '[') + std::string(n, ']');
}

/// `n` nested objects: {"a":{"a":...{}}}.
inline std::string nested_objects(std::size_t n) {
  std::string out;
  for (std::size_t i = 1; i < n; ++i) {
    out += R"({"a":)";
  }
  out += "{}";
  out += std::string(n - 1, '}');
  return out;
}

/// {"vec": ["x", "x", ...]} with `n` strings: one type_mismatch each, since `vec` holds
/// integers.
inline std::string string_elements(std::size_t n) {
  std::string out = R"({"vec": [)";
  for (std::size_t i = 0; i < n; ++i) {
    out += i == 0 ? "\"x\"" : ",\"x\"";
  }
  out += "]}";
  return out;
}

/// Index of the first diagnostic with `code`, or ds.size().
inline std::size_t find_code(conform::diagnostics const& ds, conform::error code) {
  std::size_t i = 0;
  while (i < ds.size() && ds[i].code != code) {
    ++i;
  }
  return i;
}

/// Checks that `ds` holds one limit_exceeded diagnostic with this pointer and expected text,
/// that it is the last one (decoding stopped there) and that no syntax_error follows it.
inline void check_limit(conform::diagnostics const& ds, std::string const& pointer,
                        std::string const& expected) {
  std::size_t i = find_code(ds, conform::error::limit_exceeded);
  CHECK_MESSAGE(i < ds.size(), conform::to_string(ds));
  if (i == ds.size()) {
    return;
  }
  CHECK_MESSAGE(diag_is(ds, i, conform::error::limit_exceeded, conform::severity::error, pointer),
                conform::to_string(ds));
  CHECK(ds[i].expected == expected);
  CHECK_MESSAGE(i + 1 == ds.size(), "nothing may follow the limit:\n" << conform::to_string(ds));
  CHECK_MESSAGE(find_code(ds, conform::error::syntax_error) == ds.size(), conform::to_string(ds));
}

/// Checks that `ds` is exactly one limit_exceeded diagnostic.
inline void check_single_limit(conform::diagnostics const& ds, std::string const& pointer,
                               std::string const& expected) {
  CHECK_MESSAGE(ds.size() == 1, conform::to_string(ds));
  CHECK(ds.error_count() == 1);
  check_limit(ds, pointer, expected);
}

} // namespace options_test

using namespace options_test;
using conform::error;
using conform::severity;

TEST_SUITE("decode_options") {
  TEST_CASE("decode_options: the defaults are the documented ones") {
    conform::decode_options o;
    CHECK(o.unknown_members == conform::unknown_member_policy::warning);
    CHECK(o.duplicate_keys == conform::duplicate_key_policy::error);
    CHECK(o.null_members == conform::null_policy::absent);
    CHECK(o.unknown_open_enum_values == conform::open_enum_policy::warning);
    CHECK(o.max_diagnostics == 100);
    CHECK(o.fail_fast == false);
    CHECK(o.max_depth == 64);
    CHECK(o.max_input_bytes == 64u * 1024 * 1024);
    CHECK(o.max_string_bytes == 1024u * 1024);
    CHECK(o.max_array_size == 100000);
    CHECK(o.max_object_size == 10000);
    CHECK(conform::max_depth_ceiling == 1000);
  }

  TEST_CASE("decode_options: unknown_members ignores, warns about or rejects unknown members") {
    std::string json = R"({"n": 1, "zz": {"deep": [1, {"x": 2}]}, "m": 2})";
    struct row {
      conform::unknown_member_policy policy;
      std::size_t count;
      severity level;
      bool ok;
    };
    row const rows[] = {
        {conform::unknown_member_policy::ignore, 0, severity::warning, true},
        {conform::unknown_member_policy::warning, 1, severity::warning, true},
        {conform::unknown_member_policy::error, 1, severity::error, false},
    };
    for (auto const& r : rows) {
      CAPTURE(static_cast<int>(r.policy));
      conform::decode_options o;
      o.unknown_members = r.policy;
      for (bool dom : {false, true}) {
        CAPTURE(dom);
        auto res = dom ? conform::decode<doc>(parse_dom(json), o) : conform::decode<doc>(json, o);
        CHECK(res.ok() == r.ok);
        // The known members around the unknown one are decoded either way.
        CHECK(res.value.n == 1);
        CHECK(res.value.m == 2);
        CHECK_MESSAGE(res.diagnostics.size() == r.count, conform::to_string(res.diagnostics));
        if (r.count == 1 && res.diagnostics.size() == 1) {
          CHECK(diag_is(res.diagnostics, 0, error::unknown_member, r.level, "/zz"));
          CHECK(res.diagnostics[0].offset == (dom ? conform::diagnostic::no_offset : 9));
        }
      }
    }
  }

  TEST_CASE("decode_options: duplicate member keys, first value kept (error) or last (warning)") {
    struct row {
      std::string name;
      std::string json;
      conform::duplicate_key_policy policy;
      std::string encoded; // the decoded value, encoded
      std::string pointer;
      std::string found;
    };
    using conform::duplicate_key_policy;
    row const rows[] = {
        {"scalar, error", R"({"n": 1, "n": 2})", duplicate_key_policy::error, R"({"n":1})", "/n",
         R"(key "n" again (the first value is kept))"},
        {"scalar, last wins", R"({"n": 1, "n": 2})", duplicate_key_policy::warning_last_wins,
         R"({"n":2})", "/n", R"(key "n" again (the last value is kept))"},
        {"escaped spelling", R"({"n": 1, "\u006e": 2})", duplicate_key_policy::error, R"({"n":1})",
         "/n", R"(key "n" again (the first value is kept))"},
        {"array, error", R"({"vec": [1], "vec": [2, 3]})", duplicate_key_policy::error,
         R"({"vec":[1]})", "/vec", R"(key "vec" again (the first value is kept))"},
        {"array replaced, not appended", R"({"vec": [1], "vec": [2, 3]})",
         duplicate_key_policy::warning_last_wins, R"({"vec":[2,3]})", "/vec",
         R"(key "vec" again (the last value is kept))"},
        {"object, error", R"({"nested": {"x": 1, "y": 2}, "nested": {"x": 3, "y": 4}})",
         duplicate_key_policy::error, R"({"nested":{"x":1,"y":2}})", "/nested",
         R"(key "nested" again (the first value is kept))"},
        {"object, last wins", R"({"nested": {"x": 1, "y": 2}, "nested": {"x": 3, "y": 4}})",
         duplicate_key_policy::warning_last_wins, R"({"nested":{"x":3,"y":4}})", "/nested",
         R"(key "nested" again (the last value is kept))"},
        {"map, error", R"({"map": {"a": 1, "b": 2, "a": 3}})", duplicate_key_policy::error,
         R"({"map":{"a":1,"b":2}})", "/map/a", R"(key "a" again (the first value is kept))"},
        {"map, last wins", R"({"map": {"a": 1, "b": 2, "a": 3}})",
         duplicate_key_policy::warning_last_wins, R"({"map":{"a":3,"b":2}})", "/map/a",
         R"(key "a" again (the last value is kept))"},
        {"in an element", R"({"points": [{"x": 1, "y": 2}, {"x": 1, "y": 2, "x": 3}]})",
         duplicate_key_policy::error, R"({"points":[{"x":1,"y":2},{"x":1,"y":2}]})", "/points/1/x",
         R"(key "x" again (the first value is kept))"},
        {"CouchDB CVE-2017-12635", R"({"roles": ["_admin"], "roles": []})",
         duplicate_key_policy::error, R"({"roles":["_admin"]})", "/roles",
         R"(key "roles" again (the first value is kept))"},
        {"key with ~ and /", R"({"map": {"a/~": 1, "a/~": 2}})", duplicate_key_policy::error,
         R"({"map":{"a/~":1}})", "/map/a~1~0", R"(key "a/~" again (the first value is kept))"},
    };
    for (auto const& r : rows) {
      CAPTURE(r.name);
      conform::decode_options o;
      o.duplicate_keys = r.policy;
      auto res = conform::decode<doc>(r.json, o);
      CHECK(conform::encode(res.value) == r.encoded);
      CHECK_MESSAGE(res.diagnostics.size() == 1, conform::to_string(res.diagnostics));
      if (res.diagnostics.size() != 1) {
        continue;
      }
      bool last_wins = r.policy == duplicate_key_policy::warning_last_wins;
      auto const& d = res.diagnostics[0];
      CHECK(diag_is(res.diagnostics, 0, error::duplicate_key,
                    last_wins ? severity::warning : severity::error, r.pointer));
      CHECK(d.expected == "each key once per object");
      CHECK(d.found == r.found);
      // Located at the second occurrence of the key.
      CHECK(d.offset > r.json.find('"', 1));
      CHECK(res.ok() == last_wins);
    }
  }

  TEST_CASE("decode_options: a repeated map key after a rejected value") {
    // A rejected map value is erased when the map closes, so that the caller keeps only
    // valid entries. When the last value wins, a later valid value of the same key must not
    // be erased with it, and a later rejected one takes the earlier valid one away.
    struct row {
      std::string name;
      std::string json;
      conform::duplicate_key_policy policy;
      std::string encoded;
      std::vector<error> codes;
    };
    using conform::duplicate_key_policy;
    row const rows[] = {
        {"rejected, then valid, last wins",
         R"({"map": {"a": "x", "b": 2, "a": 3}})",
         duplicate_key_policy::warning_last_wins,
         R"({"map":{"a":3,"b":2}})",
         {error::type_mismatch, error::duplicate_key}},
        {"rejected, then valid, first kept",
         R"({"map": {"a": "x", "b": 2, "a": 3}})",
         duplicate_key_policy::error,
         R"({"map":{"b":2}})",
         {error::type_mismatch, error::duplicate_key}},
        {"valid, then rejected, last wins",
         R"({"map": {"a": 1, "b": 2, "a": "x"}})",
         duplicate_key_policy::warning_last_wins,
         R"({"map":{"b":2}})",
         {error::duplicate_key, error::type_mismatch}},
        {"rejected twice, then valid, last wins",
         R"({"map": {"a": "x", "a": "y", "a": 4}})",
         duplicate_key_policy::warning_last_wins,
         R"({"map":{"a":4}})",
         {error::type_mismatch, error::duplicate_key, error::type_mismatch, error::duplicate_key}},
    };
    for (auto const& r : rows) {
      CAPTURE(r.name);
      conform::decode_options o;
      o.duplicate_keys = r.policy;
      auto res = conform::decode<doc>(r.json, o);
      CHECK(conform::encode(res.value) == r.encoded);
      CHECK_MESSAGE(conform_test::codes(res.diagnostics) == r.codes,
                    conform::to_string(res.diagnostics));
    }
  }

  TEST_CASE("decode_options: a duplicate key is located at its second occurrence") {
    std::string json = "{\n  \"n\": 1,\n  \"n\": 2\n}";
    auto r = conform::decode<doc>(json);
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].offset == json.rfind("\"n\""));
    CHECK(r.diagnostics[0].line == 3);
    CHECK(r.diagnostics[0].column == 3);
    CHECK(r.diagnostics[0].member == "options_test::doc::n");
  }

  TEST_CASE("decode_options: duplicates of unknown keys are reported under both policies") {
    std::string json = R"({"zz": 1, "zz": [2], "n": 5})";
    struct row {
      conform::unknown_member_policy unknown;
      conform::duplicate_key_policy duplicates;
      std::vector<error> codes;
      std::vector<severity> levels;
    };
    using conform::duplicate_key_policy;
    using conform::unknown_member_policy;
    row const rows[] = {
        {unknown_member_policy::warning,
         duplicate_key_policy::error,
         {error::unknown_member, error::duplicate_key},
         {severity::warning, severity::error}},
        {unknown_member_policy::warning,
         duplicate_key_policy::warning_last_wins,
         {error::unknown_member, error::duplicate_key},
         {severity::warning, severity::warning}},
        {unknown_member_policy::ignore,
         duplicate_key_policy::error,
         {error::duplicate_key},
         {severity::error}},
        {unknown_member_policy::error,
         duplicate_key_policy::error,
         {error::unknown_member, error::duplicate_key},
         {severity::error, severity::error}},
    };
    for (auto const& r : rows) {
      CAPTURE(static_cast<int>(r.unknown));
      CAPTURE(static_cast<int>(r.duplicates));
      conform::decode_options o;
      o.unknown_members = r.unknown;
      o.duplicate_keys = r.duplicates;
      auto res = conform::decode<doc>(json, o);
      CHECK_MESSAGE(conform_test::codes(res.diagnostics) == r.codes,
                    conform::to_string(res.diagnostics));
      for (std::size_t i = 0; i < res.diagnostics.size() && i < r.levels.size(); ++i) {
        CHECK(res.diagnostics[i].level == r.levels[i]);
        CHECK(res.diagnostics[i].pointer == "/zz");
      }
      CHECK(res.value.n == 5);
    }
    // Unknown keys are remembered end to end in one buffer: neither a prefix of a key nor two
    // keys run together is a repeat, an empty key is one, and each object starts afresh.
    auto spliced = conform::decode<doc>(R"({"a": 1, "b": 2, "ab": 3, "aba": 4, "": 5, "": 6,
                                            "nested": {"x": 1, "y": 2, "a": 0}, "a": 7})");
    CHECK_MESSAGE(
        (conform_test::codes(spliced.diagnostics) ==
         std::vector<error>{error::unknown_member, error::unknown_member, error::unknown_member,
                            error::unknown_member, error::unknown_member, error::duplicate_key,
                            error::unknown_member, error::duplicate_key}),
        conform::to_string(spliced.diagnostics));
    REQUIRE(spliced.diagnostics.size() == 8);
    CHECK(spliced.diagnostics[5].pointer == "/");
    CHECK(spliced.diagnostics[6].pointer == "/nested/a");
    CHECK(spliced.diagnostics[7].pointer == "/a");
  }

  TEST_CASE("decode_options: a duplicate key is reported even when the first value was rejected") {
    // Struct member: the first value is rejected, the key still counts as seen.
    auto member = conform::decode<doc>(R"({"n": "x", "n": 2})");
    CHECK_MESSAGE((conform_test::codes(member.diagnostics) ==
                   std::vector<error>{error::type_mismatch, error::duplicate_key}),
                  conform::to_string(member.diagnostics));
    CHECK(!member.value.n.has_value());

    // Map key: the same document shape must be diagnosed the same way.
    auto map = conform::decode<doc>(R"({"map": {"a": "x", "a": 2}})");
    CHECK_MESSAGE((conform_test::codes(map.diagnostics) ==
                   std::vector<error>{error::type_mismatch, error::duplicate_key}),
                  conform::to_string(map.diagnostics));
  }

  TEST_CASE("decode_options: a DOM holds no duplicates (Boost.JSON kept the last value)") {
    auto r = conform::decode<doc>(parse_dom(R"({"n": 1, "n": 2})"));
    CHECK(r.diagnostics.empty());
    CHECK(r.value.n == 2);
  }

  TEST_CASE("decode_options: null for an optional is absence, or a type_mismatch") {
    std::string json = R"({"n": null, "nested": null, "vec": null, "s": "x"})";
    conform::decode_options o;
    auto absent = conform::decode<doc>(json, o);
    CHECK(absent.diagnostics.empty());
    CHECK(!absent.value.n.has_value());
    CHECK(!absent.value.nested.has_value());
    CHECK(!absent.value.vec.has_value());
    CHECK(absent.value.s == "x");

    o.null_members = conform::null_policy::error;
    for (bool dom : {false, true}) {
      CAPTURE(dom);
      auto strict = dom ? conform::decode<doc>(parse_dom(json), o) : conform::decode<doc>(json, o);
      REQUIRE_MESSAGE(strict.diagnostics.size() == 3, conform::to_string(strict.diagnostics));
      CHECK(diag_is(strict.diagnostics, 0, error::type_mismatch, severity::error, "/n"));
      CHECK(strict.diagnostics[0].expected == "an integer (int32)");
      CHECK(strict.diagnostics[0].found == "null");
      CHECK(strict.diagnostics[0].offset == (dom ? conform::diagnostic::no_offset : 6));
      CHECK(diag_is(strict.diagnostics, 1, error::type_mismatch, severity::error, "/nested"));
      CHECK(strict.diagnostics[1].expected == "an object");
      CHECK(diag_is(strict.diagnostics, 2, error::type_mismatch, severity::error, "/vec"));
      CHECK(strict.diagnostics[2].expected == "an array");
      // The members stay absent.
      CHECK(!strict.value.n.has_value());
      CHECK(!strict.value.nested.has_value());
      CHECK(!strict.value.vec.has_value());
      CHECK(strict.value.s == "x");
    }
  }

  TEST_CASE("decode_options: unknown open-enum values warn or fail, the raw text kept") {
    std::string json = R"({"oc": "purple"})";
    conform::decode_options o;
    auto lenient = conform::decode<doc>(json, o);
    CHECK(lenient.ok());
    REQUIRE(lenient.diagnostics.size() == 1);
    CHECK(diag_is(lenient.diagnostics, 0, error::unknown_enum_value, severity::warning, "/oc"));
    REQUIRE(lenient.value.oc.has_value());
    CHECK(lenient.value.oc->str() == "purple");

    o.unknown_open_enum_values = conform::open_enum_policy::error;
    auto strict = conform::decode<doc>(json, o);
    CHECK(!strict.ok());
    REQUIRE(strict.diagnostics.size() == 1);
    CHECK(diag_is(strict.diagnostics, 0, error::unknown_enum_value, severity::error, "/oc"));
    REQUIRE(strict.value.oc.has_value());
    CHECK(strict.value.oc->str() == "purple");

    // Known values are silent under both policies.
    auto known = conform::decode<doc>(R"({"oc": "blue"})", o);
    CHECK(known.diagnostics.empty());
    CHECK(known.value.oc == conform::open_enum<color>(color::blue));
  }

  TEST_CASE("decode_options: max_diagnostics caps the list and closes it with one entry") {
    // Ten errors: every element of the array is rejected.
    std::string json = R"({"vec": ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"], "n": 4})";
    conform::decode_options o;
    o.max_diagnostics = 3;
    for (bool dom : {false, true}) {
      CAPTURE(dom);
      auto r = dom ? conform::decode<doc>(parse_dom(json), o) : conform::decode<doc>(json, o);
      REQUIRE_MESSAGE(r.diagnostics.size() == 4, conform::to_string(r.diagnostics));
      CHECK(diag_is(r.diagnostics, 0, error::type_mismatch, severity::error, "/vec/0"));
      CHECK(diag_is(r.diagnostics, 2, error::type_mismatch, severity::error, "/vec/2"));
      auto const& last = r.diagnostics[3];
      CHECK(last.code == error::too_many_diagnostics);
      CHECK(last.level == severity::error);
      CHECK(last.pointer.empty());
      CHECK(last.expected == "at most 3 diagnostics (max_diagnostics)");
      CHECK(last.found == "7 more (7 errors, 0 warnings)");
      // Every error is counted, kept or not; the closing entry is not one of them.
      CHECK(r.diagnostics.error_count() == 10);
      CHECK(r.diagnostics.warning_count() == 0);
      // Decoding went on past the cap.
      CHECK(r.value.n == 4);
    }
  }

  TEST_CASE("decode_options: max_diagnostics with warnings only keeps the document valid") {
    conform::decode_options o;
    o.max_diagnostics = 1;
    auto r = conform::decode<doc>(R"({"a": 1, "b": 2, "c": 3})", o);
    CHECK(r.ok());
    REQUIRE_MESSAGE(r.diagnostics.size() == 2, conform::to_string(r.diagnostics));
    CHECK(diag_is(r.diagnostics, 0, error::unknown_member, severity::warning, "/a"));
    CHECK(r.diagnostics[1].code == error::too_many_diagnostics);
    CHECK(r.diagnostics[1].level == severity::warning);
    CHECK(r.diagnostics[1].found == "2 more (0 errors, 2 warnings)");
    CHECK(r.diagnostics.warning_count() == 3);
    CHECK(r.diagnostics.error_count() == 0);
  }

  TEST_CASE("decode_options: max_diagnostics boundaries (exactly at the cap, zero, mixed)") {
    std::string two_errors = R"({"n": "a", "m": "b"})";
    conform::decode_options o;
    o.max_diagnostics = 2;
    auto at_cap = conform::decode<doc>(two_errors, o);
    CHECK((conform_test::codes(at_cap.diagnostics) ==
           std::vector<error>{error::type_mismatch, error::type_mismatch}));

    o.max_diagnostics = 0;
    auto none = conform::decode<doc>(two_errors, o);
    REQUIRE(none.diagnostics.size() == 1);
    CHECK(none.diagnostics[0].code == error::too_many_diagnostics);
    CHECK(none.diagnostics[0].found == "2 more (2 errors, 0 warnings)");
    CHECK(none.diagnostics.error_count() == 2);
    CHECK(!none.ok());

    o.max_diagnostics = 1;
    auto mixed = conform::decode<doc>(R"({"zz": 1, "n": "a", "yy": 2})", o);
    REQUIRE(mixed.diagnostics.size() == 2);
    CHECK(mixed.diagnostics[0].code == error::unknown_member);
    CHECK(mixed.diagnostics[1].level == severity::error);
    CHECK(mixed.diagnostics[1].found == "2 more (1 error, 1 warning)");

    // The default cap: 150 errors keep 100 plus the closing entry.
    auto capped = conform::decode<doc>(string_elements(150));
    CHECK(capped.diagnostics.size() == 101);
    CHECK(capped.diagnostics.back().code == error::too_many_diagnostics);
    CHECK(capped.diagnostics.error_count() == 150);
  }

  TEST_CASE("decode_options: past the cap, a finding of every kind is counted, not kept") {
    // Each finding past max_diagnostics takes its own path to the count (the decoder builds
    // no text for it), so each kind is checked: a number that is not finite, a container
    // where a scalar belongs, a broken cross-member rule, missing members, a repeated key,
    // an unknown member (a warning) and the limit that ends decoding.
    struct row {
      std::string name;
      std::string json;
      std::size_t errors;
      std::size_t warnings;
      bool dom; // the DOM front end sees the same findings (no repeated keys in a DOM)
    };
    row const rows[] = {
        {"not finite", R"({"d": 1e400})", 1, 0, false},
        {"container for a scalar", R"({"n": [1], "d": {"x": 1}})", 2, 0, true},
        {"cross-member rule", R"({"range": {"lo": 5, "hi": 1}})", 1, 0, true},
        {"missing members", R"({"pair": {}})", 2, 0, true},
        {"repeated key", R"({"n": 1, "n": 2})", 1, 0, false},
        {"unknown member", R"({"zz": 1})", 0, 1, true},
        {"limit, after a container for a scalar", R"({"deep": [[[[1]]]]})", 2, 0, true},
    };
    for (auto const& r : rows) {
      for (bool dom : {false, true}) {
        if (dom && !r.dom) {
          continue;
        }
        CAPTURE(r.name);
        CAPTURE(dom);
        conform::decode_options kept;
        kept.max_depth = 3;
        auto decode = [&](conform::decode_options const& o) {
          return dom ? conform::decode<every_kind>(parse_dom(r.json), o)
                     : conform::decode<every_kind>(r.json, o);
        };
        auto all = decode(kept);
        CHECK_MESSAGE(all.diagnostics.error_count() == r.errors,
                      conform::to_string(all.diagnostics));
        CHECK(all.diagnostics.warning_count() == r.warnings);
        CHECK(all.diagnostics.size() == r.errors + r.warnings);
        conform::decode_options none = kept;
        none.max_diagnostics = 0;
        auto counted = decode(none);
        CHECK(counted.diagnostics.error_count() == r.errors);
        CHECK(counted.diagnostics.warning_count() == r.warnings);
        REQUIRE_MESSAGE(counted.diagnostics.size() == 1, conform::to_string(counted.diagnostics));
        CHECK(counted.diagnostics[0].code == error::too_many_diagnostics);
        CHECK(counted.ok() == all.ok());
        // What was decoded does not depend on what was kept.
        CHECK(conform::encode(counted.value) == conform::encode(all.value));
      }
    }
  }

  TEST_CASE("decode_options: the list's storage never outgrows the cap and its closing entry") {
    // The list grows 1, 4, 16, ... but stops at max_diagnostics + 1: a plain doubling vector
    // would hold room for 64 at a cap of 50, and for 128 at 100.
    std::string const many = string_elements(300);
    for (std::size_t cap :
         {std::size_t(1), std::size_t(5), std::size_t(50), std::size_t(100), std::size_t(257)}) {
      conform::decode_options o;
      o.max_diagnostics = cap;
      for (bool dom : {false, true}) {
        CAPTURE(cap);
        CAPTURE(dom);
        auto r = dom ? conform::decode<doc>(parse_dom(many), o) : conform::decode<doc>(many, o);
        REQUIRE(r.diagnostics.size() == cap + 1);
        CHECK(r.diagnostics.back().code == error::too_many_diagnostics);
        CHECK(r.diagnostics.error_count() == 300);
        CHECK(r.diagnostics.items().capacity() <= cap + 1);
      }
    }
    // Below the cap, a document with one finding keeps room for one.
    auto one = conform::decode<doc>(R"({"n": "a"})");
    REQUIRE(one.diagnostics.size() == 1);
    CHECK(one.diagnostics.items().capacity() == 1);
  }

  TEST_CASE("decode_options: fail_fast stops at the first error, not at warnings") {
    std::string json = R"({"zz": 0, "n": "a", "m": "b", "vec": [1, "c"]})";
    conform::decode_options o;
    auto all = conform::decode<doc>(json, o);
    CHECK((conform_test::codes(all.diagnostics) ==
           std::vector<error>{error::unknown_member, error::type_mismatch, error::type_mismatch,
                              error::type_mismatch}));

    o.fail_fast = true;
    for (bool dom : {false, true}) {
      CAPTURE(dom);
      auto first = dom ? conform::decode<doc>(parse_dom(json), o) : conform::decode<doc>(json, o);
      CHECK_MESSAGE((conform_test::codes(first.diagnostics) ==
                     std::vector<error>{error::unknown_member, error::type_mismatch}),
                    conform::to_string(first.diagnostics));
      CHECK(first.diagnostics.error_count() == 1);
      CHECK(!first.value.vec.has_value()); // decoding stopped before it
    }
  }

  TEST_CASE("decode_options: fail_fast reports one error when an object ends with several") {
    conform::decode_options o;
    o.fail_fast = true;
    auto r = conform::decode<required_pair>("{}", o);
    CHECK_MESSAGE(r.diagnostics.size() == 1, conform::to_string(r.diagnostics));
    CHECK(r.diagnostics.error_count() == 1);
    CHECK(diag_is(r.diagnostics, 0, error::missing_member, severity::error, "/a"));
  }

  TEST_CASE("decode_options: max_depth admits exactly max_depth levels") {
    for (std::size_t limit : {std::size_t(1), std::size_t(2), std::size_t(5), std::size_t(64)}) {
      CAPTURE(limit);
      conform::decode_options o;
      o.max_depth = limit;
      o.unknown_members = conform::unknown_member_policy::ignore;
      // The root object is one level, the unknown member's arrays the rest.
      std::string at = R"({"zz": )" + nested_arrays(limit - 1) + "}";
      if (limit == 1) {
        at = R"({"zz": 0})";
      }
      auto ok = conform::decode<doc>(at, o);
      CHECK_MESSAGE(ok.diagnostics.empty(), conform::to_string(ok.diagnostics));
      std::string over = R"({"zz": )" + nested_arrays(limit) + "}";
      auto deep = conform::decode<doc>(over, o);
      check_single_limit(deep.diagnostics, "/zz",
                         "at most " + std::to_string(limit) +
                             " nested arrays and objects (max_depth)");
      if (!deep.diagnostics.empty()) {
        CHECK(deep.diagnostics[0].found == "deeper nesting");
        CHECK(deep.diagnostics[0].offset == 7 + limit - 1);
      }
    }
  }

  TEST_CASE("decode_options: 10,000 nested arrays or objects end in one limit_exceeded") {
    std::string const limit_text = "at most 64 nested arrays and objects (max_depth)";
    struct row {
      std::string name;
      std::string json;
      std::string pointer;
      std::size_t offset;
    };
    row const rows[] = {
        {"arrays at the root", nested_arrays(10000), "", 64},
        {"open arrays only", std::string(10000, '['), "", 64},
        {"objects at the root", nested_objects(10000), "/a", 64 * 5},
        {"inside an unknown member", R"({"zz": )" + nested_arrays(10000) + "}", "/zz", 7 + 63},
        {"inside a known member", R"({"points": )" + nested_arrays(10000) + "}", "/points/0",
         11 + 63},
    };
    for (auto const& r : rows) {
      CAPTURE(r.name);
      auto res = conform::decode<doc>(r.json);
      // A type_mismatch or unknown_member may come first; then the limit ends decoding.
      CHECK(!res.ok());
      check_limit(res.diagnostics, r.pointer, limit_text);
      std::size_t i = find_code(res.diagnostics, error::limit_exceeded);
      if (i < res.diagnostics.size()) {
        CHECK(res.diagnostics[i].found == "deeper nesting");
        CHECK(res.diagnostics[i].offset == r.offset);
      }
    }
  }

  TEST_CASE("decode_options: max_depth holds on the DOM path (a caller-built deep value)") {
    auto dom = parse_dom(R"({"zz": )" + nested_arrays(10000) + "}");
    auto r = conform::decode<doc>(dom);
    REQUIRE_MESSAGE(r.diagnostics.size() == 2, conform::to_string(r.diagnostics));
    CHECK(r.diagnostics[0].code == error::unknown_member);
    CHECK(diag_is(r.diagnostics, 1, error::limit_exceeded, severity::error, "/zz"));
    CHECK(r.diagnostics[1].offset == conform::diagnostic::no_offset);
  }

  TEST_CASE("decode_options: max_depth is capped at max_depth_ceiling") {
    conform::decode_options o;
    o.max_depth = 5000;
    o.unknown_members = conform::unknown_member_policy::ignore;
    auto at = conform::decode<doc>(R"({"zz": )" + nested_arrays(999) + "}", o);
    CHECK_MESSAGE(at.diagnostics.empty(), conform::to_string(at.diagnostics));
    auto over = conform::decode<doc>(R"({"zz": )" + nested_arrays(1000) + "}", o);
    check_single_limit(over.diagnostics, "/zz",
                       "at most 1000 nested arrays and objects (max_depth)");
  }

  TEST_CASE("decode_options: max_input_bytes rejects longer text before parsing") {
    std::string json = R"({"n": 1})"; // 8 bytes
    conform::decode_options o;
    o.max_input_bytes = 8;
    auto ok = conform::decode<doc>(json, o);
    CHECK(ok.diagnostics.empty());
    CHECK(ok.value.n == 1);

    o.max_input_bytes = 7;
    auto over = conform::decode<doc>(json, o);
    check_single_limit(over.diagnostics, "", "at most 7 bytes of input (max_input_bytes)");
    CHECK(over.diagnostics[0].found == "8 bytes");
    CHECK(over.diagnostics[0].offset == 0);
    CHECK(over.diagnostics[0].line == 1);
    CHECK(over.diagnostics[0].column == 1);
    CHECK(!over.value.n.has_value());

    // Even a syntax error past the limit is not looked at.
    auto garbage = conform::decode<doc>(std::string(100, '}'), o);
    check_single_limit(garbage.diagnostics, "", "at most 7 bytes of input (max_input_bytes)");
  }

  TEST_CASE("decode_options: max_string_bytes limits strings and keys, after unescaping") {
    // Every key of doc fits in 6 bytes ("nested", "points"); the rows go one byte past.
    std::string const limit6 = "at most 6 bytes in one string or key (max_string_bytes)";
    struct row {
      std::string name;
      std::string json;
      bool over;
      std::string pointer;
      std::size_t offset;
    };
    row const rows[] = {
        {"string at the limit", R"({"s": "abcdef"})", false, "", 0},
        {"string past the limit", R"({"s": "abcdefg"})", true, "/s", 6},
        {"escapes count unescaped", R"({"s": "\u0041\u0042\u0043\u0044\u0045\u0046"})", false, "",
         0},
        {"escaped string past the limit", R"({"s": "\u0041\u0042\u0043\u0044\u0045\u0046\n"})",
         true, "/s", 6},
        {"multi-byte characters count bytes", "{\"s\": \"\xC3\xA9\xC3\xA9\xC3\xA9\"}", false, "",
         0},
        {"multi-byte past the limit", "{\"s\": \"\xC3\xA9\xC3\xA9\xC3\xA9x\"}", true, "/s", 6},
        {"string in an array", R"({"roles": ["a", "abcdefg"]})", true, "/roles/1", 16},
        {"string in an unknown member", R"({"zz": ["abcdefg"]})", true, "/zz", 8},
        {"key at the limit", R"({"abcdef": 1})", false, "", 0},
        {"key past the limit", R"({"abcdefg": 1})", true, "", 1},
        {"escaped key past the limit", R"({"\u0061bcdefg": 1})", true, "", 1},
        {"key after a member", R"({"n": 1, "abcdefg": 1})", true, "", 9},
        {"key in a nested object", R"({"nested": {"x": 1, "abcdefg": 1}})", true, "/nested", 20},
        {"key in a map", R"({"map": {"abcdefg": 1}})", true, "/map", 9},
        {"key in a map after an entry", R"({"map": {"a": 1, "abcdefg": 1}})", true, "/map", 17},
        // "nested" is the member declared after "map": the parser compares it with that name
        // before reading it in full, and the limit must hold on that path too.
        {"member name in declaration order", R"({"map": {}, "nested": {"x": 1, "y": 2}})", false,
         "", 0},
    };
    conform::decode_options o;
    o.max_string_bytes = 6;
    o.unknown_members = conform::unknown_member_policy::ignore;
    for (auto const& r : rows) {
      CAPTURE(r.name);
      for (bool dom : {false, true}) {
        CAPTURE(dom);
        auto res =
            dom ? conform::decode<doc>(parse_dom(r.json), o) : conform::decode<doc>(r.json, o);
        if (!r.over) {
          CHECK_MESSAGE(res.diagnostics.empty(), conform::to_string(res.diagnostics));
          continue;
        }
        check_single_limit(res.diagnostics, r.pointer, limit6);
        if (!dom && !res.diagnostics.empty()) {
          CHECK(res.diagnostics[0].offset == r.offset);
        }
      }
    }
  }

  TEST_CASE("decode_options: max_string_bytes holds for a key that names the next member") {
    conform::decode_options o;
    o.max_string_bytes = 5; // "nested", declared after "map", is one byte longer
    auto res = conform::decode<doc>(R"({"map": {}, "nested": {}})", o);
    check_single_limit(res.diagnostics, "",
                       "at most 5 bytes in one string or key (max_string_bytes)");
    REQUIRE(!res.diagnostics.empty());
    CHECK(res.diagnostics[0].offset == 12);
  }

  TEST_CASE("decode_options: max_string_bytes holds for long strings delivered in parts") {
    std::string escaped;
    for (int i = 0; i < 6000; ++i) {
      escaped += "\\u0041";
    }
    conform::decode_options o;
    o.max_string_bytes = 5000;
    auto value = conform::decode<doc>(R"({"s": ")" + escaped + R"("})", o);
    check_single_limit(value.diagnostics, "/s",
                       "at most 5000 bytes in one string or key (max_string_bytes)");
    auto key = conform::decode<doc>(R"({")" + escaped + R"(": 1})", o);
    check_single_limit(key.diagnostics, "",
                       "at most 5000 bytes in one string or key (max_string_bytes)");
    o.max_string_bytes = 6000;
    auto fits = conform::decode<doc>(R"({"s": ")" + escaped + R"("})", o);
    CHECK(fits.diagnostics.empty());
    CHECK(fits.value.s == std::string(6000, 'A'));
  }

  TEST_CASE("decode_options: max_array_size limits the elements of one array") {
    std::string const limit3 = "at most 3 elements in one array (max_array_size)";
    struct row {
      std::string name;
      std::string json;
      bool over;
      std::string pointer;
      std::size_t offset;
    };
    row const rows[] = {
        {"at the limit", R"({"vec": [1, 2, 3]})", false, "", 0},
        {"past the limit", R"({"vec": [1, 2, 3, 4]})", true, "/vec", 18},
        {"objects past the limit", R"({"points": [{}, {}, {}, {}]})", true, "/points", 24},
        {"arrays past the limit", R"({"roles": [[], [], [], []]})", true, "/roles", 23},
        {"rejected elements count", R"({"vec": ["a", "b", "c", "d"]})", true, "/vec", 24},
    };
    conform::decode_options o;
    o.max_array_size = 3;
    o.max_diagnostics = 1000;
    for (auto const& r : rows) {
      CAPTURE(r.name);
      for (bool dom : {false, true}) {
        CAPTURE(dom);
        auto res =
            dom ? conform::decode<doc>(parse_dom(r.json), o) : conform::decode<doc>(r.json, o);
        if (!r.over) {
          CHECK_MESSAGE(res.diagnostics.empty(), conform::to_string(res.diagnostics));
          continue;
        }
        check_limit(res.diagnostics, r.pointer, limit3);
        std::size_t i = find_code(res.diagnostics, error::limit_exceeded);
        if (i < res.diagnostics.size()) {
          CHECK(res.diagnostics[i].found == "more elements");
          CHECK(res.diagnostics[i].offset == (dom ? conform::diagnostic::no_offset : r.offset));
        }
      }
    }
  }

  TEST_CASE("decode_options: max_object_size limits the members of one object") {
    std::string const limit2 = "at most 2 members in one object (max_object_size)";
    struct row {
      std::string name;
      std::string json;
      bool over;
      std::string pointer;
      std::size_t offset;
    };
    row const rows[] = {
        {"at the limit", R"({"n": 1, "m": 2})", false, "", 0},
        {"root past the limit", R"({"n": 1, "m": 2, "s": "x"})", true, "", 17},
        {"past the limit in declaration order", R"({"s": "x", "n": 1, "m": 2})", true, "", 19},
        {"unknown keys count", R"({"a": 1, "b": 2, "c": 3})", true, "", 17},
        {"duplicates count", R"({"n": 1, "n": 1, "n": 1})", true, "", 17},
        {"nested object", R"({"nested": {"x": 1, "y": 2, "z": 3}})", true, "/nested", 28},
        {"map", R"({"map": {"a": 1, "b": 2, "c": 3}})", true, "/map", 25},
    };
    conform::decode_options o;
    o.max_object_size = 2;
    o.unknown_members = conform::unknown_member_policy::ignore;
    o.duplicate_keys = conform::duplicate_key_policy::warning_last_wins;
    for (auto const& r : rows) {
      CAPTURE(r.name);
      auto res = conform::decode<doc>(r.json, o);
      if (!r.over) {
        CHECK_MESSAGE(res.diagnostics.empty(), conform::to_string(res.diagnostics));
        auto dom = conform::decode<doc>(parse_dom(r.json), o);
        CHECK_MESSAGE(dom.diagnostics.empty(), conform::to_string(dom.diagnostics));
        CHECK(dom.value.n == res.value.n);
        CHECK(dom.value.m == res.value.m);
        continue;
      }
      check_limit(res.diagnostics, r.pointer, limit2);
      std::size_t i = find_code(res.diagnostics, error::limit_exceeded);
      if (i < res.diagnostics.size()) {
        CHECK(res.diagnostics[i].found == "more members");
        CHECK(res.diagnostics[i].offset == r.offset);
      }
      // The DOM front end feeds a member and its scalar value in one step: same limit, same
      // pointer (a DOM has already merged the repeated keys).
      // The DOM front end knows an object's size before its members and counts them only
      // when the object is over the limit; it stops at the same member as the text does,
      // keeping the members before it.
      if (r.name != "duplicates count") {
        auto dom = conform::decode<doc>(parse_dom(r.json), o);
        check_limit(dom.diagnostics, r.pointer, limit2);
        CHECK(dom.value.n == res.value.n);
        CHECK(dom.value.m == res.value.m);
        CHECK(dom.value.s == res.value.s);
      }
    }
  }

  TEST_CASE("decode_options: a limit ends decoding; what came before is kept") {
    conform::decode_options o;
    o.max_array_size = 2;
    auto r = conform::decode<doc>(R"({"n": 1, "vec": [1, 2, 3], "m": 2})", o);
    CHECK(r.value.n == 1);
    CHECK(!r.value.m.has_value());
    REQUIRE(r.value.vec.has_value());
    CHECK(*r.value.vec == std::vector<int>{1, 2});
    CHECK_MESSAGE((conform_test::codes(r.diagnostics) == std::vector<error>{error::limit_exceeded}),
                  conform::to_string(r.diagnostics));
  }
}
