// Tests for <conform/generate.hpp>: values built from bytes meet their schema (every built-in
// constraint and cross-member rule, and a constraint of the user's own), survive encode and
// decode without a diagnostic, depend on nothing but the bytes, reach every enumerator,
// bound and branch of a rule over many inputs, and respect the size and depth options; the
// same for the ModelArts response and error body.
#include <conform/generate.hpp>

#include "support/test.hpp"
#include "support/user_rules.hpp"

#include <conform/decode.hpp>
#include <conform/encode.hpp>
#include <conform/modelarts.hpp>
#include <conform/validate.hpp>

#include <boost/describe.hpp>

#include <cmath>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace generate_test {

enum class colour { red, green, blue };
BOOST_DESCRIBE_ENUM(colour, red, green, blue)

struct home_dir {
  static constexpr std::string_view value = "/home/ma-user/";
};
struct sizes {
  static constexpr std::string_view values[] = {"small", "medium", "large", "x"};
};
struct blue_value {
  static constexpr colour value = colour::blue;
};

/// A constraint of the user's own, which generate() can only meet by drawing again.
struct even {
  static constexpr conform::error code = conform::error::invalid_value;
  static constexpr conform::severity level = conform::severity::error;
  template <class V>
  static constexpr bool applies_to = std::is_integral_v<V>;
  template <class V>
  static bool check(V const& v) noexcept {
    return v % 2 == 0;
  }
  static void expected(std::string& out) { out += "an even number"; }
  template <class V>
  static void found(V const& v, std::string& out) {
    out += std::to_string(v);
  }
};

/// A format of the user's own that draws its values itself: "v" and one to three digits.
struct version_format {
  static constexpr conform::error code = conform::error::invalid_value;
  static constexpr conform::severity level = conform::severity::error;
  template <class V>
  static constexpr bool applies_to = std::is_same_v<V, std::string>;
  static bool check(std::string const& v) noexcept {
    return v.size() >= 2 && v.size() <= 4 && v[0] == 'v' &&
           v.find_first_not_of("0123456789", 1) == std::string::npos;
  }
  static void expected(std::string& out) { out += "v and one to three digits"; }
  static void found(std::string const& v, std::string& out) { out += v; }
  template <class Source>
  static std::string generate(Source& in) {
    std::string out = "v";
    for (std::uint64_t i = 0, n = 1 + in.below(3); i < n; ++i) {
      out += static_cast<char>('0' + in.below(10));
    }
    return out;
  }
};

struct window {
  std::optional<std::int64_t> start;
  std::optional<std::int64_t> end;
  std::int32_t low = 0;
  std::int32_t high = 0;
};
BOOST_DESCRIBE_STRUCT(window, (), (start, end, low, high))
CONFORM_MEMBER_RULES(window, low, conform::range<-5, 5>);
CONFORM_MEMBER_RULES(window, high, conform::range<-5, 5>);
CONFORM_TYPE_RULES(window, conform::ordered<&window::start, &window::end>,
                   conform::warn<conform::ordered<&window::low, &window::high>>);

struct everything {
  std::int32_t priority = 0;
  std::uint64_t count = 0;
  std::int64_t any_int = 0;
  std::uint8_t small = 0;
  double ratio = 0;
  double positive = 0;
  float single = 0;
  double any_real = 0;
  long double extended = 0;
  bool on = false;
  std::string name;
  std::string hex;
  std::string free_text;
  std::string size_name;
  std::string code_dir;
  std::int64_t even_number = 0;
  std::string version;
  colour c = colour::red;
  conform::open_enum<colour> oc;
  std::vector<std::vector<std::int64_t>> pairs;
  std::vector<std::string> tags;
  std::map<std::string, std::string> labels;
  std::optional<std::string> path;
  std::optional<std::int32_t> port;
  std::optional<std::string> log_type;
  std::optional<std::string> log_dir;
  std::optional<std::string> a;
  std::optional<std::string> b;
  std::optional<colour> mode;
  std::optional<std::int32_t> group_size;
  window w;
  std::optional<std::vector<window>> windows;
};
BOOST_DESCRIBE_STRUCT(everything, (),
                      (priority, count, any_int, small, ratio, positive, single, any_real, extended,
                       on, name, hex, free_text, size_name, code_dir, even_number, version, c, oc,
                       pairs, tags, labels, path, port, log_type, log_dir, a, b, mode, group_size,
                       w, windows))
CONFORM_MEMBER_RULES(everything, priority, conform::range<0, 3>);
CONFORM_MEMBER_RULES(everything, count, conform::at_least<1>);
CONFORM_MEMBER_RULES(everything, ratio, conform::range<0, 1>);
CONFORM_MEMBER_RULES(everything, positive, conform::greater_than<0>);
CONFORM_MEMBER_RULES(everything, extended, conform::range<-2, 1000>);
CONFORM_MEMBER_RULES(everything, name, conform::length<1, 64>,
                     conform::charset<conform::letters, conform::digits, conform::chars<'_', '-'>>);
CONFORM_MEMBER_RULES(everything, hex, conform::length<8, 8>,
                     conform::charset<conform::lower_hex_digits>);
CONFORM_MEMBER_RULES(everything, size_name, conform::one_of<sizes>);
CONFORM_MEMBER_RULES(everything, code_dir, conform::path_under<home_dir>, conform::length<1, 30>);
CONFORM_MEMBER_RULES(everything, even_number, even, conform::range<-100, 100>);
CONFORM_MEMBER_RULES(everything, version, conform::warn<version_format>);
CONFORM_MEMBER_RULES(everything, pairs, conform::size<1, 3>, conform::each<conform::size<2, 2>>);
CONFORM_MEMBER_RULES(everything, tags, conform::each<conform::length<1, 3>>);
CONFORM_MEMBER_RULES(everything, labels, conform::each<conform::length<0, 4>>);
CONFORM_MEMBER_RULES(everything, port, conform::range<1, 65535>);
CONFORM_TYPE_RULES(everything, conform::together<&everything::path, &everything::port>,
                   conform::requires_member<&everything::log_type, &everything::log_dir>,
                   conform::exclusive<&everything::a, &everything::b>,
                   conform::required_if<&everything::group_size, &everything::mode, blue_value>);

enum class only { one };
BOOST_DESCRIBE_ENUM(only, one)

/// Elements that take no choice: nothing but the input's length may bound their number.
struct free_grid {
  std::vector<std::vector<only>> grid;
};
BOOST_DESCRIBE_STRUCT(free_grid, (), (grid))
CONFORM_MEMBER_RULES(free_grid, grid, conform::size<1, 1000>);

struct free_elements {
  std::string xs;
  std::map<std::string, only> named;
};
BOOST_DESCRIBE_STRUCT(free_elements, (), (xs, named))
CONFORM_MEMBER_RULES(free_elements, xs, conform::length<2, 100000>,
                     conform::charset<conform::chars<'x'>>);

/// A type that contains itself: only the depth bound ends it.
struct node {
  std::string id;
  std::vector<node> children;
  std::optional<std::vector<node>> more;
};
BOOST_DESCRIBE_STRUCT(node, (), (id, children, more))
CONFORM_MEMBER_RULES(node, children, conform::size<0, 2>);

// Cross-member rules of the user's own with their repairs (conform_test::sums_to_100, a sum
// that leaving out or drawing again cannot meet; conform_test::labelled, which blames the
// whole object), and one without.
using conform_test::labelled;
using conform_test::sums_to_100;

/// Blames a member and has no repair: generate() leaves that optional member out.
struct note_differs {
  static constexpr conform::error code = conform::error::cross_member_rule;
  static constexpr conform::severity level = conform::severity::error;
  template <class T, class Report>
  static void check(T const& obj, Report& report) {
    if (obj.label && obj.note && *obj.label == *obj.note) {
      report.template fail<&T::note>("a note other than the label", *obj.note);
    }
  }
};

struct sides {
  static constexpr std::string_view values[] = {"left", "right"};
};

struct split {
  int first = 0;
  int second = 0;
  std::optional<std::string> label;
  std::optional<std::string> note;
};
BOOST_DESCRIBE_STRUCT(split, (), (first, second, label, note))
CONFORM_MEMBER_RULES(split, first, conform::range<0, 100>);
CONFORM_MEMBER_RULES(split, second, conform::range<0, 100>);
CONFORM_MEMBER_RULES(split, label, conform::one_of<sides>);
CONFORM_MEMBER_RULES(split, note, conform::one_of<sides>);
CONFORM_TYPE_RULES(split, sums_to_100, labelled, note_differs);

/// The same sum without its repair: what generate() cannot meet is returned as it is.
struct bare_sum {
  template <class T>
  static constexpr std::uint64_t members() noexcept {
    return sums_to_100::members<T>();
  }
  static constexpr conform::error code = conform::error::cross_member_rule;
  static constexpr conform::severity level = conform::severity::error;
  template <class T, class Report>
  static void check(T const& obj, Report& report) {
    sums_to_100::check(obj, report);
  }
};
struct unrepaired {
  int first = 0;
  int second = 0;
};
BOOST_DESCRIBE_STRUCT(unrepaired, (), (first, second))
CONFORM_MEMBER_RULES(unrepaired, first, conform::range<0, 100>);
CONFORM_MEMBER_RULES(unrepaired, second, conform::range<0, 100>);
CONFORM_TYPE_RULES(unrepaired, bare_sum);

/// A schema without a finite value: every chain must go on.
struct endless {
  std::vector<endless> next;
};
BOOST_DESCRIBE_STRUCT(endless, (), (next))
CONFORM_MEMBER_RULES(endless, next, conform::size<1, 1>);

std::size_t depth_of(node const& n) {
  std::size_t d = 0;
  for (auto const& c : n.children) {
    d = std::max(d, depth_of(c));
  }
  if (n.more) {
    for (auto const& c : *n.more) {
      d = std::max(d, depth_of(c));
    }
  }
  return d + 1;
}

/// Deterministic inputs of varied length (splitmix64).
class inputs {
public:
  explicit inputs(std::uint64_t seed) : state_(seed) {}
  std::string next(std::size_t max_size) {
    std::string bytes(std::size_t(step() % (max_size + 1)), '\0');
    for (auto& c : bytes) {
      c = static_cast<char>(step());
    }
    return bytes;
  }

private:
  std::uint64_t step() { return conform::detail::splitmix64(state_); }
  std::uint64_t state_;
};

/// What every generated value must satisfy: validate finds nothing, and decode(encode(x)),
/// compact and indented, finds nothing and writes back the same text.
template <class T>
void check_round_trip(T const& value, std::string const& bytes) {
  std::string const text = conform::encode(value);
  CAPTURE(text);
  CAPTURE(bytes.size());
  auto const findings = conform::validate(value);
  CHECK_MESSAGE(findings.empty(), conform_test::summary(findings));
  auto const back = conform::decode<T>(text);
  CHECK_MESSAGE(back.diagnostics.empty(), conform_test::summary(back.diagnostics));
  CHECK(conform::encode(back.value) == text);
  auto const pretty = conform::decode<T>(conform::encode(value, {2}));
  CHECK(pretty.diagnostics.empty());
  CHECK(conform::encode(pretty.value) == text);
}

TEST_SUITE("generate") {
  TEST_CASE("byte_source: choices take the bytes they need, then read zeros") {
    std::string const bytes = "\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0A\x0B";
    conform::byte_source in(bytes);
    CHECK(in.below(1) == 0); // one choice: no byte read
    CHECK(in.remaining() == 11);
    CHECK(in.below(256) == 1);
    CHECK(in.below(257) == (0x02 | 0x03 << 8) % 257);
    CHECK_FALSE(in.flag());                  // 0x04
    CHECK(in.word() == 0x000B0A0908070605u); // seven bytes left, then a zero
    CHECK(in.remaining() == 0);
    CHECK(in.below(10) == 0);
    CHECK_FALSE(in.flag());
    CHECK(in.word() == 0);
  }

  TEST_CASE("generate: every value meets its schema and survives encode and decode") {
    inputs in(1);
    for (int i = 0; i < 1500; ++i) {
      std::string const bytes = in.next(600);
      check_round_trip(conform::generate<everything>(bytes), bytes);
    }
  }

  TEST_CASE("generate: cross-member rules of the user's own, repaired their way or by default") {
    // The empty input: first is 0, so the sum's repair makes second 100; with neither label
    // nor note drawn, the object's repair draws a label.
    split const plain = conform::generate<split>(std::string_view());
    CHECK(plain.first == 0);
    CHECK(plain.second == 100);
    CHECK(plain.label.has_value());
    CHECK_FALSE(plain.note.has_value());
    check_round_trip(plain, std::string());
    inputs in(7);
    bool note_kept = false;
    bool note_left_out = false;
    for (int i = 0; i < 2000; ++i) {
      std::string const bytes = in.next(40);
      split const s = conform::generate<split>(bytes);
      check_round_trip(s, bytes);
      note_kept = note_kept || (s.note && s.label);
      // A note equal to the label was drawn: note_differs, with no repair, left it out.
      conform::generate_options all;
      all.all_optional_members = true;
      split const full = conform::generate<split>(bytes, all);
      check_round_trip(full, bytes);
      note_left_out = note_left_out || (full.label && !full.note);
    }
    CHECK(note_kept);
    CHECK(note_left_out);
  }

  TEST_CASE("generate: a rule of the user's own that nothing repairs is left as drawn") {
    // Documented on generate(): the value is returned as it is; validate() reports the rule.
    inputs in(8);
    std::size_t broken = 0;
    for (int i = 0; i < 200; ++i) {
      std::string const bytes = in.next(16);
      auto const ds = conform::validate(conform::generate<unrepaired>(bytes));
      if (!ds.empty()) {
        ++broken;
        CHECK((conform_test::codes(ds) ==
               std::vector<conform::error>{conform::error::cross_member_rule}));
      }
    }
    CHECK(broken > 100);
  }

  TEST_CASE("generate: the ModelArts response and error body, from short and long inputs") {
    inputs in(2);
    for (int i = 0; i < 300; ++i) {
      std::string const bytes = in.next(i % 2 == 0 ? 300 : 20000);
      check_round_trip(conform::generate<conform::modelarts::training_job>(bytes), bytes);
      check_round_trip(conform::generate<conform::modelarts::error_body>(bytes), bytes);
    }
  }

  TEST_CASE("generate: the same bytes give the same value; other bytes another") {
    inputs in(3);
    std::set<std::string> texts;
    for (int i = 0; i < 50; ++i) {
      std::string const bytes = in.next(4000);
      std::string const text =
          conform::encode(conform::generate<conform::modelarts::training_job>(bytes));
      CHECK(conform::encode(conform::generate<conform::modelarts::training_job>(bytes)) == text);
      texts.insert(text);
    }
    CHECK(texts.size() >= 45);
  }

  TEST_CASE("generate: the empty input gives the plainest valid value") {
    auto const e = conform::generate<everything>(std::string_view());
    CHECK(e.priority == 0);
    CHECK(e.count == 1); // at_least<1>
    CHECK(e.any_int == 0);
    CHECK(e.ratio == 0);
    CHECK(e.positive == std::nextafter(0.0, 1.0)); // greater_than<0>: the least above
    CHECK(e.name == "-");                          // length 1, the charset's first character
    CHECK(e.hex == "00000000");
    CHECK(e.free_text.empty());
    CHECK(e.size_name == "small");
    CHECK(e.code_dir == "/home/ma-user/a");
    CHECK(e.even_number == 0);
    CHECK(e.version == "v0");
    CHECK(e.c == colour::red);
    CHECK(e.oc == colour::red);
    CHECK(e.pairs == std::vector<std::vector<std::int64_t>>{{0, 0}}); // size<1, 3> of size<2, 2>
    CHECK(e.tags.empty());
    CHECK(e.labels.empty());
    CHECK_FALSE(e.path);
    CHECK_FALSE(e.mode);
    CHECK_FALSE(e.windows);
    CHECK(conform::encode(
              conform::generate<conform::modelarts::training_job>(std::string_view())) == "{}");
    check_round_trip(e, "");
  }

  TEST_CASE("generate: draws reach every enumerator, both bounds and each side of every rule") {
    inputs in(4);
    std::set<std::int32_t> priorities;
    std::set<colour> colours;
    std::set<std::size_t> pair_counts;
    std::set<std::string> size_names;
    bool min_ratio = false, max_ratio = false, count_max = false, positive_min = false;
    bool path_and_port = false, neither = false, log_dir_alone = false, log_type_and_dir = false;
    bool a_alone = false, b_alone = false, blue_with_group = false, group_alone = false;
    bool ordered_window = false, long_free_text = false, multibyte = false, escaped = false;
    bool odd_draw_rejected = false;
    for (int i = 0; i < 3000; ++i) {
      std::string const bytes = in.next(400);
      auto const e = conform::generate<everything>(bytes);
      priorities.insert(e.priority);
      colours.insert(e.c);
      pair_counts.insert(e.pairs.size());
      size_names.insert(e.size_name);
      min_ratio |= e.ratio == 0;
      max_ratio |= e.ratio == 1;
      count_max |= e.count == UINT64_MAX; // at_least<1> sets no upper bound, not even INT64_MAX
      positive_min |= e.positive == std::nextafter(0.0, 1.0);
      path_and_port |= e.path && e.port;
      neither |= !e.path && !e.port;
      log_dir_alone |= !e.log_type && e.log_dir;
      log_type_and_dir |= e.log_type && e.log_dir;
      a_alone |= e.a && !e.b;
      b_alone |= !e.a && e.b;
      blue_with_group |= e.mode == colour::blue && e.group_size;
      group_alone |= !e.mode && e.group_size;
      ordered_window |= e.w.start && e.w.end && *e.w.start < *e.w.end;
      long_free_text |= conform::detail::utf8_length(e.free_text) == 24;
      multibyte |= e.free_text.find_first_of("\xC0\xE0\xF0") != std::string::npos ||
                   e.free_text.find('\xC2') != std::string::npos;
      escaped |= e.free_text.find_first_of(std::string("\"\\\x01", 3)) != std::string::npos;
      odd_draw_rejected |= e.even_number != 0 && e.even_number % 2 == 0;
    }
    CHECK(priorities == std::set<std::int32_t>{0, 1, 2, 3});
    CHECK(colours.size() == 3);
    CHECK(pair_counts == std::set<std::size_t>{1, 2, 3});
    CHECK(size_names.size() == 4);
    CHECK(min_ratio);
    CHECK(max_ratio);
    CHECK(count_max);
    CHECK(positive_min);
    CHECK(path_and_port);
    CHECK(neither);
    CHECK(log_dir_alone);
    CHECK(log_type_and_dir);
    CHECK(a_alone);
    CHECK(b_alone);
    CHECK(blue_with_group);
    CHECK(group_alone);
    CHECK(ordered_window);
    CHECK(long_free_text);
    CHECK(multibyte);
    CHECK(escaped);
    CHECK(odd_draw_rejected);
  }

  TEST_CASE("generate: the options bound sizes and depth; a constraint that asks for more wins") {
    inputs in(5);
    conform::generate_options small;
    small.max_elements = 0;
    small.max_string_length = 0;
    bool deep = false;
    for (int i = 0; i < 300; ++i) {
      std::string const bytes = in.next(2000);
      auto const e = conform::generate<everything>(bytes, small);
      CHECK(e.pairs.size() == 1); // size<1, 3>: at least one
      CHECK(e.pairs[0].size() == 2);
      CHECK(e.free_text.empty());
      CHECK(e.name.size() == 1); // length<1, 64>
      CHECK(e.hex.size() == 8);  // length<8, 8>
      CHECK(e.tags.empty());
      check_round_trip(e, bytes);

      conform::generate_options shallow;
      shallow.max_depth = 4;
      auto const n = conform::generate<node>(bytes, shallow);
      CHECK(depth_of(n) <= 3); // node, then vectors and nodes: two nodes per three levels
      deep |= depth_of(n) == 3;
      CHECK(conform::validate(n).empty());
    }
    CHECK(deep);
  }

  TEST_CASE("generate: all_optional_members leaves out only what a rule or the depth asks") {
    inputs in(7);
    conform::generate_options all;
    all.all_optional_members = true;
    for (int i = 0; i < 200; ++i) {
      std::string const bytes = in.next(3000);
      auto const e = conform::generate<everything>(bytes, all);
      CHECK(e.path);
      CHECK(e.port);
      CHECK(e.log_type);
      CHECK(e.log_dir);
      CHECK(e.a.has_value() != e.b.has_value()); // exclusive: the repair left one out
      CHECK(e.mode);
      CHECK(e.windows);
      check_round_trip(e, bytes);
      auto const job = conform::generate<conform::modelarts::training_job>(bytes, all);
      REQUIRE(job.spec);
      CHECK(job.status);
      CHECK(job.metadata);
      check_round_trip(job, bytes);
    }
  }

  TEST_CASE("generate: a schema without a finite value ends, reported, not with the stack") {
    auto const e = conform::generate<endless>(std::string(100, '\x01'));
    std::size_t chain = 0;
    for (endless const* at = &e; !at->next.empty(); at = &at->next[0]) {
      ++chain;
    }
    CHECK(chain > 100); // the rule is kept as far as the ceiling
    auto const findings = conform::validate(e);
    REQUIRE(findings.size() == 1);
    CHECK(findings.begin()->code == conform::error::length_out_of_range);
  }

  TEST_CASE("generate: elements that take no choice cannot outgrow the input") {
    conform::generate_options big;
    big.max_elements = 1000;
    big.max_string_length = 100000;
    std::string const ones(64, '\xFF');
    auto const g = conform::generate<free_grid>(ones, big);
    std::size_t cells = 0;
    for (auto const& row : g.grid) {
      cells += row.size();
    }
    CHECK(g.grid.size() >= 1); // size<1, 1000>: the minimum is kept
    CHECK(cells <= 64);        // each element past the minimum took a byte, or ended the row
    CHECK(conform::validate(g).empty());
    auto const v = conform::generate<free_elements>(ones, big);
    CHECK(v.xs.size() >= 2); // length<2, ...>
    CHECK(v.xs.size() <= 66);
    CHECK(v.named.size() <= 64);
    CHECK(conform::validate(v).empty());
    CHECK(conform::generate<free_elements>(std::string_view(), big).xs == "xx");
  }

  TEST_CASE("generate: unknown open-enum values only when asked, and they are warnings") {
    inputs in(6);
    conform::generate_options loose;
    loose.unknown_open_enum_values = true;
    bool unknown = false;
    for (int i = 0; i < 400; ++i) {
      std::string const bytes = in.next(300);
      CHECK(conform::generate<everything>(bytes).oc.is_known());
      auto const e = conform::generate<everything>(bytes, loose);
      if (!e.oc.is_known()) {
        unknown = true;
        auto const back = conform::decode<everything>(conform::encode(e));
        REQUIRE(back.diagnostics.size() == 1);
        CHECK(back.diagnostics.begin()->code == conform::error::unknown_enum_value);
        CHECK(back.diagnostics.begin()->level == conform::severity::warning);
        CHECK(back.value.oc == e.oc);
      }
    }
    CHECK(unknown);
  }
}

} // namespace generate_test
