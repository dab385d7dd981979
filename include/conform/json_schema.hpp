// conform: the JSON Schema (draft 2020-12) of a described type, for the tools that are not
// C++: validators in other languages, editors, documentation, API gateways. It is read from
// the descriptions, constraints and rules the decoder reads, so the schema and the decoder
// cannot drift apart: a document the decoder finds valid is valid against the schema, and the
// other way round, but for what JSON Schema cannot say (listed on json_schema() below).
//
// How conform maps to JSON Schema: a described struct is an object in "$defs" with its
// members as "properties" and the non-optional ones "required"; an optional member accepts
// null (under null_policy::absent); integers carry their width as minimum and maximum;
// range, greater_than, length, size, one_of and path_under become minimum, maximum,
// exclusiveMinimum, minLength, maxLength, minItems, maxItems, enum and pattern, and charset a
// "not" over a pattern of the characters it leaves out; each<> becomes the
// elements' schema; a described enum its spellings as enum; together, requires_member,
// exclusive and required_if become if/then and not over "present" (a key whose value is not
// null). What only warns (warn<>, an open enumeration's unknown value, unknown members under
// the default policy) does not make a document invalid, so it is no assertion: it goes under
// "x-conform-warn", a subschema that a document meets when it has no such warning (validators
// ignore unknown keywords). What JSON Schema cannot express is said in "$comment".
#ifndef CONFORM_JSON_SCHEMA_HPP
#define CONFORM_JSON_SCHEMA_HPP

#include <conform/config.hpp>
#include <conform/constraints.hpp>
#include <conform/cross_member.hpp>
#include <conform/decode_options.hpp>
#include <conform/detail/constraint_traits.hpp>
#include <conform/detail/rule_set.hpp>
#include <conform/detail/text.hpp>
#include <conform/detail/type_name.hpp>
#include <conform/enum_spelling.hpp>
#include <conform/open_enum.hpp>
#include <conform/schema.hpp>

#include <boost/mp11/algorithm.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace conform {

/// What json_schema() describes and how it writes it.
struct json_schema_options {
  /// The decode policies the schema describes: `unknown_members` (error: no other members,
  /// "additionalProperties": false), `null_members` (absent: an optional member may be null)
  /// and `unknown_open_enum_values` (error: an open enumeration's value is one of its
  /// spellings). Limits and the duplicate-key policy are no part of a schema.
  decode_options decode;
  /// Spaces per nesting level; 0 writes one line.
  std::size_t indent = 0;
  /// The schema's "$id" (omitted when empty).
  std::string id;
};

namespace detail {

/// A JSON object being written: its members in order, each value already JSON text. A key
/// given twice keeps the first value and puts the later one under "allOf" (two patterns, two
/// enums: both must hold).
class json_object_text {
public:
  // Out of line: every type's schema function makes one or two of these, and their
  // construction and destruction inlined there was much of the exporter's code.
  CONFORM_NOINLINE json_object_text() {}
  CONFORM_NOINLINE ~json_object_text() {}
  json_object_text(json_object_text const&) = delete;
  json_object_text& operator=(json_object_text const&) = delete;

  void add(std::string_view key, std::string_view json) {
    for (auto const& k : keys_) {
      if (k == key) {
        std::string one = "{";
        append_json_string(one, key);
        one += ':';
        one += json;
        one += '}';
        all_of_.push_back(std::move(one));
        return;
      }
    }
    keys_.emplace_back(key);
    text_ += text_.empty() ? "{" : ",";
    append_json_string(text_, key);
    text_ += ':';
    text_ += json;
  }
  void add_string(std::string_view key, std::string_view value) {
    std::string json;
    append_json_string(json, value);
    add(key, json);
  }
  /// A schema to meet as well (an entry of "allOf").
  void also(std::string schema) { all_of_.push_back(std::move(schema)); }
  /// A note for "$comment".
  void note(std::string_view text) {
    if (!comment_.empty()) {
      comment_ += "; ";
    }
    comment_ += text;
  }
  /// Takes `other`'s "allOf" entries and notes (a struct's rules, written apart).
  void merge(json_object_text& other) {
    for (auto& schema : other.all_of_) {
      all_of_.push_back(std::move(schema));
    }
    if (!other.comment_.empty()) {
      note(other.comment_);
    }
  }
  bool empty() const noexcept { return text_.empty() && all_of_.empty() && comment_.empty(); }
  std::string str() const {
    std::string out = text_.empty() ? "{" : text_ + ",";
    if (!all_of_.empty()) {
      out += "\"allOf\":" + array(all_of_) + ",";
    }
    if (!comment_.empty()) {
      out += "\"$comment\":";
      append_json_string(out, comment_);
      out += ',';
    }
    out.back() = '}';
    return out.size() == 1 ? "{}" : out;
  }

  static std::string array(std::vector<std::string> const& items) {
    std::string out = "[";
    for (auto const& item : items) {
      out += out.size() == 1 ? "" : ",";
      out += item;
    }
    return out + "]";
  }

private:
  std::string text_;
  std::vector<std::string> keys_;
  std::vector<std::string> all_of_;
  std::string comment_;
};

inline std::string json_quoted(std::string_view s) {
  std::string out;
  append_json_string(out, s);
  return out;
}

/// Where the string that opens at json[i] ends (one past its closing quote).
inline std::size_t string_end(std::string_view json, std::size_t i) noexcept {
  for (++i; i < json.size(); ++i) {
    if (json[i] == '\\') {
      ++i;
    } else if (json[i] == '"') {
      return i + 1;
    }
  }
  return json.size();
}

/// Where the object or array that opens at json[i] ends (one past its closing bracket).
inline std::size_t container_end(std::string_view json, std::size_t i) noexcept {
  std::size_t depth = 0;
  while (i < json.size()) {
    char const c = json[i];
    if (c == '"') {
      i = string_end(json, i);
      continue;
    }
    if (c == '{' || c == '[') {
      ++depth;
    } else if ((c == '}' || c == ']') && --depth == 0) {
      return i + 1;
    }
    ++i;
  }
  return json.size();
}

/// Writes compact JSON again with `indent` spaces per level; an object or array whose compact
/// text is short (`{"type": "null"}`) stays on one line. Strings are copied as they are.
inline std::string indent_json(std::string_view json, std::size_t indent) {
  constexpr std::size_t one_line = 60;
  std::string out;
  std::size_t depth = 0;
  std::size_t flat_until = 0; // inside a container written on one line, up to here
  auto line = [&] {
    out += '\n';
    out.append(depth * indent, ' ');
  };
  for (std::size_t i = 0; i < json.size(); ++i) {
    char const c = json[i];
    if (c == '"') {
      std::size_t const end = string_end(json, i);
      out.append(json.data() + i, end - i);
      i = end - 1;
      continue;
    }
    if (i < flat_until) {
      out += c;
      if (c == ',' || c == ':') {
        out += ' ';
      }
      continue;
    }
    switch (c) {
    case '{':
    case '[':
      out += c;
      if (container_end(json, i) - i <= one_line) {
        flat_until = container_end(json, i);
      } else {
        ++depth;
        line();
      }
      break;
    case '}':
    case ']':
      --depth;
      line();
      out += c;
      break;
    case ',':
      out += c;
      line();
      break;
    case ':':
      out += ": ";
      break;
    default:
      out += c;
    }
  }
  return out;
}

/// One character in a regular expression's character class.
inline void append_class_char(std::string& out, char c) {
  auto const u = static_cast<unsigned char>(c);
  if (u < 0x20 || u == 0x7F) {
    out += "\\x";
    append_hex(out, u, 2);
    return;
  }
  if (c == '\\' || c == ']' || c == '[' || c == '^' || c == '-') {
    out += '\\';
  }
  out += c;
}

/// A character class of a regular expression (ECMA-262, as JSON Schema's "pattern" is) that
/// holds every character but those of `chars` (ASCII, in code order), runs of three or more
/// written as ranges: "[^\\-0-9A-Z_a-z]".
inline std::string regex_class_excluding(std::string_view chars) {
  std::string out = "[^";
  for (std::size_t i = 0; i < chars.size();) {
    std::size_t run = 1;
    while (i + run < chars.size() && chars[i + run] == chars[i] + char(run)) {
      ++run;
    }
    append_class_char(out, chars[i]);
    if (run >= 3) {
      out += '-';
      append_class_char(out, chars[i + run - 1]);
    } else if (run == 2) {
      append_class_char(out, chars[i + 1]);
    }
    i += run;
  }
  return out + "]";
}

/// `text` as a regular expression that matches it literally.
inline std::string regex_literal(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (std::string_view("\\^$.|?*+()[]{}").find(c) != std::string_view::npos) {
      out += '\\';
    }
    out += c;
  }
  return out;
}

template <class C, class = void>
struct has_json_schema : std::false_type {};
template <class C>
struct has_json_schema<C, std::void_t<decltype(std::string(C::json_schema()))>> : std::true_type {};

template <class C, class = void>
struct has_json_schema_comment : std::false_type {};
template <class C>
struct has_json_schema_comment<C, std::void_t<decltype(std::string_view(C::json_schema_comment))>>
    : std::true_type {};

/// A present member, as a rule sees it: its key is there and (for an optional, when null is
/// absence) not null. A required member always is, or the document is invalid anyway.
struct member_presence {
  std::string_view name;
  bool optional;
};

// The writer is in two parts. The templates below only gather what the types say at compile
// time (a member's name, whether it is optional, a constraint's bounds) and call the functions
// of this base with it; the base, which is no template, writes the text, once per program. A
// writer whose templates wrote the text themselves compiled to 330 KB of code and 9.6 s for
// the ModelArts schema (g++ -O2), since every member instantiates its own.
class schema_text {
protected:
  explicit schema_text(json_schema_options const& options) : options_(options) {}

  using member_value_fn = std::string (*)(schema_text& writer);
  struct member_entry {
    std::string_view name;
    bool optional;
    member_value_fn value;
  };

  CONFORM_NOINLINE std::string nullable(std::string inner) const {
    if (options_.decode.null_members == null_policy::absent) {
      return "{\"anyOf\":[{\"type\":\"null\"}," + inner + "]}";
    }
    return inner;
  }

  /// A number as JSON text (the three kinds the bounds come in).
  static std::string number_text(std::int64_t v) {
    std::string text;
    append_int64(text, v);
    return text;
  }
  static std::string number_text(std::uint64_t v) {
    std::string text;
    append_uint64(text, v);
    return text;
  }
  static std::string number_text(double v) {
    std::string text;
    append_double(text, v);
    return text;
  }
  CONFORM_NOINLINE static void add_bounds(json_object_text& s, std::string lo, std::string hi) {
    s.add("minimum", lo);
    s.add("maximum", hi);
  }
  CONFORM_NOINLINE static void add_length(json_object_text& s, std::size_t min, std::size_t max) {
    s.add("minLength", std::to_string(min));
    if (max != std::numeric_limits<std::size_t>::max()) {
      s.add("maxLength", std::to_string(max));
    }
  }
  CONFORM_NOINLINE static void add_size(json_object_text& s, bool object, std::size_t min,
                                        std::size_t max) {
    s.add(object ? "minProperties" : "minItems", std::to_string(min));
    if (max != std::numeric_limits<std::size_t>::max()) {
      s.add(object ? "maxProperties" : "maxItems", std::to_string(max));
    }
  }
  CONFORM_NOINLINE static void add_values(json_object_text& s, std::string_view const* values,
                                          std::size_t count) {
    s.add("enum", quoted_list(values, count));
  }
  CONFORM_NOINLINE static void add_charset(json_object_text& s, std::string_view allowed) {
    // No character outside the class. Not "^[...]*$": Python's re (the jsonschema package's)
    // lets "$" match before a final line feed, so "name\n" would pass there.
    s.add("not", "{\"pattern\":" + json_quoted(regex_class_excluding(allowed)) + "}");
  }
  CONFORM_NOINLINE static void add_path_under(json_object_text& s, std::string_view dir) {
    // Beneath the directory: it, a '/', then at least one character of any kind ("." would
    // leave out line terminators).
    s.add_string("pattern", "^" + regex_literal(dir) + "/[\\s\\S]");
  }
  CONFORM_NOINLINE static void note_expected(json_object_text& s, void (*expected)(std::string&)) {
    std::string text = "also checked by conform: ";
    expected(text);
    s.note(text);
  }
  CONFORM_NOINLINE static std::string quoted_list(std::string_view const* values,
                                                  std::size_t count) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < count; ++i) {
      out.push_back(json_quoted(values[i]));
    }
    return json_object_text::array(out);
  }

  /// A struct's definition from its members' table and its rules' schemas.
  CONFORM_NOINLINE std::string object_schema(member_entry const* members, std::size_t count,
                                             json_object_text& rules, json_object_text& warn) {
    json_object_text s;
    s.add("type", "\"object\"");
    json_object_text properties;
    std::vector<std::string> required;
    for (std::size_t i = 0; i < count; ++i) {
      properties.add(members[i].name, members[i].value(*this));
      if (!members[i].optional) {
        required.push_back(json_quoted(members[i].name));
      }
    }
    s.add("properties", properties.str());
    if (!required.empty()) {
      s.add("required", json_object_text::array(required));
    }
    // Unknown members: an error, a warning (no assertion: under x-conform-warn), or nothing.
    // The warning names the members, as "propertyNames": x-conform-warn is a subschema of its
    // own, and there "additionalProperties" would see no "properties" and refuse them all.
    if (options_.decode.unknown_members == unknown_member_policy::error) {
      s.add("additionalProperties", "false");
    } else if (options_.decode.unknown_members == unknown_member_policy::warning) {
      std::vector<std::string> names;
      for (std::size_t i = 0; i < count; ++i) {
        names.push_back(json_quoted(members[i].name));
      }
      warn.add("propertyNames", "{\"enum\":" + json_object_text::array(names) + "}");
    }
    s.merge(rules);
    if (!warn.empty()) {
      s.add("x-conform-warn", warn.str());
    }
    return s.str();
  }

  // ---- cross-member rules: the text of each kind, from its members' facts ------------------

  CONFORM_NOINLINE std::string present_member(member_presence m) const {
    if (!m.optional) {
      return "true";
    }
    std::string const name = json_quoted(m.name);
    std::string out = "{\"required\":[" + name + "]";
    if (options_.decode.null_members == null_policy::absent) {
      out += ",\"properties\":{" + name + ":{\"not\":{\"type\":\"null\"}}}";
    }
    return out + "}";
  }
  CONFORM_NOINLINE std::string implies(member_presence a, member_presence b) const {
    return "{\"if\":" + present_member(a) + ",\"then\":" + present_member(b) + "}";
  }
  CONFORM_NOINLINE void together_rule(json_object_text& s, member_presence a,
                                      member_presence b) const {
    s.also(implies(a, b));
    s.also(implies(b, a));
  }
  CONFORM_NOINLINE void exclusive_rule(json_object_text& s, member_presence a,
                                       member_presence b) const {
    s.also("{\"not\":{\"allOf\":[" + present_member(a) + "," + present_member(b) + "]}}");
  }
  CONFORM_NOINLINE void required_if_rule(json_object_text& s, member_presence required,
                                         std::string_view when, std::string_view value) const {
    std::string const key = json_quoted(when);
    s.also("{\"if\":{\"required\":[" + key + "],\"properties\":{" + key +
           ":{\"const\":" + json_quoted(value) + "}}},\"then\":" + present_member(required) + "}");
  }
  CONFORM_NOINLINE static void ordered_rule(json_object_text& s, std::string_view low,
                                            std::string_view high) {
    std::string text = "also checked by conform: ";
    text += high;
    text += " not before ";
    text += low;
    text += " (JSON Schema cannot compare two members)";
    s.note(text);
  }
  CONFORM_NOINLINE static void own_rule(json_object_text& s, std::string_view name) {
    std::string text = "also checked by conform: the rule ";
    text += name;
    s.note(text);
  }

  // ---- definitions -------------------------------------------------------------------------

  /// A "$defs" key for a type name: "conform::modelarts::job_spec" gives
  /// "conform.modelarts.job_spec"; what a URI fragment would need escaped becomes '_', and a
  /// name taken by another type gets a number.
  CONFORM_NOINLINE std::string def_name(std::string_view type) const {
    std::string out;
    for (std::size_t i = 0; i < type.size(); ++i) {
      char const c = type[i];
      if (c == ':' && i + 1 < type.size() && type[i + 1] == ':') {
        out += '.';
        ++i;
      } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 c == '_' || c == '.' || c == '-') {
        out += c;
      } else if (c != ' ') {
        out += '_';
      }
    }
    std::string unique = out;
    for (std::size_t n = 2;; ++n) {
      bool taken = false;
      for (auto const& [name, schema] : defs_) {
        taken = taken || name == unique;
      }
      if (!taken) {
        return unique;
      }
      unique = out + "_" + std::to_string(n);
    }
  }

  /// The "$ref" of the type named `key`, whose definition `make` writes the first time.
  CONFORM_NOINLINE std::string reference(std::string_view key,
                                         std::string (*make)(schema_text& writer)) {
    auto found = names_.find(key);
    std::string name;
    if (found != names_.end()) {
      name = found->second;
    } else {
      name = def_name(key);
      names_.emplace(key, name);
      std::size_t const slot = defs_.size();
      defs_.emplace_back(name, std::string()); // taken before the members: T may contain T
      std::string schema = make(*this);
      defs_[slot].second = std::move(schema);
    }
    return "\"#/$defs/" + name + "\"";
  }

  /// The whole document around the root's schema (a "$ref", or a schema under allOf).
  CONFORM_NOINLINE std::string document_text(std::string_view title, bool root_is_reference,
                                             std::string root) const {
    json_object_text doc;
    doc.add("$schema", "\"https://json-schema.org/draft/2020-12/schema\"");
    if (!options_.id.empty()) {
      doc.add_string("$id", options_.id);
    }
    doc.add_string("title", title);
    if (root_is_reference) {
      doc.add("$ref", root);
    } else {
      doc.also(std::move(root));
    }
    if (!defs_.empty()) {
      json_object_text defs;
      for (auto const& [name, schema] : defs_) {
        defs.add(name, schema);
      }
      doc.add("$defs", defs.str());
    }
    std::string out = doc.str();
    return options_.indent == 0 ? out : indent_json(out, options_.indent);
  }

  json_schema_options const& options_;
  std::vector<std::pair<std::string, std::string>> defs_;      ///< in the order first referenced
  std::map<std::string_view, std::string, std::less<>> names_; ///< type name -> "$defs" key
};

class schema_writer : schema_text {
public:
  explicit schema_writer(json_schema_options const& options) : schema_text(options) {}

  template <class T>
  std::string document() {
    if constexpr (is_described_struct_v<T>) {
      return document_text(type_name<T>(), true, reference<T>());
    } else {
      return document_text(type_name<T>(), false, value<T, rules<>>());
    }
  }

private:
  /// The schema of a member or an element of type V (an optional accepts null).
  template <class V, class Rules>
  std::string value() {
    if constexpr (is_optional<V>::value) {
      return nullable(present<typename V::value_type, Rules>());
    } else {
      return present<V, Rules>();
    }
  }
  template <class V, class Rules>
  static std::string value_of(schema_text& writer) {
    return static_cast<schema_writer&>(writer).value<V, Rules>();
  }

  /// The schema of a value of type V (not an optional) under `Rules`.
  template <class V, class Rules>
  std::string present() {
    using set = rule_set_for<V, Rules>;
    using warned =
        boost::mp11::mp_transform<unwarned_t, boost::mp11::mp_filter<is_warn, typename set::plain>>;
    using required =
        boost::mp11::mp_transform<unwarned_t,
                                  boost::mp11::mp_remove_if<typename set::plain, is_warn>>;
    json_object_text s;
    type_keywords<V, Rules>(s, required{});
    constraint_keywords<V>(s, required{});
    annotations(s, Rules{});
    json_object_text warn;
    if constexpr (boost::mp11::mp_size<warned>::value != 0) {
      // A warned range is its bounds (a warned constraint of another kind says nothing of them).
      constexpr bool bounds =
          boost::mp11::mp_size<boost::mp11::mp_filter<is_range, warned>>::value +
              boost::mp11::mp_size<boost::mp11::mp_filter<is_greater_than, warned>>::value !=
          0;
      if constexpr (bounds && std::is_integral_v<V> && !std::is_same_v<V, bool>) {
        integer_keywords<V>(warn, warned{});
      } else if constexpr (bounds && std::is_floating_point_v<V>) {
        real_keywords<V>(warn, warned{});
      }
      constraint_keywords<V>(warn, warned{});
    }
    if constexpr (is_open_enum<V>::value) {
      if (options_.decode.unknown_open_enum_values == open_enum_policy::warning) {
        warn.add("enum", spellings<typename V::enum_type>());
      }
    }
    if (!warn.empty()) {
      s.add("x-conform-warn", warn.str());
    }
    return s.str();
  }

  template <class V, class Rules, class Required>
  void type_keywords(json_object_text& s, Required required) {
    if constexpr (std::is_same_v<V, bool>) {
      s.add("type", "\"boolean\"");
    } else if constexpr (std::is_integral_v<V>) {
      s.add("type", "\"integer\"");
      integer_keywords<V>(s, required);
    } else if constexpr (std::is_floating_point_v<V>) {
      s.add("type", "\"number\"");
      real_keywords<V>(s, required);
    } else if constexpr (std::is_same_v<V, std::string>) {
      s.add("type", "\"string\"");
    } else if constexpr (is_described_enum_v<V>) {
      s.add("enum", spellings<V>());
    } else if constexpr (is_open_enum<V>::value) {
      if (options_.decode.unknown_open_enum_values == open_enum_policy::error) {
        s.add("enum", spellings<typename V::enum_type>());
      } else {
        s.add("type", "\"string\"");
        s.add("examples", spellings<typename V::enum_type>());
      }
    } else if constexpr (is_vector<V>::value) {
      s.add("type", "\"array\"");
      s.add("items",
            value<typename V::value_type, typename rule_set_for<V, Rules>::element_rules>());
    } else if constexpr (is_string_map<V>::value) {
      s.add("type", "\"object\"");
      s.add("additionalProperties",
            value<typename V::mapped_type, typename rule_set_for<V, Rules>::element_rules>());
    } else if constexpr (is_described_struct_v<V>) {
      s.add("$ref", reference<V>());
    } else {
      static_assert(sizeof(V) == 0, "conform::json_schema: unsupported type");
    }
  }

  template <class E>
  static std::string spellings() {
    static constexpr auto names = enum_spellings<E>();
    return quoted_list(names.data(), names.size());
  }

  /// The integer's width and its ranges, as one minimum and one maximum.
  template <class I, class... Cs>
  static void integer_keywords(json_object_text& s, boost::mp11::mp_list<Cs...> list) {
    constexpr auto bounds = integer_bounds<I>(boost::mp11::mp_list<Cs...>{});
    (void)list;
    using wide = std::conditional_t<std::is_signed_v<I>, std::int64_t, std::uint64_t>;
    add_bounds(s, number_text(wide(bounds.first)), number_text(wide(bounds.second)));
  }

  /// The finite range of F, narrowed by range and greater_than.
  template <class F, class... Cs>
  static void real_keywords(json_object_text& s, boost::mp11::mp_list<Cs...> list) {
    // The decoder reads every number as a double first, so a long double's range is a
    // double's (its own maximum would be infinity as a double).
    constexpr double top = sizeof(F) > sizeof(double)
                               ? std::numeric_limits<double>::max()
                               : static_cast<double>(std::numeric_limits<F>::max());
    constexpr number_limits l = number_limits_of(boost::mp11::mp_list<Cs...>{});
    (void)list;
    double const lo = l.ranged ? std::max(-top, static_cast<double>(l.minimum)) : -top;
    double const hi = l.maximum != std::numeric_limits<std::int64_t>::max()
                          ? std::min(top, static_cast<double>(l.maximum))
                          : top;
    add_bounds(s, number_text(lo), number_text(hi));
    if (l.above) {
      s.add("exclusiveMinimum", number_text(l.exclusive_minimum));
    }
  }

  /// The keywords of the constraints of `list` on a value of type V (numbers have theirs
  /// from type_keywords: a width and several ranges make one minimum and one maximum).
  template <class V, class... Cs>
  static void constraint_keywords(json_object_text& s, boost::mp11::mp_list<Cs...>) {
    using charsets = boost::mp11::mp_filter<is_charset, boost::mp11::mp_list<Cs...>>;
    if constexpr (boost::mp11::mp_size<charsets>::value != 0) {
      constexpr auto const& allowed = charset_alphabet<charsets>::value;
      add_charset(s, std::string_view(allowed.chars, allowed.size));
    }
    auto one = [&](auto c) {
      using C = decltype(c);
      if constexpr (is_length<C>::value) {
        add_length(s, C::min_length, C::max_length);
      } else if constexpr (is_size<C>::value) {
        add_size(s, is_string_map<V>::value, C::min_items, C::max_items);
      } else if constexpr (is_one_of<C>::value) {
        std::size_t n = 0;
        std::string_view const* values = one_of_values<C>::get(n);
        add_values(s, values, n);
      } else if constexpr (is_path_under<C>::value) {
        add_path_under(s, path_dir<C>::get());
      } else if constexpr (is_charset<C>::value || is_range<C>::value ||
                           is_greater_than<C>::value) {
        // charsets above, all at once; ranges with the number's type
      } else if constexpr (has_json_schema<C>::value) {
        s.also(std::string(C::json_schema()));
      } else {
        note_expected(s, &C::expected);
      }
    };
    (void)one; // unused when there are no constraints
    (one(Cs{}), ...);
  }

  /// Annotations with a `json_schema_comment` become notes.
  template <class... Cs>
  static void annotations(json_object_text& s, rules<Cs...>) {
    auto one = [&](auto c) {
      using C = decltype(c);
      if constexpr (is_annotation_v<C> && has_json_schema_comment<C>::value) {
        s.note(C::json_schema_comment);
      }
    };
    (void)one;
    (one(Cs{}), ...);
  }

  // ---- structs ---------------------------------------------------------------------------

  template <class T>
  std::string reference() {
    return schema_text::reference(type_name<T>(), &structure_of<T>);
  }

  template <class T, class D>
  static constexpr member_entry entry_of() noexcept {
    using M = std::remove_cv_t<std::remove_reference_t<decltype(std::declval<T&>().*D::pointer)>>;
    return member_entry{D::name, is_optional<M>::value,
                        &value_of<M, member_rules_t<T, D::pointer>>};
  }
  template <class T, template <class...> class L, class... Ds>
  static constexpr std::array<member_entry, sizeof...(Ds)> member_table(L<Ds...>) noexcept {
    return {{entry_of<T, Ds>()...}};
  }

  template <class T>
  static std::string structure_of(schema_text& writer) {
    auto& self = static_cast<schema_writer&>(writer);
    static constexpr auto members = member_table<T>(public_members<T>{});
    json_object_text rules;
    json_object_text warn;
    self.cross_member<T>(rules, warn, type_rules_t<T>{});
    return self.object_schema(members.data(), members.size(), rules, warn);
  }

  template <class T, class... Rs>
  void cross_member(json_object_text& s, json_object_text& warn, rules<Rs...>) {
    auto one = [&](auto r) {
      using R = decltype(r);
      rule<T>(is_warn<R>::value ? warn : s, static_cast<unwarned_t<R> const*>(nullptr));
    };
    (void)one;
    (one(Rs{}), ...);
  }

  template <class T, auto M>
  static constexpr member_presence presence() noexcept {
    using V = std::remove_cv_t<std::remove_reference_t<decltype(std::declval<T&>().*M)>>;
    return member_presence{member_name<T, M>(), is_optional<V>::value};
  }

  template <class T, auto A, auto B>
  void rule(json_object_text& s, together<A, B> const*) const {
    together_rule(s, presence<T, A>(), presence<T, B>());
  }
  template <class T, auto A, auto B>
  void rule(json_object_text& s, requires_member<A, B> const*) const {
    s.also(implies(presence<T, A>(), presence<T, B>()));
  }
  template <class T, auto A, auto B>
  void rule(json_object_text& s, exclusive<A, B> const*) const {
    exclusive_rule(s, presence<T, A>(), presence<T, B>());
  }
  template <class T, auto Required, auto When, class Value>
  void rule(json_object_text& s, required_if<Required, When, Value> const*) const {
    required_if_rule(s, presence<T, Required>(), member_name<T, When>(),
                     constant_text(Value::value));
  }
  template <class T, auto Low, auto High>
  void rule(json_object_text& s, ordered<Low, High> const*) const {
    ordered_rule(s, member_name<T, Low>(), member_name<T, High>());
  }
  template <class T, class R>
  void rule(json_object_text& s, R const*) const {
    if constexpr (has_json_schema<R>::value) {
      s.also(std::string(R::json_schema()));
    } else {
      own_rule(s, type_name<R>());
    }
  }
};

} // namespace detail

/** The JSON Schema (draft 2020-12) of T, as JSON text: what `decode<T>` with
    `options.decode`'s policies finds valid. Deterministic: the same types and options give
    the same text (members in declaration order, definitions in the order first met).

    A constraint of your own can say what it checks: give it `static std::string_view
    json_schema()` (or one returning std::string) returning a JSON Schema object, which is
    added under "allOf" (modelarts::error_code_format gives its format); without one, its
    expectation text is noted in "$comment". A cross-member rule of your own can do the same.
    An annotation with a `json_schema_comment` string is noted in "$comment".

    What the schema cannot say, and the decoder checks:
    - an integer member's number must be written as an integer: JSON Schema's "integer"
      accepts `1.0` and `1e2`, which conform reports as not_integer;
    - `ordered` compares two members (noted in "$comment");
    - a key given twice in one object (a JSON parser keeps one of the values);
    - the limits of decode_options (depth, sizes) and the text's own validity (UTF-8, a byte
      order mark, trailing data);
    - a float member's bound is FLT_MAX, where conform rejects what rounds to infinity, a
      little beyond it.

    @par Exception safety Throws std::bad_alloc only. */
template <class T>
std::string json_schema(json_schema_options const& options = {}) {
  detail::schema_writer writer(options);
  return writer.document<T>();
}

} // namespace conform

#endif // CONFORM_JSON_SCHEMA_HPP
