// Tests for <conform/cross_member.hpp>: together, requires_member, exclusive, required_if (on
// enum, open_enum and string members), ordered (integers, doubles, strings, optionals) and
// warn<> over a rule: when each fires, which member is blamed, the texts, the offset of the
// blamed member's value on the text path, and the position in the diagnostics list.
#include <conform/cross_member.hpp>

#include "support/test.hpp"
#include "support/user_rules.hpp"

#include <conform/decode.hpp>
#include <conform/decode_value.hpp>
#include <conform/validate.hpp>

#include <boost/describe.hpp>
#include <boost/json/parse.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cross_test {

struct http_get {
  std::optional<std::string> path;
  std::optional<int> port;
};
BOOST_DESCRIBE_STRUCT(http_get, (), (path, port))
CONFORM_TYPE_RULES(http_get, conform::together<&http_get::path, &http_get::port>);

struct summary {
  std::optional<std::string> log_type;
  std::optional<std::string> log_dir;
};
BOOST_DESCRIBE_STRUCT(summary, (), (log_type, log_dir))
CONFORM_TYPE_RULES(summary, conform::requires_member<&summary::log_type, &summary::log_dir>);

struct source {
  std::optional<std::string> code_dir;
  std::optional<std::string> image;
};
BOOST_DESCRIBE_STRUCT(source, (), (code_dir, image))
CONFORM_TYPE_RULES(source, conform::exclusive<&source::code_dir, &source::image>);

enum class affinity_kind { none, hyperinstance };
BOOST_DESCRIBE_ENUM(affinity_kind, none, hyperinstance)

struct hyperinstance_value {
  static constexpr affinity_kind value = affinity_kind::hyperinstance;
};
struct gpu_value {
  static constexpr std::string_view value = "gpu";
};

struct affinity {
  affinity_kind affinity_type = affinity_kind::none;
  std::optional<int> affinity_group_size;
};
BOOST_DESCRIBE_STRUCT(affinity, (), (affinity_type, affinity_group_size))
CONFORM_TYPE_RULES(affinity, conform::required_if<&affinity::affinity_group_size,
                                                  &affinity::affinity_type, hyperinstance_value>);

struct open_affinity {
  std::optional<conform::open_enum<affinity_kind>> affinity_type;
  std::optional<int> affinity_group_size;
};
BOOST_DESCRIBE_STRUCT(open_affinity, (), (affinity_type, affinity_group_size))
CONFORM_TYPE_RULES(open_affinity,
                   conform::required_if<&open_affinity::affinity_group_size,
                                        &open_affinity::affinity_type, hyperinstance_value>);

struct flavor {
  std::string kind;
  std::optional<int> gpu_count;
};
BOOST_DESCRIBE_STRUCT(flavor, (), (kind, gpu_count))
CONFORM_TYPE_RULES(flavor, conform::required_if<&flavor::gpu_count, &flavor::kind, gpu_value>);

struct record {
  std::int64_t start_at = 0;
  std::int64_t end_at = 0;
  std::optional<double> low;
  std::optional<double> high;
  std::optional<std::string> first;
  std::optional<std::string> last;
  std::optional<int> soft_min;
  std::optional<int> soft_max;
};
BOOST_DESCRIBE_STRUCT(record, (), (start_at, end_at, low, high, first, last, soft_min, soft_max))
CONFORM_TYPE_RULES(record, conform::ordered<&record::start_at, &record::end_at>,
                   conform::ordered<&record::low, &record::high>,
                   conform::ordered<&record::first, &record::last>,
                   conform::warn<conform::ordered<&record::soft_min, &record::soft_max>>);

struct batch {
  std::vector<record> records;
  std::optional<http_get> probe;
};
BOOST_DESCRIBE_STRUCT(batch, (), (records, probe))

/// Two rules on one type, after a required member: missing members come first.
struct both_rules {
  int id = 0;
  std::optional<std::string> a;
  std::optional<std::string> b;
  std::optional<std::string> c;
};
BOOST_DESCRIBE_STRUCT(both_rules, (), (id, a, b, c))
CONFORM_TYPE_RULES(both_rules, conform::exclusive<&both_rules::a, &both_rules::b>,
                   conform::requires_member<&both_rules::a, &both_rules::c>);

// Rules of the user's own (conform_test::sums_to_100, conform_test::labelled): one names the
// members it reads and blames one of them, the other blames the whole object.
using conform_test::labelled;
using conform_test::sums_to_100;

struct split {
  int first = 0;
  int second = 0;
  std::optional<std::string> label;
  std::optional<std::string> note;
};
BOOST_DESCRIBE_STRUCT(split, (), (first, second, label, note))
CONFORM_TYPE_RULES(split, sums_to_100, labelled);

struct soft_split {
  int first = 0;
  int second = 0;
  std::optional<std::string> label;
};
BOOST_DESCRIBE_STRUCT(soft_split, (), (first, second, label))
CONFORM_TYPE_RULES(soft_split, conform::warn<sums_to_100>);

struct splits {
  std::vector<split> items;
};
BOOST_DESCRIBE_STRUCT(splits, (), (items))

inline bool diag_is(conform::diagnostics const& ds, std::size_t i, conform::error code,
                    conform::severity level, std::string const& pointer) {
  return i < ds.size() && ds[i].code == code && ds[i].level == level && ds[i].pointer == pointer;
}

/// The offset of the value of the member spelled `key` (the first such key from `from`).
inline std::size_t value_offset(std::string const& json, std::string const& key,
                                std::size_t from = 0) {
  std::size_t at = json.find("\"" + key + "\"", from);
  at = json.find(':', at) + 1;
  return json.find_first_not_of(" \t\r\n", at);
}

struct expectation {
  std::string pointer; // "" : no diagnostic expected
  std::string expected;
  std::string found;
};

/// Decodes `json` as T on both paths and checks the single cross_member_rule finding (or none).
template <class T>
void check_rule(std::string const& json, expectation const& want,
                conform::severity level = conform::severity::error) {
  CAPTURE(json);
  auto text = conform::decode<T>(json);
  auto dom = conform::decode<T>(boost::json::parse(json));
  for (auto const* r : {&text, &dom}) {
    bool from_text = r == &text;
    CAPTURE(from_text);
    if (want.pointer.empty()) {
      CHECK_MESSAGE(r->diagnostics.empty(), conform::to_string(r->diagnostics));
      continue;
    }
    CHECK_MESSAGE(r->diagnostics.size() == 1, conform::to_string(r->diagnostics));
    if (r->diagnostics.size() != 1) {
      continue;
    }
    auto const& d = r->diagnostics[0];
    CHECK(diag_is(r->diagnostics, 0, conform::error::cross_member_rule, level, want.pointer));
    CHECK(d.expected == want.expected);
    CHECK(d.found == want.found);
    if (from_text) {
      // At the blamed member's value.
      CHECK(d.offset == value_offset(json, want.pointer.substr(want.pointer.rfind('/') + 1)));
    } else {
      CHECK(d.offset == conform::diagnostic::no_offset);
    }
  }
}

} // namespace cross_test

using namespace cross_test;
using conform::error;
using conform::severity;

TEST_SUITE("cross_member") {
  TEST_CASE("cross_member: together wants both members or neither, blaming the present one") {
    check_rule<http_get>("{}", {});
    check_rule<http_get>(R"({"path": "/", "port": 80})", {});
    check_rule<http_get>(R"({"path": "/health"})",
                         {"/path", "both path and port, or neither", "path without port"});
    check_rule<http_get>(R"({"port": 80})",
                         {"/port", "both path and port, or neither", "port without path"});
    check_rule<http_get>(R"({"port": 80, "path": null})",
                         {"/port", "both path and port, or neither", "port without path"});
  }

  TEST_CASE("cross_member: requires_member wants B when A is present, blaming A") {
    check_rule<summary>("{}", {});
    check_rule<summary>(R"({"log_dir": "/d"})", {});
    check_rule<summary>(R"({"log_type": "tb", "log_dir": "/d"})", {});
    check_rule<summary>(R"({"log_type": "tb"})", {"/log_type", "log_dir when log_type is present",
                                                  "log_type without log_dir"});
  }

  TEST_CASE("cross_member: exclusive allows at most one member, blaming the second") {
    check_rule<source>("{}", {});
    check_rule<source>(R"({"code_dir": "/c"})", {});
    check_rule<source>(R"({"image": "i"})", {});
    check_rule<source>(R"({"code_dir": "/c", "image": "i"})",
                       {"/image", "at most one of code_dir and image", "both"});
    // The blamed member is B whatever the key order.
    check_rule<source>(R"({"image": "i", "code_dir": "/c"})",
                       {"/image", "at most one of code_dir and image", "both"});
  }

  TEST_CASE("cross_member: required_if on an enum member") {
    check_rule<affinity>(R"({"affinity_type": "none"})", {});
    check_rule<affinity>(R"({"affinity_type": "hyperinstance", "affinity_group_size": 2})", {});
    check_rule<affinity>(R"({"affinity_type": "hyperinstance"})",
                         {"/affinity_type",
                          R"(affinity_group_size when affinity_type is "hyperinstance")",
                          R"(affinity_type "hyperinstance" without affinity_group_size)"});
  }

  TEST_CASE("cross_member: required_if on an open_enum member") {
    check_rule<open_affinity>("{}", {});
    check_rule<open_affinity>(R"({"affinity_type": "none"})", {});
    check_rule<open_affinity>(R"({"affinity_type": "hyperinstance", "affinity_group_size": 1})",
                              {});
    check_rule<open_affinity>(R"({"affinity_type": "hyperinstance"})",
                              {"/affinity_type",
                               R"(affinity_group_size when affinity_type is "hyperinstance")",
                               R"(affinity_type "hyperinstance" without affinity_group_size)"});
    // An unknown value never equals the constant (only its own warning is reported).
    auto unknown = conform::decode<open_affinity>(R"({"affinity_type": "hyper"})");
    CHECK((conform_test::codes(unknown.diagnostics) ==
           std::vector<error>{error::unknown_enum_value}));
  }

  TEST_CASE("cross_member: required_if on a string member") {
    check_rule<flavor>(R"({"kind": "cpu"})", {});
    check_rule<flavor>(R"({"kind": "gpu", "gpu_count": 1})", {});
    check_rule<flavor>(R"({"kind": "GPU"})", {});
    check_rule<flavor>(R"({"kind": "gpu"})", {"/kind", R"(gpu_count when kind is "gpu")",
                                              R"(kind "gpu" without gpu_count)"});
  }

  TEST_CASE("cross_member: ordered wants Low <= High, blaming High") {
    std::string const base = R"("start_at": 1, "end_at": 2)";
    check_rule<record>("{" + base + "}", {});
    check_rule<record>(R"({"start_at": 5, "end_at": 5})", {});
    check_rule<record>(R"({"start_at": 5, "end_at": 3})",
                       {"/end_at", "end_at not before start_at", "end_at 3 before start_at 5"});
    check_rule<record>(R"({"start_at": -1, "end_at": -9223372036854775808})",
                       {"/end_at", "end_at not before start_at",
                        "end_at -9223372036854775808 before start_at -1"});
    // Doubles.
    check_rule<record>("{" + base + R"(, "low": 0.5, "high": 0.5})", {});
    check_rule<record>("{" + base + R"(, "low": 0.5, "high": 0.25})",
                       {"/high", "high not before low", "high 0.25 before low 0.5"});
    // Strings compare lexicographically and are quoted.
    check_rule<record>("{" + base + R"(, "first": "2024-01-01", "last": "2024-01-02"})", {});
    check_rule<record>("{" + base + R"(, "first": "b", "last": "a"})",
                       {"/last", "last not before first", R"(last "a" before first "b")"});
    // Optionals: nothing to compare unless both are present.
    check_rule<record>("{" + base + R"(, "high": -1})", {});
    check_rule<record>("{" + base + R"(, "low": 10})", {});
  }

  TEST_CASE("cross_member: warn<ordered> reports a warning") {
    check_rule<record>(
        R"({"start_at": 1, "end_at": 2, "soft_min": 3, "soft_max": 2})",
        {"/soft_max", "soft_max not before soft_min", "soft_max 2 before soft_min 3"},
        severity::warning);
    auto r =
        conform::decode<record>(R"({"start_at": 1, "end_at": 2, "soft_min": 3, "soft_max": 2})");
    CHECK(r.ok());
  }

  TEST_CASE("cross_member: every broken rule is reported, in rule order, after missing members") {
    std::string json = R"({"a": "x", "b": "y"})";
    auto r = conform::decode<both_rules>(json);
    REQUIRE_MESSAGE(r.diagnostics.size() == 3, conform::to_string(r.diagnostics));
    CHECK(diag_is(r.diagnostics, 0, error::missing_member, severity::error, "/id"));
    CHECK(diag_is(r.diagnostics, 1, error::cross_member_rule, severity::error, "/b"));
    CHECK(diag_is(r.diagnostics, 2, error::cross_member_rule, severity::error, "/a"));
    CHECK(r.diagnostics[1].offset == value_offset(json, "b"));
    CHECK(r.diagnostics[2].offset == value_offset(json, "a"));
    CHECK(r.diagnostics[1].member == "cross_test::both_rules::b");
  }

  TEST_CASE("cross_member: rules of nested objects point into the document") {
    std::string json = "{\"records\": [\n  {\"start_at\": 1, \"end_at\": 2},\n  {\"start_at\": 3, "
                       "\"end_at\": 1}\n], \"probe\": {\"port\": 8080}}";
    auto r = conform::decode<batch>(json);
    REQUIRE_MESSAGE(r.diagnostics.size() == 2, conform::to_string(r.diagnostics));
    CHECK(
        diag_is(r.diagnostics, 0, error::cross_member_rule, severity::error, "/records/1/end_at"));
    CHECK(r.diagnostics[0].offset == value_offset(json, "end_at", json.rfind("\"end_at\"")));
    CHECK(r.diagnostics[0].line == 3);
    CHECK(r.diagnostics[0].column == 29);
    CHECK(diag_is(r.diagnostics, 1, error::cross_member_rule, severity::error, "/probe/port"));
    CHECK(r.diagnostics[1].offset == value_offset(json, "port"));
  }

  TEST_CASE("cross_member: the blamed member is found even after values holding its name") {
    // The key "port" appears inside a string and a nested value before the real key.
    std::string json = R"({"path": "\"port\": 1", "port": 80, "zz": {"port": 1}})";
    auto ok = conform::decode<http_get>(json);
    CHECK(ok.ok());
    std::string json2 = R"({"zz": {"port": [1, {"port": 2}]}, "port": 80})";
    auto r = conform::decode<http_get>(json2);
    std::size_t i = 0;
    while (i < r.diagnostics.size() && r.diagnostics[i].code != error::cross_member_rule) {
      ++i;
    }
    REQUIRE(i < r.diagnostics.size());
    CHECK(r.diagnostics[i].pointer == "/port");
    CHECK(r.diagnostics[i].offset == json2.rfind("80"));
  }

  TEST_CASE("cross_member: a blamed member with an escaped key is still located") {
    std::string json = R"({"p\u0061th": "/health"})";
    auto r = conform::decode<http_get>(json);
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].pointer == "/path");
    CHECK(r.diagnostics[0].offset == json.find("\"/health\""));

    // The search steps over every kind of value and reads every kind of escape in the keys
    // before the blamed one (each an unknown member: a warning of its own).
    std::string json2 = R"({"k\b\f\n\r\t\"\\\/": 1, "\uD83D\uDE00": true, "n": null, "f": false,)"
                        R"( "s": "a, b: {c} [d]", "a": [1.5e3, "]", {"x": "}"}], "o": {}, )"
                        R"("\u0070\u0061th": "/health"})";
    auto r2 = conform::decode<http_get>(json2);
    REQUIRE_MESSAGE(r2.diagnostics.size() == 8, conform::to_string(r2.diagnostics));
    CHECK(r2.diagnostics[0].pointer == "/k\b\f\n\r\t\"\\~1");
    CHECK(r2.diagnostics[1].pointer == "/\xF0\x9F\x98\x80");
    auto const& blamed = r2.diagnostics.back();
    CHECK(blamed.code == error::cross_member_rule);
    CHECK(blamed.pointer == "/path");
    CHECK(blamed.offset == json2.find("\"/health\""));
  }

  TEST_CASE("cross_member: with a duplicate key the kept occurrence is blamed") {
    std::string json = R"({"path": "/first", "path": "/last"})";
    auto first = conform::decode<http_get>(json);
    REQUIRE_MESSAGE(first.diagnostics.size() == 2, conform::to_string(first.diagnostics));
    CHECK(first.diagnostics[0].code == error::duplicate_key);
    CHECK(diag_is(first.diagnostics, 1, error::cross_member_rule, severity::error, "/path"));
    CHECK(first.diagnostics[1].offset == json.find("\"/first\""));

    conform::decode_options o;
    o.duplicate_keys = conform::duplicate_key_policy::warning_last_wins;
    auto last = conform::decode<http_get>(json, o);
    REQUIRE_MESSAGE(last.diagnostics.size() == 2, conform::to_string(last.diagnostics));
    CHECK(diag_is(last.diagnostics, 1, error::cross_member_rule, severity::error, "/path"));
    CHECK(last.diagnostics[1].offset == json.find("\"/last\""));
  }

  TEST_CASE("cross_member: a rule reading a rejected member stays silent") {
    // One defect, one diagnostic: the member's own finding is enough.
    struct row {
      std::string json;
      error code;
      std::string pointer;
    };
    row const rows[] = {
        {R"({"log_type": "tb", "log_dir": 5})", error::type_mismatch, "/log_dir"},
        {R"({"log_type": 1})", error::type_mismatch, "/log_type"},
    };
    for (auto const& r : rows) {
      CAPTURE(r.json);
      auto res = conform::decode<summary>(r.json);
      CHECK_MESSAGE(res.diagnostics.size() == 1, conform::to_string(res.diagnostics));
      CHECK(diag_is(res.diagnostics, 0, r.code, severity::error, r.pointer));
    }
    auto ordered = conform::decode<record>(R"({"start_at": 5, "end_at": 1.5})");
    CHECK((conform_test::codes(ordered.diagnostics) == std::vector<error>{error::not_integer}));
    auto enum_value = conform::decode<affinity>(R"({"affinity_type": "hyper"})");
    CHECK((conform_test::codes(enum_value.diagnostics) ==
           std::vector<error>{error::unknown_enum_value}));
    // A rule whose members all decoded still runs next to an unrelated rejection.
    auto other = conform::decode<both_rules>(R"({"id": "x", "a": "1", "b": "2", "c": "3"})");
    CHECK((conform_test::codes(other.diagnostics) ==
           std::vector<error>{error::type_mismatch, error::cross_member_rule}));
  }

  TEST_CASE("cross_member: a rule of the user's own blames a member or the object") {
    std::string const json =
        R"({"items": [{"first": 30, "second": 70, "label": "a"},)"
        R"( {"first": 30, "second": 60, "note": "b"}, {"first": 50, "second": 50}]})";
    auto text = conform::decode<splits>(json);
    auto dom = conform::decode<splits>(boost::json::parse(json));
    for (auto const* r : {&text, &dom}) {
      bool const from_text = r == &text;
      CAPTURE(from_text);
      auto const& ds = r->diagnostics;
      REQUIRE_MESSAGE(ds.size() == 2, conform::to_string(ds));
      // The member it blames, with its texts and its member path.
      CHECK(diag_is(ds, 0, error::cross_member_rule, severity::error, "/items/1/second"));
      CHECK(ds[0].expected == "first + second = 100");
      CHECK(ds[0].found == "90");
      CHECK(ds[0].member == "cross_test::split::second");
      // The whole object: its pointer, and its own type as the member.
      CHECK(diag_is(ds, 1, error::cross_member_rule, severity::error, "/items/2"));
      CHECK(ds[1].expected == "a label or a note");
      CHECK(ds[1].found == "neither");
      CHECK(ds[1].member == "cross_test::split");
      if (from_text) {
        CHECK(ds[0].offset == json.find("60"));
        CHECK(ds[1].offset == json.rfind("{\"first\""));
        CHECK(ds[1].line == 1);
      } else {
        CHECK(ds[0].offset == conform::diagnostic::no_offset);
      }
      // Like the built-in rules, a broken one rejects nothing: the values stay.
      REQUIRE(r->value.items.size() == 3);
      CHECK(r->value.items[1].second == 60);
    }
    // The same object through validate().
    split s;
    s.first = 1;
    auto ds = conform::validate(s);
    CHECK((conform_test::codes(ds) ==
           std::vector<error>{error::cross_member_rule, error::cross_member_rule}));
    CHECK(diag_is(ds, 0, error::cross_member_rule, severity::error, "/second"));
    CHECK(diag_is(ds, 1, error::cross_member_rule, severity::error, ""));
    if (ds.size() == 2) {
      CHECK(ds[0].member == "cross_test::split::second");
      CHECK(ds[1].member == "cross_test::split");
    }
  }

  TEST_CASE("cross_member: a rule of the user's own skips rejected members it names") {
    // sums_to_100 names first and second: with first rejected it stays silent. labelled names
    // none, so it runs whatever was rejected.
    auto r = conform::decode<split>(R"({"first": "x", "second": 70})");
    CHECK_MESSAGE((conform_test::codes(r.diagnostics) ==
                   std::vector<error>{error::type_mismatch, error::cross_member_rule}),
                  conform::to_string(r.diagnostics));
    CHECK(diag_is(r.diagnostics, 1, error::cross_member_rule, severity::error, ""));
    CHECK(r.diagnostics[1].expected == "a label or a note");
  }

  TEST_CASE("cross_member: warn<> over a rule of the user's own") {
    auto r = conform::decode<soft_split>(R"({"first": 1, "second": 2})");
    REQUIRE_MESSAGE(r.diagnostics.size() == 1, conform::to_string(r.diagnostics));
    CHECK(diag_is(r.diagnostics, 0, error::cross_member_rule, severity::warning, "/second"));
    CHECK(r.ok());
  }

  TEST_CASE("cross_member: rules also run in validate()") {
    record rec;
    rec.start_at = 10;
    rec.end_at = 1;
    auto ds = conform::validate(rec);
    REQUIRE(ds.size() == 1);
    CHECK(diag_is(ds, 0, error::cross_member_rule, severity::error, "/end_at"));
    CHECK(ds[0].found == "end_at 1 before start_at 10");
    CHECK(ds[0].offset == conform::diagnostic::no_offset);
  }
}
