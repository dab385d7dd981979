// Tests for <conform/json_schema.hpp>: each built-in constraint, type and cross-member rule
// becomes the keywords its documentation names; what only warns goes under x-conform-warn;
// the decode policies change what they should; a type that contains itself is one definition;
// the output is deterministic and the indented form is the same JSON. Whether documents the
// decoder accepts and rejects are accepted and rejected by a JSON Schema validator is the CLI
// test area `schema`'s concern (tests/cli/test_cli.py, with Python's jsonschema).
#include <conform/json_schema.hpp>

#include "support/test.hpp"
#include "support/user_rules.hpp"

#include <conform/modelarts.hpp>

#include <boost/describe.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/value_to.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <map>
#include <regex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace json_schema_test {

enum class colour { red, green, blue };
BOOST_DESCRIBE_ENUM(colour, red, green, blue)

struct sizes {
  static constexpr std::string_view values[] = {"small", "large"};
};
struct home_dir {
  static constexpr std::string_view value = "/home/ma-user/";
};

/// A constraint of the user's own, without a json_schema(): noted by its expectation.
struct even {
  static constexpr conform::error code = conform::error::invalid_value;
  static constexpr conform::severity level = conform::severity::error;
  template <class V>
  static constexpr bool applies_to = std::is_integral_v<V>;
  static bool check(std::int64_t v) noexcept { return v % 2 == 0; }
  static void expected(std::string& out) { out += "an even number"; }
  static void found(std::int64_t v, std::string& out) { out += std::to_string(v); }
};

/// The same with a json_schema(): added under allOf.
struct multiple_of_ten : even {
  static bool check(std::int64_t v) noexcept { return v % 10 == 0; }
  static void expected(std::string& out) { out += "a multiple of ten"; }
  static constexpr std::string_view json_schema() noexcept { return R"({"multipleOf":10})"; }
};

struct note : conform::annotation {
  static constexpr std::string_view json_schema_comment = "a note for readers";
};

struct everything {
  std::int32_t priority;
  std::optional<std::uint8_t> small;
  std::optional<std::int64_t> positive;
  std::optional<std::int64_t> warned;
  std::optional<double> ratio;
  std::optional<double> above;
  std::optional<float> single;
  std::optional<long double> wide;
  std::optional<std::string> name;
  std::optional<std::string> size_name;
  std::optional<std::string> code_dir;
  std::optional<std::int64_t> even_number;
  std::optional<std::int64_t> maybe_even;
  std::optional<std::int64_t> tens;
  std::optional<std::vector<std::vector<std::int64_t>>> pairs;
  std::optional<std::map<std::string, std::string>> labels;
  std::optional<bool> flag;
  std::optional<colour> closed;
  std::optional<conform::open_enum<colour>> open;
  std::optional<std::string> path;
  std::optional<std::int32_t> port;
  std::optional<std::string> a;
  std::optional<std::string> b;
  std::optional<colour> mode;
  std::optional<std::string> blue_only;
  std::optional<std::int64_t> start;
  std::optional<std::int64_t> end;
  std::string required_text;
};
BOOST_DESCRIBE_STRUCT(everything, (),
                      (priority, small, positive, warned, ratio, above, single, wide, name,
                       size_name, code_dir, even_number, maybe_even, tens, pairs, labels, flag,
                       closed, open, path, port, a, b, mode, blue_only, start, end, required_text))
CONFORM_MEMBER_RULES(everything, priority, conform::range<0, 3>);
CONFORM_MEMBER_RULES(everything, positive, conform::greater_than<0>);
CONFORM_MEMBER_RULES(everything, warned, conform::warn<conform::range<0, 86400>>);
CONFORM_MEMBER_RULES(everything, ratio, conform::range<0, 1>);
CONFORM_MEMBER_RULES(everything, above, conform::greater_than<2>);
CONFORM_MEMBER_RULES(everything, name, conform::length<1, 64>,
                     conform::charset<conform::letters, conform::digits, conform::chars<'_', '-'>>);
CONFORM_MEMBER_RULES(everything, size_name, conform::one_of<sizes>);
CONFORM_MEMBER_RULES(everything, code_dir, conform::path_under<home_dir>, note);
CONFORM_MEMBER_RULES(everything, even_number, even);
CONFORM_MEMBER_RULES(everything, maybe_even, conform::warn<even>);
CONFORM_MEMBER_RULES(everything, tens, multiple_of_ten);
CONFORM_MEMBER_RULES(everything, pairs, conform::size<1, 3>, conform::each<conform::size<2, 2>>);
CONFORM_MEMBER_RULES(everything, labels, conform::size<0, 4>, conform::each<conform::length<1>>);
CONFORM_TYPE_RULES(everything, conform::together<&everything::path, &everything::port>,
                   conform::exclusive<&everything::a, &everything::b>,
                   conform::required_if<&everything::blue_only, &everything::mode,
                                        std::integral_constant<colour, colour::blue>>,
                   conform::warn<conform::requires_member<&everything::a, &everything::start>>,
                   conform::ordered<&everything::start, &everything::end>);

/// Cross-member rules of the user's own: one JSON Schema cannot say (a sum), noted by its
/// name; one that says how, added under allOf.
struct has_first : conform_test::sums_to_100 {
  template <class T, class Report>
  static void check(T const&, Report&) {}
  static constexpr std::string_view json_schema() noexcept { return R"({"required":["first"]})"; }
};
struct split {
  int first = 0;
  int second = 0;
};
BOOST_DESCRIBE_STRUCT(split, (), (first, second))
CONFORM_TYPE_RULES(split, conform_test::sums_to_100, has_first);

/// Characters a regular expression reads as syntax, in a charset and in a path prefix.
struct odd_dir {
  static constexpr std::string_view value = "/opt/a.b+c(1)$/";
};
struct odd_text {
  std::string word;
  std::string file;
  std::string twice;
};
BOOST_DESCRIBE_STRUCT(odd_text, (), (word, file, twice))
CONFORM_MEMBER_RULES(odd_text, word,
                     conform::charset<conform::chars<'\x01', '-', '[', ']', '\\', '^', 'a', 'b'>>);
CONFORM_MEMBER_RULES(odd_text, file, conform::path_under<odd_dir>);
CONFORM_MEMBER_RULES(odd_text, twice, conform::charset<conform::letters>,
                     conform::charset<conform::digits, conform::letters>, conform::length<1, 5>,
                     conform::length<2, 8>);

struct node {
  std::string id;
  std::optional<std::vector<node>> children;
};
BOOST_DESCRIBE_STRUCT(node, (), (id, children))

// Two types whose "$defs" keys would be the same ("tag_int__": '*' and '&' both become '_'):
// the second gets a number.
template <class T>
struct tag {
  int y;
};
using tag_pointer = tag<int*>; // described through aliases: the macro takes a name
using tag_reference = tag<int&>;
BOOST_DESCRIBE_STRUCT(tag_pointer, (), (y))
BOOST_DESCRIBE_STRUCT(tag_reference, (), (y))
struct both_tags {
  tag<int*> first;
  tag<int&> second;
};
BOOST_DESCRIBE_STRUCT(both_tags, (), (first, second))

} // namespace json_schema_test

namespace {

using namespace json_schema_test;
namespace json = boost::json;

json::value schema_of_everything(conform::json_schema_options const& o = {}) {
  return json::parse(conform::json_schema<everything>(o));
}

json::object const& definition(json::value const& schema, std::string_view name) {
  return schema.at("$defs").at(name).as_object();
}

json::object const& property(json::value const& schema, std::string_view member) {
  return definition(schema, "json_schema_test.everything").at("properties").at(member).as_object();
}

/// The schema of an optional member's value (the anyOf's second branch; the first is null).
json::object const& present(json::object const& member) {
  REQUIRE(member.contains("anyOf"));
  auto const& any = member.at("anyOf").as_array();
  REQUIRE(any.size() == 2);
  CHECK(any[0] == json::parse(R"({"type":"null"})"));
  return any[1].as_object();
}

json::value parsed(std::string_view text) {
  return json::parse(text);
}

} // namespace

TEST_CASE("the document: draft 2020-12, a $ref to the root's definition, $id when given") {
  conform::json_schema_options o;
  o.id = "https://example.com/everything.json";
  json::value s = schema_of_everything(o);
  CHECK(s.at("$schema") == "https://json-schema.org/draft/2020-12/schema");
  CHECK(s.at("$id") == "https://example.com/everything.json");
  CHECK(s.at("title") == "json_schema_test::everything");
  CHECK(s.at("$ref") == "#/$defs/json_schema_test.everything");
  CHECK_FALSE(schema_of_everything().as_object().contains("$id"));
}

TEST_CASE("a struct: properties in declaration order, the non-optional ones required") {
  json::value s = schema_of_everything();
  auto const& def = definition(s, "json_schema_test.everything");
  CHECK(def.at("type") == "object");
  auto const& props = def.at("properties").as_object();
  REQUIRE(props.size() == 28);
  CHECK(props.begin()->key() == "priority");
  CHECK((props.end() - 1)->key() == "required_text");
  CHECK(def.at("required") == parsed(R"(["priority","required_text"])"));
  // Unknown members only warn: no assertion, but said under x-conform-warn (as the members'
  // names: there, additionalProperties would see no properties and refuse every member).
  CHECK_FALSE(def.contains("additionalProperties"));
  CHECK(def.at("x-conform-warn").at("propertyNames").at("enum").as_array().size() == 28);
}

TEST_CASE("integers: their width, narrowed by range and greater_than") {
  json::value s = schema_of_everything();
  CHECK(json::value(property(s, "priority")) ==
        parsed(R"({"type":"integer","minimum":0,"maximum":3})"));
  CHECK(json::value(present(property(s, "small"))) ==
        parsed(R"({"type":"integer","minimum":0,"maximum":255})"));
  CHECK(json::value(present(property(s, "positive"))) ==
        parsed(R"({"type":"integer","minimum":1,"maximum":9223372036854775807})"));
  CHECK(json::value(present(property(s, "port"))) ==
        parsed(R"({"type":"integer","minimum":-2147483648,"maximum":2147483647})"));
}

TEST_CASE("numbers: finite, with range as minimum and maximum, greater_than exclusive") {
  json::value s = schema_of_everything();
  auto const& ratio = present(property(s, "ratio"));
  CHECK(ratio.at("type") == "number");
  CHECK(ratio.at("minimum").to_number<double>() == 0.0);
  CHECK(ratio.at("maximum").to_number<double>() == 1.0);
  auto const& above = present(property(s, "above"));
  CHECK(above.at("exclusiveMinimum").to_number<double>() == 2.0);
  CHECK(above.at("maximum").to_number<double>() == std::numeric_limits<double>::max());
  // A float's bound is FLT_MAX (read as text: Boost.JSON 1.81 reads some doubles an ulp off).
  CHECK(conform::json_schema<everything>().find(
            R"("single":{"anyOf":[{"type":"null"},{"type":"number",)"
            R"("minimum":-3.4028234663852886e+38,"maximum":3.4028234663852886e+38}]})") !=
        std::string::npos);
  // A long double is read as a double first: a double's bounds, not infinity.
  CHECK(conform::json_schema<everything>().find(
            R"("wide":{"anyOf":[{"type":"null"},{"type":"number",)"
            R"("minimum":-1.7976931348623157e+308,"maximum":1.7976931348623157e+308}]})") !=
        std::string::npos);
}

TEST_CASE("strings: length, charset, one_of and path_under") {
  json::value s = schema_of_everything();
  // The charset says which characters may not appear: no "$", which Python's re lets match
  // before a final line feed.
  CHECK(json::value(present(property(s, "name"))) ==
        parsed(R"({"type":"string","not":{"pattern":"[^\\-0-9A-Z_a-z]"},"minLength":1,)"
               R"("maxLength":64})"));
  CHECK(json::value(present(property(s, "size_name"))) ==
        parsed(R"({"type":"string","enum":["small","large"]})"));
  // Beneath the directory: a '/' and at least one character, of any kind. The annotation's
  // comment is a note.
  CHECK(json::value(present(property(s, "code_dir"))) ==
        parsed(R"({"type":"string","pattern":"^/home/ma-user/[\\s\\S]",)"
               R"("$comment":"a note for readers"})"));
}

TEST_CASE("containers: items and additionalProperties with each<>, size as their counts") {
  json::value s = schema_of_everything();
  CHECK(json::value(present(property(s, "pairs"))) ==
        parsed(R"({"type":"array","items":{"type":"array","items":{"type":"integer",)"
               R"("minimum":-9223372036854775808,"maximum":9223372036854775807},)"
               R"("minItems":2,"maxItems":2},"minItems":1,"maxItems":3})"));
  CHECK(json::value(present(property(s, "labels"))) ==
        parsed(R"({"type":"object","additionalProperties":{"type":"string","minLength":1},)"
               R"("minProperties":0,"maxProperties":4})"));
  CHECK(json::value(present(property(s, "flag"))) == parsed(R"({"type":"boolean"})"));
}

TEST_CASE("enumerations: a closed one is its spellings; an open one warns on others") {
  json::value s = schema_of_everything();
  CHECK(json::value(present(property(s, "closed"))) ==
        parsed(R"({"enum":["red","green","blue"]})"));
  CHECK(json::value(present(property(s, "open"))) ==
        parsed(R"({"type":"string","examples":["red","green","blue"],)"
               R"("x-conform-warn":{"enum":["red","green","blue"]}})"));
  conform::json_schema_options strict;
  strict.decode.unknown_open_enum_values = conform::open_enum_policy::error;
  CHECK(json::value(present(property(schema_of_everything(strict), "open"))) ==
        parsed(R"({"enum":["red","green","blue"]})"));
}

TEST_CASE("what only warns is no assertion: it goes under x-conform-warn") {
  json::value s = schema_of_everything();
  CHECK(json::value(present(property(s, "warned"))) ==
        parsed(R"({"type":"integer","minimum":-9223372036854775808,)"
               R"("maximum":9223372036854775807,"x-conform-warn":{"minimum":0,"maximum":86400}})"));
  // A warned constraint of another kind: its note alone, no bounds.
  CHECK(present(property(s, "maybe_even")).at("x-conform-warn") ==
        parsed(R"({"$comment":"also checked by conform: an even number"})"));
  auto const& def = definition(s, "json_schema_test.everything");
  REQUIRE(def.contains("x-conform-warn"));
  CHECK(
      def.at("x-conform-warn") ==
      parsed(R"({"propertyNames":{"enum":["priority","small","positive","warned","ratio",)"
             R"("above","single","wide","name","size_name","code_dir","even_number",)"
             R"("maybe_even","tens","pairs","labels","flag","closed","open","path","port","a",)"
             R"("b","mode","blue_only","start","end","required_text"]},)"
             R"("allOf":[{"if":{"required":["a"],"properties":{"a":{"not":{"type":"null"}}}},)"
             R"("then":{"required":["start"],"properties":{"start":{"not":{"type":"null"}}}}}]})"));
}

TEST_CASE("constraints of the user's own: their json_schema(), or their expectation noted") {
  json::value s = schema_of_everything();
  auto const& even_number = present(property(s, "even_number"));
  CHECK(even_number.at("$comment") == "also checked by conform: an even number");
  auto const& tens = present(property(s, "tens"));
  CHECK(tens.at("allOf") == parsed(R"([{"multipleOf":10}])"));
  CHECK_FALSE(tens.contains("$comment"));
}

TEST_CASE("cross-member rules: over present members (a key whose value is not null)") {
  json::value s = schema_of_everything();
  auto const& def = definition(s, "json_schema_test.everything");
  auto present_member = [](std::string_view m) {
    return R"({"required":[")" + std::string(m) + R"("],"properties":{")" + std::string(m) +
           R"(":{"not":{"type":"null"}}}})";
  };
  json::array expected{
      // together: each implies the other
      parsed(R"({"if":)" + present_member("path") + R"(,"then":)" + present_member("port") + "}"),
      parsed(R"({"if":)" + present_member("port") + R"(,"then":)" + present_member("path") + "}"),
      // exclusive: not both
      parsed(R"({"not":{"allOf":[)" + present_member("a") + "," + present_member("b") + "]}}"),
      // required_if: when mode is "blue", blue_only
      parsed(R"({"if":{"required":["mode"],"properties":{"mode":{"const":"blue"}}},"then":)" +
             present_member("blue_only") + "}"),
  };
  CHECK(def.at("allOf") == json::value(expected));
  // ordered cannot be said: noted.
  CHECK(def.at("$comment") == "also checked by conform: end not before start (JSON Schema "
                              "cannot compare two members)");
}

TEST_CASE("cross-member rules of the user's own: their json_schema(), or their name noted") {
  json::value const s = json::parse(conform::json_schema<split>());
  auto const& def = definition(s, "json_schema_test.split");
  CHECK(def.at("$comment") == "also checked by conform: the rule conform_test::sums_to_100");
  CHECK(def.at("allOf") == parsed(R"([{"required":["first"]}])"));
}

TEST_CASE("strings: what a regular expression reads as syntax is escaped, and matches itself") {
  json::value const s = json::parse(conform::json_schema<odd_text>());
  auto const& properties = definition(s, "json_schema_test.odd_text").at("properties");
  // A control character as \x01, and '-' escaped; '[' to '^', a run of four, as an escaped
  // range; "ab", a run of two, written out.
  std::string const word =
      json::value_to<std::string>(properties.at("word").at("not").at("pattern"));
  CHECK(word == R"([^\x01\-\[-\^ab])");
  std::string const file = json::value_to<std::string>(properties.at("file").at("pattern"));
  CHECK(file == R"(^/opt/a\.b\+c\(1\)\$/[\s\S])");
  // Read by an ECMAScript engine, as JSON Schema's patterns are (std::regex's default
  // grammar; in a test only, on short input): the class holds every character but the
  // charset's, and the prefix matches itself and nothing else.
  std::regex const not_word(word);
  std::string const allowed = std::string("\x01-[]\\^ab");
  for (int c = 1; c < 128; ++c) {
    CAPTURE(c);
    bool const in_charset = allowed.find(char(c)) != std::string::npos;
    CHECK(std::regex_search(std::string(1, char(c)), not_word) == !in_charset);
  }
  std::regex const prefix(file);
  CHECK(std::regex_search(std::string("/opt/a.b+c(1)$/x"), prefix));
  CHECK_FALSE(std::regex_search(std::string("/opt/aXb+c(1)$/x"), prefix));
  CHECK_FALSE(std::regex_search(std::string("/opt/a.bbc(1)$/x"), prefix));
  CHECK_FALSE(std::regex_search(std::string("/opt/a.b+c(1)$/"), prefix));
  // Two charsets are one class, the characters both allow; two lengths each want their
  // keywords, and the second one's go under allOf.
  auto const& twice = properties.at("twice").as_object();
  CHECK(twice.at("not") == parsed(R"({"pattern":"[^A-Za-z]"})"));
  CHECK(twice.at("minLength") == 1);
  CHECK(twice.at("maxLength") == 5);
  CHECK(twice.at("allOf") == parsed(R"([{"minLength":2},{"maxLength":8}])"));
}

TEST_CASE("decode policies: unknown members as errors, null as an error") {
  conform::json_schema_options o;
  o.decode.unknown_members = conform::unknown_member_policy::error;
  o.decode.null_members = conform::null_policy::error;
  json::value s = schema_of_everything(o);
  auto const& def = definition(s, "json_schema_test.everything");
  CHECK(def.at("additionalProperties") == false);
  CHECK_FALSE(def.at("x-conform-warn").as_object().contains("propertyNames"));
  // Ignored unknown members: neither.
  o.decode.unknown_members = conform::unknown_member_policy::ignore;
  json::value ignoring_schema = schema_of_everything(o);
  auto const& ignoring = definition(ignoring_schema, "json_schema_test.everything");
  CHECK_FALSE(ignoring.contains("additionalProperties"));
  CHECK_FALSE(ignoring.at("x-conform-warn").as_object().contains("propertyNames"));
  // An optional member is only its value's schema: null is an error.
  CHECK(json::value(property(s, "flag")) == parsed(R"({"type":"boolean"})"));
  // "present" is then the key alone.
  CHECK(def.at("allOf").as_array()[0] ==
        parsed(R"({"if":{"required":["path"]},"then":{"required":["port"]}})"));
}

TEST_CASE("a type that contains itself is one definition, referenced from within") {
  json::value s = json::parse(conform::json_schema<node>());
  CHECK(s.at("$defs").as_object().size() == 1);
  CHECK(s.at("$defs").at("json_schema_test.node").at("properties").at("children") ==
        parsed(R"({"anyOf":[{"type":"null"},{"type":"array","items":)"
               R"({"$ref":"#/$defs/json_schema_test.node"}}]})"));
}

TEST_CASE("definitions whose keys would be the same are numbered") {
  json::value s = json::parse(conform::json_schema<both_tags>());
  auto const& props = s.at("$defs").at("json_schema_test.both_tags").at("properties");
  std::string const first(props.at("first").at("$ref").as_string());
  std::string const second(props.at("second").at("$ref").as_string());
  CHECK(first == "#/$defs/json_schema_test.tag_int__");
  CHECK(second == "#/$defs/json_schema_test.tag_int___2");
  CHECK(s.at("$defs").as_object().size() == 3);
}

TEST_CASE("a type that is no struct: its schema under allOf") {
  json::value s = json::parse(conform::json_schema<std::vector<colour>>());
  CHECK(s.at("allOf") == parsed(R"([{"type":"array","items":{"enum":["red","green","blue"]}}])"));
  CHECK_FALSE(s.as_object().contains("$defs"));
}

TEST_CASE("deterministic; the indented text is the same JSON") {
  std::string const once = conform::json_schema<conform::modelarts::training_job>();
  CHECK(once == conform::json_schema<conform::modelarts::training_job>());
  CHECK(once.find('\n') == std::string::npos);
  conform::json_schema_options o;
  o.indent = 2;
  std::string const indented = conform::json_schema<conform::modelarts::training_job>(o);
  CHECK(indented.find("\n  \"$defs\": {\n") != std::string::npos);
  CHECK(json::parse(indented) == json::parse(once));
  CHECK(indented.find("{\"type\": \"null\"}") != std::string::npos); // short ones on a line
}

TEST_CASE("ModelArts: every described struct once, every $ref resolves") {
  json::value s = json::parse(conform::json_schema<conform::modelarts::training_job>());
  auto const& defs = s.at("$defs").as_object();
  CHECK(defs.size() >= 60);
  std::set<std::string> refs;
  std::vector<json::value const*> stack{&s};
  while (!stack.empty()) {
    json::value const* v = stack.back();
    stack.pop_back();
    if (auto const* o = v->if_object()) {
      for (auto const& kv : *o) {
        if (kv.key() == "$ref") {
          refs.insert(std::string(kv.value().as_string()));
        }
        stack.push_back(&kv.value());
      }
    } else if (auto const* a = v->if_array()) {
      for (auto const& e : *a) {
        stack.push_back(&e);
      }
    }
  }
  for (auto const& ref : refs) {
    REQUIRE(ref.rfind("#/$defs/", 0) == 0);
    CHECK_MESSAGE(defs.contains(ref.substr(8)), ref);
  }
  CHECK(refs.size() == defs.size()); // nothing defined that is not used
  // The name rule and an SDK-only member's note reach the schema.
  auto const& name =
      defs.at("conform.modelarts.job_metadata").at("properties").at("name").as_object();
  CHECK(name.at("maxLength") == 64);
  CHECK(json::serialize(s).find("absent from the API page") != std::string::npos);
  // The error code's format is a warning, with its own schema.
  json::value e = json::parse(conform::json_schema<conform::modelarts::error_body>());
  auto const& code =
      e.at("$defs").at("conform.modelarts.error_body").at("properties").at("error_code");
  CHECK(code.at("x-conform-warn").at("allOf").as_array().size() == 1);
}
