// conform: builds values that satisfy their schema from a string of bytes. For fuzzing what
// consumes decoded responses (a libFuzzer input becomes a valid training_job), for seeding
// corpora with valid documents (`conform generate`), and for property tests: for every input,
// `validate(generate<T>(bytes))` finds nothing and `decode<T>(encode(x))` gives `x` back
// without a diagnostic.
//
// The walk is the decoder's: the Boost.Describe members, the constraints attached with
// CONFORM_MEMBER_RULES and the cross-member rules of CONFORM_TYPE_RULES. Each built-in
// constraint narrows what is drawn (a range its bounds, length and charset the characters,
// one_of and path_under the text); a constraint of the user's own draws its values itself when
// it has a `generate` function (see generate() below), and is otherwise met by drawing again;
// each built-in cross-member rule has a repair (fill in or leave out a member, swap an
// ordered pair), and a rule of the user's own has its `repair` function or leaves out or
// draws again the members it blames. Every choice reads the bytes, so that a fuzzer's
// mutations move through the values, and an exhausted input reads zeros: the empty input
// gives the plainest valid value (optional members absent, arrays as short as allowed,
// numbers as near zero as allowed).
#ifndef CONFORM_GENERATE_HPP
#define CONFORM_GENERATE_HPP

#include <conform/config.hpp>
#include <conform/constraints.hpp>
#include <conform/cross_member.hpp>
#include <conform/detail/constraint_traits.hpp>
#include <conform/detail/report_sink.hpp>
#include <conform/detail/rule_set.hpp>
#include <conform/detail/text.hpp>
#include <conform/enum_spelling.hpp>
#include <conform/open_enum.hpp>
#include <conform/schema.hpp>

#include <boost/mp11/algorithm.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace conform {

/** The choices of a generator, read from bytes (a fuzzer's input, a seed's expansion).

    Each choice takes as few whole bytes as it needs; once the bytes run out every choice
    reads 0, so any input, the empty one included, makes a value, and a longer input only
    refines it. */
class byte_source {
public:
  byte_source() noexcept = default;
  byte_source(void const* data, std::size_t size) noexcept
      : data_(static_cast<unsigned char const*>(data)), size_(size) {}
  explicit byte_source(std::string_view bytes) noexcept : byte_source(bytes.data(), bytes.size()) {}

  /// A choice in [0, n): the bytes n - 1 needs, little-endian, modulo n. Reads nothing when
  /// n <= 1.
  std::uint64_t below(std::uint64_t n) noexcept {
    if (n <= 1) {
      return 0;
    }
    std::uint64_t v = 0;
    unsigned shift = 0;
    for (std::uint64_t m = n - 1; m != 0; m >>= 8, shift += 8) {
      v |= std::uint64_t(take()) << shift;
    }
    return v % n;
  }
  /// 64 bits (eight bytes).
  std::uint64_t word() noexcept {
    std::uint64_t v = 0;
    for (unsigned shift = 0; shift != 64; shift += 8) {
      v |= std::uint64_t(take()) << shift;
    }
    return v;
  }
  /// A yes or no (the low bit of one byte).
  bool flag() noexcept { return (take() & 1u) != 0; }
  /// The bytes not read yet.
  std::size_t remaining() const noexcept { return size_ - used_; }

private:
  unsigned char take() noexcept { return used_ < size_ ? data_[used_++] : 0; }

  unsigned char const* data_ = nullptr;
  std::size_t size_ = 0;
  std::size_t used_ = 0;
};

/// Bounds on what generate() builds (a constraint that asks for more wins: `size<8, 8>`
/// still gets 8 elements, `length<100>` 100 characters).
struct generate_options {
  /// Nesting (objects and arrays) past which optional members are left out and arrays and
  /// maps get their smallest allowed size: a type that contains itself still ends. (One
  /// that must contain itself, and so has no finite value, ends at 256 levels with an empty
  /// value that validate() reports.)
  std::size_t max_depth = 12;
  /// Elements of an array or entries of a map.
  std::size_t max_elements = 4;
  /// Characters of a string.
  std::size_t max_string_length = 24;
  /// Also draw spellings that an open enumeration does not know (each one is an
  /// unknown_enum_value warning when decoded, never an error by default).
  bool unknown_open_enum_values = false;
  /// Every optional member present (up to max_depth, and but for those a cross-member rule
  /// leaves out), instead of one in two: documents with every member, as test data.
  bool all_optional_members = false;
};

namespace detail {

/// splitmix64 (Steele, Lea and Flood): the next 64-bit word of the stream `state`. Choices for
/// generate() from a seed (`conform generate`, the tests): good enough to stand in for a
/// fuzzer's bytes, and simple enough to be reproduced in any language.
inline std::uint64_t splitmix64(std::uint64_t& state) noexcept {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15u);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
  return z ^ (z >> 31);
}

/// Whether `u` meets every plain constraint of the list.
template <class U, class... Cs>
bool meets(U const& u, boost::mp11::mp_list<Cs...>) {
  return (Cs::check(u) && ...);
}

/// A rule's report that only notes which members the rule blames.
template <class T>
struct blame_report {
  std::uint64_t members = 0;
  bool object = false;
  template <auto M>
  std::string_view name() const noexcept {
    return member_name<T, M>();
  }
  template <auto M>
  void fail(std::string, std::string) {
    members |= member_bit<T, M>();
  }
  void fail_object(std::string, std::string) { object = true; }
};

/// Whether rule R holds for `obj` (the members it blames go to `blamed`).
template <class R, class T>
bool rule_holds(T const& obj, std::uint64_t& blamed) {
  blame_report<T> report;
  R::check(obj, report);
  blamed = report.members;
  return report.members == 0 && !report.object;
}

class generator {
public:
  /// Nesting past which nothing more is drawn, whatever max_depth says (see make_present).
  static constexpr std::size_t depth_ceiling = 256;

  generator(byte_source& in, generate_options const& options) : in_(in), options_(options) {}

  /// A value of V that meets `Rules` (a rules<...> list).
  template <class V, class Rules>
  V make(std::size_t depth) {
    if constexpr (is_optional<V>::value) {
      if (depth >= options_.max_depth || !(options_.all_optional_members || in_.flag())) {
        return std::nullopt;
      }
      return make_present<typename V::value_type, Rules>(depth);
    } else {
      return make_present<V, Rules>(depth);
    }
  }

  /// A value of V (not an optional) that meets `Rules`. A constraint the draw does not aim at
  /// (one of the user's own) is met by drawing again, then by the plainest value (the one the
  /// empty input draws); when none of them meets it, the last draw is kept and validate()
  /// says what it breaks.
  template <class V, class Rules>
  V make_present(std::size_t depth) {
    using plain = typename rule_set_for<V, Rules>::plain;
    if (depth >= depth_ceiling) {
      // Only a schema without a finite value gets here (a required member, or a size<1>
      // array, of the type that holds it): it ends with an empty value, which validate()
      // reports, rather than with the stack.
      return V{};
    }
    V v = draw<V, Rules>(depth);
    for (int again = 0; again < 7 && !meets(v, plain{}); ++again) {
      v = draw<V, Rules>(depth);
    }
    if (!meets(v, plain{})) {
      byte_source none;
      generator plainest(none, options_);
      V p = plainest.draw<V, Rules>(depth);
      if (meets(p, plain{})) {
        v = std::move(p);
      }
    }
    return v;
  }

  /// Member M of `obj`, drawn again; present when it is an optional.
  template <class T, auto M>
  void fill(T& obj, std::size_t depth) {
    using V = typename unwrap_optional<std::remove_reference_t<decltype(obj.*M)>>::type;
    obj.*M = make_present<V, member_rules_t<T, M>>(depth + 1);
  }

  /// Leaves member M of `obj` out; false when it is required.
  template <class T, auto M>
  static bool clear(T& obj) {
    using V = std::remove_reference_t<decltype(obj.*M)>;
    if constexpr (is_optional<V>::value) {
      (obj.*M).reset();
      return true;
    } else {
      return false;
    }
  }

  /// Whether member M of `obj` meets its own constraints.
  template <class T, auto M>
  static bool member_ok(T const& obj) {
    using V = std::remove_cv_t<std::remove_reference_t<decltype(obj.*M)>>;
    using plain = typename rule_set_for<V, member_rules_t<T, M>>::plain;
    if constexpr (is_optional<V>::value) {
      return !(obj.*M) || meets(*(obj.*M), plain{});
    } else {
      return meets(obj.*M, plain{});
    }
  }

  bool flag() noexcept { return in_.flag(); }

private:
  /// Whether constraint C draws values of V itself (see generate()). warn<C> inherits it.
  template <class V>
  struct draws {
    template <class C, class = void>
    struct test : std::false_type {};
    template <class C>
    struct test<C, std::enable_if_t<std::is_convertible_v<
                       decltype(C::generate(std::declval<byte_source&>())), V>>> : std::true_type {
    };
    template <class C>
    using fn = test<C>;
  };
  /// The first constraint of the list `Plain` that draws values of V itself, or void.
  template <class V, class Plain>
  using drawing_constraint_t =
      boost::mp11::mp_eval_if<boost::mp11::mp_empty<boost::mp11::mp_filter_q<draws<V>, Plain>>,
                              void, boost::mp11::mp_front,
                              boost::mp11::mp_filter_q<draws<V>, Plain>>;

  template <class V, class Rules>
  V draw(std::size_t depth) {
    using plain = typename rule_set_for<V, Rules>::plain;
    using drawing = drawing_constraint_t<V, plain>;
    if constexpr (!std::is_void_v<drawing>) {
      return drawing::generate(in_); // the constraint knows its values best
    } else if constexpr (std::is_same_v<V, bool>) {
      return in_.flag();
    } else if constexpr (std::is_integral_v<V>) {
      return draw_integer<V>(plain{});
    } else if constexpr (std::is_floating_point_v<V>) {
      return draw_real<V>(plain{});
    } else if constexpr (std::is_same_v<V, std::string>) {
      return draw_string(plain{});
    } else if constexpr (is_described_enum_v<V>) {
      static_assert(enum_table<V>::count != 0,
                    "conform::generate: an enum described without enumerators has no value");
      auto const& entries = enum_table<V>::entries;
      return entries[std::size_t(in_.below(entries.size()))].value;
    } else if constexpr (is_open_enum<V>::value) {
      return draw_open_enum<V>();
    } else if constexpr (is_vector<V>::value) {
      V out;
      auto const [min, n] = draw_size(plain{}, depth);
      out.reserve(n);
      for (std::size_t i = 0; i < n; ++i) {
        std::size_t const before = in_.remaining();
        out.push_back(make<typename V::value_type, typename rule_set_for<V, Rules>::element_rules>(
            depth + 1));
        if (took_nothing(before, out.size(), min)) {
          break;
        }
      }
      return out;
    } else if constexpr (is_string_map<V>::value) {
      V out;
      auto const [min, n] = draw_size(plain{}, depth);
      for (std::size_t i = 0; out.size() < n; ++i) {
        std::size_t const before = in_.remaining();
        std::string key = draw_key();
        if (out.count(key) != 0 || i >= 2 * n) {
          key += '_';
          append_uint64(key, i); // drawn twice, or the draws keep meeting: made unique
        }
        out.emplace(std::move(key),
                    make<typename V::mapped_type, typename rule_set_for<V, Rules>::element_rules>(
                        depth + 1));
        if (took_nothing(before, out.size(), min)) {
          break;
        }
      }
      return out;
    } else if constexpr (is_described_struct_v<V>) {
      V out{};
      boost::mp11::mp_for_each<public_members<V>>([&](auto d) {
        using M = std::remove_cv_t<std::remove_reference_t<decltype(out.*d.pointer)>>;
        out.*d.pointer = make<M, member_rules_t<V, d.pointer>>(depth + 1);
      });
      repair(out, depth);
      return out;
    } else {
      static_assert(sizeof(V) == 0, "conform::generate: unsupported type");
    }
  }

  // ---- numbers ---------------------------------------------------------------------------

  template <class I, class Plain>
  I draw_integer(Plain plain) {
    // Not a structured binding: clang 14 cannot capture one in the lambda below.
    std::pair<I, I> const bounds = integer_bounds<I>(plain);
    I const lo = bounds.first;
    I const hi = bounds.second;
    if (hi < lo) {
      return lo; // contradictory constraints: nothing meets them
    }
    // Offsets from lo in 64 unsigned bits: the arithmetic wraps where signed would overflow.
    std::uint64_t const span = std::uint64_t(hi) - std::uint64_t(lo);
    auto at = [&](std::uint64_t offset) { return I(std::uint64_t(lo) + offset); };
    switch (in_.below(8)) {
    case 0: // as near zero as allowed
      return lo > I(0) ? lo : hi < I(0) ? hi : I(0);
    case 1:
      return lo;
    case 2:
      return hi;
    case 3:
      return at(span == 0 ? 0 : 1);
    case 4:
      return at(span == 0 ? 0 : span - 1);
    default: {
      std::uint64_t w = in_.word();
      return at(span == std::numeric_limits<std::uint64_t>::max() ? w : w % (span + 1));
    }
    }
  }

  template <class F, class... Cs>
  static std::pair<F, F> real_bounds(boost::mp11::mp_list<Cs...> list) noexcept {
    number_limits const l = number_limits_of(list);
    F lo = -std::numeric_limits<F>::max();
    F hi = std::numeric_limits<F>::max();
    if (l.ranged) {
      lo = std::max(lo, static_cast<F>(l.minimum));
    }
    if (l.maximum != std::numeric_limits<std::int64_t>::max()) {
      hi = std::min(hi, static_cast<F>(l.maximum));
    }
    if (l.above) {
      lo = std::max(lo, std::nextafter(static_cast<F>(l.exclusive_minimum),
                                       std::numeric_limits<F>::infinity()));
    }
    return {lo, hi};
  }

  template <class F, class Plain>
  F draw_real(Plain plain) {
    std::pair<F, F> const bounds = real_bounds<F>(plain);
    F const lo = bounds.first;
    F const hi = bounds.second;
    if (hi < lo) {
      return lo;
    }
    auto clamp = [&](F v) { return v < lo ? lo : v > hi ? hi : v; };
    switch (in_.below(8)) {
    case 0:
      return clamp(F(0));
    case 1:
      return lo;
    case 2:
      return hi;
    case 3: { // any bit pattern: subnormals, 17-digit values, the parser's hard cases
      std::uint64_t w = in_.word();
      F v;
      if constexpr (std::is_same_v<F, float>) {
        auto w32 = static_cast<std::uint32_t>(w);
        std::memcpy(&v, &w32, sizeof v);
      } else { // double, and long double from a double (what encode writes of it)
        static_assert(sizeof(double) == sizeof w, "conform::generate: a double of 64 bits");
        double d;
        std::memcpy(&d, &w, sizeof d);
        v = static_cast<F>(d);
      }
      return std::isfinite(v) ? clamp(v) : clamp(F(0));
    }
    case 4: // a small integer
      return clamp(static_cast<F>(static_cast<std::int64_t>(in_.below(201)) - 100));
    default: { // between the bounds, as lo*(1-u) + hi*u so that neither product overflows
      F u = static_cast<F>(static_cast<double>(in_.word() >> 11) * 0x1p-53);
      return clamp(lo * (F(1) - u) + hi * u);
    }
    }
  }

  // ---- strings ---------------------------------------------------------------------------

  /// What the string constraints of a member ask for.
  struct string_plan {
    std::size_t min = 0;
    std::size_t max = std::numeric_limits<std::size_t>::max();
    bool charset = false;      ///< the characters come from `alphabet`
    std::string_view alphabet; ///< what the charsets allow (ASCII, as every class is)
    std::string_view const* values = nullptr; ///< one_of's list
    std::size_t value_count = 0;
    bool path = false;      ///< path_under: `under`, a '/', then a segment
    std::string_view under; ///< path_under's directory, without a trailing '/'
  };

  template <class... Cs>
  static string_plan plan_of(boost::mp11::mp_list<Cs...>) noexcept {
    string_plan p;
    using charsets = boost::mp11::mp_filter<is_charset, boost::mp11::mp_list<unwarned_t<Cs>...>>;
    if constexpr (boost::mp11::mp_size<charsets>::value != 0) {
      constexpr auto const& allowed = charset_alphabet<charsets>::value;
      p.charset = true;
      p.alphabet = std::string_view(allowed.chars, allowed.size);
    }
    auto note = [&](auto c) {
      using C = unwarned_t<decltype(c)>;
      if constexpr (is_length<C>::value) {
        p.min = std::max(p.min, C::min_length);
        p.max = std::min(p.max, C::max_length);
      } else if constexpr (is_one_of<C>::value) {
        if (p.values == nullptr) {
          p.values = one_of_values<C>::get(p.value_count);
        }
      } else if constexpr (is_path_under<C>::value) {
        p.path = true;
        p.under = path_dir<C>::get();
      }
    };
    (void)note; // unused when there are no constraints
    (note(Cs{}), ...);
    return p;
  }

  template <class Plain>
  std::string draw_string(Plain plain) {
    string_plan const p = plan_of(plain);
    if (p.values != nullptr) {
      // One of the list: those that also meet the other constraints.
      std::string_view meeting[64];
      std::size_t n = 0;
      for (std::size_t i = 0; i < p.value_count && n < std::size(meeting); ++i) {
        if (meets(std::string(p.values[i]), plain)) {
          meeting[n++] = p.values[i];
        }
      }
      std::string_view v = n != 0 ? meeting[in_.below(n)] : p.values[0];
      return std::string(v);
    }
    std::string out;
    std::size_t prefix = 0;
    if (p.path) {
      out.assign(p.under.data(), p.under.size());
      out += '/';
      prefix = utf8_length(out);
    }
    std::size_t const min =
        std::max(p.min > prefix ? p.min - prefix : 0, std::size_t(p.path ? 1 : 0));
    std::size_t const room = p.max > prefix ? p.max - prefix : 0;
    std::size_t const max = std::max(min, std::min(room, options_.max_string_length));
    std::size_t const n = min + std::size_t(in_.below(max - min + 1));
    for (std::size_t i = 0; i < n; ++i) {
      std::size_t const before = in_.remaining();
      append_char(out, p);
      if (took_nothing(before, i + 1, min)) {
        break;
      }
    }
    return out;
  }

  /// One character of a string planned as `p`: from the charsets' alphabet when there are
  /// charsets; for a path segment letters, digits and "._-"; otherwise anything JSON can
  /// carry, escapes and characters that are hostile to terminals included.
  void append_char(std::string& out, string_plan const& p) {
    static constexpr std::string_view segment =
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-";
    static constexpr std::string_view alnum = segment.substr(0, 62);
    if (p.charset) {
      if (!p.alphabet.empty()) {
        out += p.alphabet[std::size_t(in_.below(p.alphabet.size()))];
      }
      return;
    }
    if (p.path) {
      out += segment[std::size_t(in_.below(segment.size()))];
      return;
    }
    switch (in_.below(16)) {
    case 8:
    case 9: // printable ASCII
      out += static_cast<char>(0x20 + in_.below(0x5F));
      return;
    case 10: // a control character (written as an escape)
      out += static_cast<char>(in_.below(0x20));
      return;
    case 11:
      append_utf8(out, static_cast<std::uint32_t>(0x80 + in_.below(0x800 - 0x80)));
      return;
    case 12: { // three bytes, no surrogate
      auto cp = static_cast<std::uint32_t>(0x800 + in_.below(0x10000 - 0x800 - 0x800));
      append_utf8(out, cp >= 0xD800 ? cp + 0x800 : cp);
      return;
    }
    case 13:
      append_utf8(out, static_cast<std::uint32_t>(0x10000 + in_.below(0x110000 - 0x10000)));
      return;
    case 14: {
      static constexpr char escaped[] = {'"', '\\', '/', '\x7f'};
      out += escaped[in_.below(std::size(escaped))];
      return;
    }
    case 15: { // line separators, bidirectional controls, a byte order mark
      static constexpr std::uint32_t hostile[] = {0x2028, 0x2029, 0x202E, 0x2066, 0x200B, 0xFEFF};
      append_utf8(out, hostile[in_.below(std::size(hostile))]);
      return;
    }
    default:
      out += alnum[std::size_t(in_.below(alnum.size()))];
      return;
    }
  }

  std::string draw_key() {
    std::string key;
    std::size_t n =
        std::size_t(in_.below(std::min<std::size_t>(options_.max_string_length, 8) + 1));
    for (std::size_t i = 0; i < n; ++i) {
      append_char(key, string_plan{});
    }
    return key;
  }

  template <class O>
  O draw_open_enum() {
    using E = typename O::enum_type;
    static_assert(enum_table<E>::count != 0,
                  "conform::generate: an enum described without enumerators has no value");
    auto const& entries = enum_table<E>::entries;
    if (options_.unknown_open_enum_values && in_.below(4) == 0) {
      std::string raw = "x";
      std::size_t n = std::size_t(in_.below(8));
      for (std::size_t i = 0; i < n; ++i) {
        append_char(raw, string_plan{});
      }
      while (enum_from_string<E>(raw)) {
        raw += '_'; // a spelling of E after all: made unknown
      }
      return O::from_string(raw);
    }
    return O(entries[std::size_t(in_.below(entries.size()))].value);
  }

  // ---- containers ------------------------------------------------------------------------

  /// Whether a container (or a string) that holds `size` elements, at least `min`, stops
  /// here because its last element took no choice although bytes were left (a type of one
  /// value, a charset of one character): such elements would repeat for free, up to
  /// max_elements at every level of a nesting. So every element past the minimum costs a
  /// byte, and the input's length bounds the value's size, whatever the schema.
  bool took_nothing(std::size_t before, std::size_t size, std::size_t min) const noexcept {
    return size >= min && in_.remaining() == before;
  }

  /// A container's smallest allowed size and its drawn size.
  template <class... Cs>
  std::pair<std::size_t, std::size_t> draw_size(boost::mp11::mp_list<Cs...>, std::size_t depth) {
    std::size_t min = 0;
    std::size_t max = std::numeric_limits<std::size_t>::max();
    auto note = [&](auto c) {
      using C = unwarned_t<decltype(c)>;
      if constexpr (is_size<C>::value) {
        min = std::max(min, C::min_items);
        max = std::min(max, C::max_items);
      }
    };
    (void)note; // unused when there are no constraints
    (note(Cs{}), ...);
    std::size_t const cap = depth >= options_.max_depth ? 0 : options_.max_elements;
    std::size_t const top = std::max(min, std::min(max, cap));
    return {min, min + std::size_t(in_.below(top - min + 1))};
  }

  // ---- cross-member rules ----------------------------------------------------------------

  template <class T>
  void repair(T& obj, std::size_t depth) {
    using runner = type_rules_runner<T, type_rules_t<T>>;
    if constexpr (!runner::empty) {
      // A repair can undo another rule's (fill in a member that a third rule wants out), so
      // the rules run again until all hold; each pass can only leave members out or fill
      // them in, and a few passes settle every model we know.
      for (int pass = 0; pass < 4; ++pass) {
        if (repair_all(obj, depth, type_rules_t<T>{})) {
          return;
        }
      }
    }
  }

  template <class T, class... Rs>
  bool repair_all(T& obj, std::size_t depth, rules<Rs...>) {
    // Every rule runs (no short circuit): a pass repairs all that it finds.
    int const held = (int(repair_one<Rs>(obj, depth)) & ...);
    return held != 0;
  }

  /// True when rule R held (nothing was changed).
  template <class R, class T>
  bool repair_one(T& obj, std::size_t depth) {
    std::uint64_t blamed = 0;
    if (rule_holds<R>(obj, blamed)) {
      return true;
    }
    rule_repair<unwarned_t<R>>::apply(*this, obj, blamed, depth);
    return false;
  }

  /// Whether rule R repairs a T itself (see generate()).
  template <class R, class T, class = void>
  struct repairs : std::false_type {};
  template <class R, class T>
  struct repairs<R, T,
                 std::void_t<decltype(R::repair(std::declval<T&>(), std::declval<byte_source&>()))>>
      : std::true_type {};

  /// A rule of the user's own: its own repair when it has one, or else the members it blames
  /// are left out, or drawn again.
  template <class R>
  struct rule_repair {
    template <class T>
    static void apply(generator& g, T& obj, std::uint64_t blamed, std::size_t depth) {
      if constexpr (repairs<R, T>::value) {
        R::repair(obj, g.in_);
      } else {
        std::size_t i = 0;
        boost::mp11::mp_for_each<public_members<T>>([&](auto d) {
          if ((blamed >> i++ & 1u) != 0 && !clear<T, d.pointer>(obj)) {
            g.fill<T, d.pointer>(obj, depth);
          }
        });
      }
    }
  };
  template <auto A, auto B>
  struct rule_repair<together<A, B>> {
    template <class T>
    static void apply(generator& g, T& obj, std::uint64_t, std::size_t depth) {
      bool const a = is_present(obj.*A);
      // Fill in the absent one, or leave out the present one (when it may be left out).
      if (g.flag() || !(a ? clear<T, A>(obj) : clear<T, B>(obj))) {
        a ? g.fill<T, B>(obj, depth) : g.fill<T, A>(obj, depth);
      }
    }
  };
  template <auto A, auto B>
  struct rule_repair<requires_member<A, B>> {
    template <class T>
    static void apply(generator& g, T& obj, std::uint64_t, std::size_t depth) {
      if (g.flag() || !clear<T, A>(obj)) {
        g.fill<T, B>(obj, depth);
      }
    }
  };
  template <auto A, auto B>
  struct rule_repair<exclusive<A, B>> {
    template <class T>
    static void apply(generator&, T& obj, std::uint64_t, std::size_t) {
      if (!clear<T, B>(obj)) {
        clear<T, A>(obj);
      }
    }
  };
  template <auto Required, auto When, class Value>
  struct rule_repair<required_if<Required, When, Value>> {
    template <class T>
    static void apply(generator& g, T& obj, std::uint64_t, std::size_t depth) {
      if (g.flag() || !clear<T, When>(obj)) {
        g.fill<T, Required>(obj, depth);
      }
    }
  };
  template <auto Low, auto High>
  struct rule_repair<ordered<Low, High>> {
    template <class T>
    static void apply(generator& g, T& obj, std::uint64_t, std::size_t depth) {
      // Swapped, they are in order; each must still meet its own constraints.
      auto& low = value_of(obj.*Low);
      auto& high = value_of(obj.*High);
      if constexpr (std::is_same_v<decltype(low), decltype(high)>) {
        std::swap(low, high);
        if (member_ok<T, Low>(obj) && member_ok<T, High>(obj)) {
          return;
        }
        std::swap(low, high);
      }
      if (!clear<T, High>(obj) && !clear<T, Low>(obj)) {
        g.fill<T, High>(obj, depth); // both required: drawn again, checked on the next pass
      }
    }
  };

  byte_source& in_;
  generate_options const& options_;
};

} // namespace detail

/** A value of T that meets its schema: every constraint, every cross-member rule, nothing a
    decode of its encode() would report (but the unknown_enum_value warnings asked for with
    `unknown_open_enum_values`). The same bytes always give the same value.

    A constraint of your own that random values rarely meet (a format) can draw its values:
    give it `template <class Source> static V generate(Source& in)`, where `in` is the
    byte_source and V the member's type; the template keeps byte_source out of the header that
    declares the constraint. modelarts::error_code_format is an example. Without one, the
    constraint is met by drawing again (eight draws, then the plainest value).

    A cross-member rule of your own is repaired by leaving out the members it blames, or
    drawing them again. One that this cannot meet (a sum of two members, a rule that blames
    the whole object) can repair the object itself: give it `template <class T, class Source>
    static void repair(T& obj, Source& in)`, which leaves `obj` meeting the rule and its
    members their own constraints. The repairs run until every rule holds, at most four
    times over; a value whose own rules still fail then is returned as it is, so validate()
    the values when your rules cannot always be repaired.

    @param in the choices; what is left of it can make the next value.
    @par Exception safety Throws std::bad_alloc only. */
template <class T>
T generate(byte_source& in, generate_options const& options = {}) {
  detail::generator g(in, options);
  return g.make<T, rules<>>(0);
}

/// generate() from a string of bytes (a libFuzzer input).
template <class T>
T generate(std::string_view bytes, generate_options const& options = {}) {
  byte_source in(bytes);
  return generate<T>(in, options);
}

} // namespace conform

#endif // CONFORM_GENERATE_HPP
