// conform internals: the operation table (type_ops) of every supported member type, and the
// descriptors of described structs (member table plus a perfect hash of the keys, computed at
// compile time so that a key costs one hash and one compare, in any order). An unsupported
// member type is a compile error that names it.
#ifndef CONFORM_DETAIL_TYPE_OPS_HPP
#define CONFORM_DETAIL_TYPE_OPS_HPP

#include <conform/config.hpp>
#include <conform/detail/decoder.hpp>
#include <conform/detail/key_hash.hpp>
#include <conform/detail/type_name.hpp>
#include <conform/detail/rule_set.hpp>
#include <conform/enum_spelling.hpp>
#include <conform/open_enum.hpp>
#include <conform/schema.hpp>

#include <boost/describe/members.hpp>
#include <boost/mp11/algorithm.hpp>

#include <array>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <limits>
#include <new>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <vector>

namespace conform::detail {

template <class T>
struct dependent_false : std::false_type {};

inline bool no_object(decoder&, void*) {
  return false;
}
inline bool no_array(decoder&, void*) {
  return false;
}

// The assign of every type that is no scalar, shared: one function per kind of value instead
// of one per type (there are a hundred optionals and structs in a large model).
inline bool unused_assign(decoder&, void*, scalar const&) {
  return false;
}
inline constexpr std::string_view object_expected = "an object";
inline constexpr std::string_view array_expected = "an array";
inline constexpr std::string_view map_expected = "an object (map)";
inline bool object_assign(decoder& d, void*, scalar const& s) {
  d.type_mismatch(object_expected, s);
  return false;
}
inline bool array_assign(decoder& d, void*, scalar const& s) {
  d.type_mismatch(array_expected, s);
  return false;
}
inline bool map_assign(decoder& d, void*, scalar const& s) {
  d.type_mismatch(map_expected, s);
  return false;
}

// Destroys and value-initialises in place: unlike `*p = T{}`, this needs no move
// assignment, which for large structs is a lot of generated code per type.
template <class T>
CONFORM_COLD void reset_value(void* p) {
  static_assert(std::is_nothrow_default_constructible_v<T>,
                "conform: member types must be nothrow default constructible");
  T* t = static_cast<T*>(p);
  t->~T();
  ::new (static_cast<void*>(t)) T();
}

template <class T, class Enable = void>
struct ops_for {
  static_assert(dependent_false<T>::value,
                "conform: unsupported member type. Supported: std::string, bool, integers, "
                "double, float, described enums, conform::open_enum, std::optional, "
                "std::vector, std::map<std::string, T> and described structs "
                "(BOOST_DESCRIBE_STRUCT)");
};

template <class T>
constexpr type_ops const* ops_of() noexcept {
  return &ops_for<T>::value;
}

// ---- string, bool ------------------------------------------------------------------------

template <>
struct ops_for<std::string> {
  static bool assign(decoder& d, void* p, scalar const& s) {
    if (CONFORM_LIKELY(s.k == scalar::kind::string)) {
      replace_string(*static_cast<std::string*>(p), s.text);
      return true;
    }
    d.type_mismatch(value.expected, s);
    return false;
  }
  static constexpr type_ops value{
      "a string", &assign, &no_object,          &no_array, &reset_value<std::string>,
      nullptr,    nullptr, direct_store::string};
};

template <>
struct ops_for<bool> {
  static bool assign(decoder& d, void* p, scalar const& s) {
    if (CONFORM_LIKELY(s.k == scalar::kind::boolean)) {
      *static_cast<bool*>(p) = s.b;
      return true;
    }
    d.type_mismatch(value.expected, s);
    return false;
  }
  static constexpr type_ops value{"a boolean",        &assign, &no_object, &no_array,
                                  &reset_value<bool>, nullptr, nullptr};
};

// ---- integers ----------------------------------------------------------------------------

template <class I>
constexpr std::string_view integer_type_name() noexcept {
  if constexpr (std::is_signed_v<I>) {
    return sizeof(I) == 1 ? "int8" : sizeof(I) == 2 ? "int16" : sizeof(I) == 4 ? "int32" : "int64";
  } else {
    return sizeof(I) == 1   ? "uint8"
           : sizeof(I) == 2 ? "uint16"
           : sizeof(I) == 4 ? "uint32"
                            : "uint64";
  }
}

template <class I>
struct integer_expected {
  static constexpr std::string_view name = integer_type_name<I>();
  static constexpr std::array<char, 24> make() noexcept {
    std::array<char, 24> out{};
    std::string_view head = "an integer (";
    std::size_t n = 0;
    for (char c : head) {
      out[n++] = c;
    }
    for (char c : name) {
      out[n++] = c;
    }
    out[n++] = ')';
    return out;
  }
  static constexpr std::array<char, 24> text = make();
  static constexpr std::string_view view{text.data(), 12 + name.size() + 1};
};

template <class I>
struct ops_for<I, std::enable_if_t<std::is_integral_v<I> && !std::is_same_v<I, bool> &&
                                   !std::is_same_v<I, char>>> {
  static bool assign(decoder& d, void* p, scalar const& s) {
    using limits = std::numeric_limits<I>;
    switch (s.k) {
    case scalar::kind::int64:
      if constexpr (std::is_signed_v<I>) {
        if (s.i >= static_cast<std::int64_t>(limits::min()) &&
            s.i <= static_cast<std::int64_t>(limits::max())) {
          *static_cast<I*>(p) = static_cast<I>(s.i);
          return true;
        }
      } else {
        if (s.i >= 0 && static_cast<std::uint64_t>(s.i) <= limits::max()) {
          *static_cast<I*>(p) = static_cast<I>(s.i);
          return true;
        }
      }
      d.integer_overflow<I>(integer_type_name<I>(), s);
      return false;
    case scalar::kind::uint64:
      if (s.u <= static_cast<std::uint64_t>(limits::max())) {
        *static_cast<I*>(p) = static_cast<I>(s.u);
        return true;
      }
      d.integer_overflow<I>(integer_type_name<I>(), s);
      return false;
    case scalar::kind::real:
      d.real_for_integer<I>(integer_type_name<I>(), s);
      return false;
    default:
      d.type_mismatch(value.expected, s);
      return false;
    }
  }
  static constexpr type_ops value{integer_expected<I>::view, &assign, &no_object, &no_array,
                                  &reset_value<I>,           nullptr, nullptr};
};

// ---- floating point ----------------------------------------------------------------------

template <class F>
struct ops_for<F, std::enable_if_t<std::is_floating_point_v<F>>> {
  static bool assign(decoder& d, void* p, scalar const& s) {
    switch (s.k) {
    case scalar::kind::int64:
      // "-0" is the integer 0 to Boost.JSON (the DOM cannot tell), so both front ends give
      // +0.0; encode writes a negative zero as "-0.0", which keeps its sign.
      *static_cast<F*>(p) = static_cast<F>(s.i);
      return true;
    case scalar::kind::uint64:
      *static_cast<F*>(p) = static_cast<F>(s.u);
      return true;
    case scalar::kind::real: {
      double v = 0;
      if (!exact_real(s, v) || !is_finite(static_cast<F>(v))) {
        d.not_finite(s);
        return false;
      }
      *static_cast<F*>(p) = static_cast<F>(v);
      return true;
    }
    default:
      d.type_mismatch(value.expected, s);
      return false;
    }
  }
  static constexpr type_ops value{"a number",      &assign, &no_object, &no_array,
                                  &reset_value<F>, nullptr, nullptr};
};

// ---- enumerations ------------------------------------------------------------------------

/// "one of \"a\", \"b\"": built once per enumeration, on its first unknown value (a thread-safe
/// static), since a response with many unknown values would otherwise quote every spelling
/// again for each of them. Never destroyed, so that a decode run by another static object's
/// destructor at exit still finds it.
CONFORM_COLD inline std::string const* new_one_of(std::string_view const* values,
                                                  std::size_t count) {
  auto* text = new std::string;
  append_one_of(*text, values, count);
  return text;
}
template <class E>
CONFORM_COLD std::string const& enum_expected() {
  static constexpr auto spellings = enum_spellings<E>();
  static std::string const& text = *new_one_of(spellings.data(), spellings.size());
  return text;
}

// One function for every enumeration: it receives the enumeration's expectation as a function.
CONFORM_COLD inline void report_unknown_enum(decoder& d, severity level, std::string_view text,
                                             std::string const& (*expected)()) {
  std::string found;
  append_quoted(found, text);
  d.report_value(error::unknown_enum_value, level, expected(), std::move(found));
}

template <class E>
void unknown_enum(decoder& d, severity level, std::string_view text) {
  report_unknown_enum(d, level, text, &enum_expected<E>);
}

template <class E>
struct ops_for<E, std::enable_if_t<is_described_enum_v<E>>> {
  static bool assign(decoder& d, void* p, scalar const& s) {
    if (CONFORM_UNLIKELY(s.k != scalar::kind::string)) {
      d.type_mismatch(value.expected, s);
      return false;
    }
    if (auto e = enum_from_string<E>(s.text)) {
      *static_cast<E*>(p) = *e;
      return true;
    }
    unknown_enum<E>(d, severity::error, s.text);
    return false;
  }
  static constexpr type_ops value{"a string (enumeration)", &assign, &no_object, &no_array,
                                  &reset_value<E>,          nullptr, nullptr};
};

template <class E>
struct ops_for<open_enum<E>> {
  static bool assign(decoder& d, void* p, scalar const& s) {
    if (CONFORM_UNLIKELY(s.k != scalar::kind::string)) {
      d.type_mismatch(value.expected, s);
      return false;
    }
    auto& target = *static_cast<open_enum<E>*>(p);
    target = open_enum<E>::from_string(s.text);
    if (!target.is_known()) {
      unknown_enum<E>(d,
                      d.options().unknown_open_enum_values == open_enum_policy::error
                          ? severity::error
                          : severity::warning,
                      s.text);
    }
    return true; // the raw value is kept either way
  }
  static constexpr type_ops value{"a string (open enumeration)", &assign, &no_object, &no_array,
                                  &reset_value<open_enum<E>>,    nullptr, nullptr};
};

// ---- optional ----------------------------------------------------------------------------

template <class U>
struct ops_for<std::optional<U>> {
  static_assert(!is_optional<U>::value,
                "conform: std::optional<std::optional<T>> is not supported");
  using opt = std::optional<U>;
  static void* engage(void* p) {
    auto& o = *static_cast<opt*>(p);
    if (CONFORM_UNLIKELY(o.has_value())) {
      // Engaged already only when decode_into recycles an object (a repeated key was reset
      // first): the value is kept, storage and all, and what follows overwrites it, or the
      // decoder resets what this document leaves unset.
      return &*o;
    }
    return &o.emplace(); // known to be empty here: its destructor call is dropped
  }
  CONFORM_COLD static void disengage(void* p) { static_cast<opt*>(p)->reset(); }
  // assign is unused: the decoder unwraps optionals itself (decoder::assign, begin_container).
  static constexpr type_ops value{ops_for<U>::value.expected,
                                  &unused_assign,
                                  &no_object,
                                  &no_array,
                                  &disengage,
                                  ops_of<U>(),
                                  &engage,
                                  std::is_same_v<U, std::string> ? direct_store::optional_string
                                                                 : direct_store::none};
};

// ---- vector ------------------------------------------------------------------------------

template <class U, class A>
struct ops_for<std::vector<U, A>> {
  using vec = std::vector<U, A>;
  static void* emplace(void* p) {
    auto& v = *static_cast<vec*>(p);
    if (v.capacity() == 0) {
      v.reserve(4); // arrays in responses are mostly short: skip the 1, 2, 4 regrowth
    }
    return &v.emplace_back();
  }
  static void pop(void* p) { static_cast<vec*>(p)->pop_back(); }
  static void reserve(void* p, std::size_t n) { static_cast<vec*>(p)->reserve(n); }
  CONFORM_COLD static void* recycle(void* p, std::size_t i) {
    auto& v = *static_cast<vec*>(p);
    return i < v.size() ? &v[i] : emplace(p);
  }
  // pop_back rather than resize or erase, which would compile U's default construction or
  // move assignment into every vector type.
  CONFORM_COLD static void truncate(void* p, std::size_t n) {
    auto& v = *static_cast<vec*>(p);
    while (v.size() > n) {
      v.pop_back();
    }
  }
  static constexpr array_desc desc{ops_of<U>(), &emplace, &pop, &reserve, &recycle, &truncate};
  static array_desc const* descriptor() noexcept { return &desc; }
  // The decoder pushes the array itself (type_ops::array).
  static constexpr type_ops value{array_expected,    &array_assign, &no_object, &no_array,
                                  &reset_value<vec>, nullptr,       nullptr,    direct_store::none,
                                  nullptr,           &descriptor};
};

// ---- map ---------------------------------------------------------------------------------

template <class U, class C, class A>
struct ops_for<std::map<std::string, U, C, A>> {
  using map = std::map<std::string, U, C, A>;
  static void* emplace(void* p, std::string_view key, std::string const** stored, bool* inserted) {
    auto& m = *static_cast<map*>(p);
    auto r = m.try_emplace(std::string(key));
    *stored = &r.first->first;
    *inserted = r.second;
    return &r.first->second;
  }
  static void erase(void* p, std::string const* key) {
    if (key != nullptr) {
      static_cast<map*>(p)->erase(*key);
    }
  }
  CONFORM_COLD static void clear(void* p) { static_cast<map*>(p)->clear(); }
  static constexpr map_desc desc{ops_of<U>(), &emplace, &erase, &clear};
  static bool begin_object(decoder& d, void* p) {
    d.push_map(p, &desc);
    return true;
  }
  static constexpr type_ops value{map_expected,      &map_assign, &begin_object, &no_array,
                                  &reset_value<map>, nullptr,     nullptr};
};

// ---- described structs -------------------------------------------------------------------

template <std::size_t N>
struct perfect_hash {
  std::uint32_t seed = 0;
  std::uint32_t mask = 0;
  bool full = false; // every byte is hashed (see key_hash.hpp)
  bool found = false;
  std::array<std::int8_t, 256> slots{};
};

// The search runs in the compiler's constant evaluator, which is slow: each key's words
// (constexpr_words, the compile-time twin of key_hash's runtime_words) are read once, not
// once per seed and per pair, and a failed seed clears only the slots of the table tried.
template <std::size_t N>
constexpr bool try_seeds(std::array<std::string_view, N> const& keys,
                         std::array<key_words, N> const& words, perfect_hash<N>& out,
                         std::size_t size, bool full, std::uint32_t seeds) {
  for (std::uint32_t seed = 0; seed < seeds; ++seed) {
    for (std::size_t s = 0; s < size; ++s) {
      out.slots[s] = -1;
    }
    bool ok = true;
    for (std::size_t i = 0; i < N && ok; ++i) {
      std::uint32_t h =
          (full ? full_hash(keys[i], seed) : mix_words(words[i], seed)) & std::uint32_t(size - 1);
      if (out.slots[h] != -1) {
        ok = false;
      } else {
        out.slots[h] = static_cast<std::int8_t>(i);
      }
    }
    if (ok) {
      out.seed = seed;
      out.mask = std::uint32_t(size - 1);
      out.full = full;
      out.found = true;
      return true;
    }
  }
  return false;
}

/// Finds, at compile time, a seed under which every key lands in its own slot. With a table
/// of at least 4N slots and a well-mixed hash a seed is found within a few dozen tries.
template <std::size_t N>
constexpr perfect_hash<N> make_perfect_hash(std::array<std::string_view, N> const& keys) {
  perfect_hash<N> out{};
  for (auto& s : out.slots) {
    s = -1; // the slots past the table found stay unused
  }
  std::array<key_words, N> words{};
  for (std::size_t i = 0; i < N; ++i) {
    words[i] = constexpr_words(keys[i]);
  }
  // The fast hash cannot separate keys with equal words; then only the full hash can.
  bool separable = true;
  for (std::size_t i = 0; i < N && separable; ++i) {
    for (std::size_t j = i + 1; j < N && separable; ++j) {
      separable = !(words[i] == words[j]);
    }
  }
  std::size_t size = 8;
  while (size < 4 * N) {
    size *= 2;
  }
  for (; size <= 256; size *= 2) {
    if ((separable && try_seeds(keys, words, out, size, false, 256)) ||
        try_seeds(keys, words, out, size, true, 256)) {
      return out;
    }
  }
  return out;
}

template <class T, class D>
void* member_address(void* object) {
  return &(static_cast<T*>(object)->*D::pointer);
}

template <class T>
struct struct_ops {
  using members = public_members<T>;
  static constexpr std::size_t count = boost::mp11::mp_size<members>::value;
  static_assert(count <= 64, "conform: a described struct may have at most 64 members");

  template <class D>
  using member_type =
      std::remove_cv_t<std::remove_reference_t<decltype(std::declval<T&>().*D::pointer)>>;

  // The names, and the members that are required (every one but the std::optionals), in one
  // pass: a second mp_for_each for the mask cost the decoding unit 0.1 billion compiler
  // instructions (of 40), a fold over the indices 0.3.
  struct member_facts {
    std::array<std::string_view, count> names{};
    std::uint64_t required = 0;
  };
  static constexpr member_facts make_facts() noexcept {
    member_facts out{};
    std::size_t i = 0;
    boost::mp11::mp_for_each<members>([&](auto d) {
      out.names[i] = d.name;
      if (!is_optional<member_type<decltype(d)>>::value) {
        out.required |= std::uint64_t(1) << i;
      }
      ++i;
    });
    return out;
  }
  static constexpr member_facts facts = make_facts();
  static constexpr std::array<std::string_view, count> names = facts.names;
  static constexpr perfect_hash<count> hash = make_perfect_hash<count>(names);
  static_assert(count == 0 || hash.found,
                "conform: no perfect hash for this struct's member names (please report)");

  template <std::size_t... Is>
  static constexpr std::array<member_desc, count> make_members(std::index_sequence<Is...>) {
    return {{make_member<boost::mp11::mp_at_c<members, Is>>()...}};
  }
  template <class D>
  static constexpr member_desc make_member() {
    using M = member_type<D>;
    return member_desc{ops_of<M>(), &member_address<T, D>, member_rule_set<T, D::pointer, M>()};
  }
  static constexpr std::array<member_desc, count> member_table =
      make_members(std::make_index_sequence<count>());

  static constexpr struct_desc desc{detail::type_name<T>(),
                                    member_table.data(),
                                    static_cast<std::uint32_t>(count),
                                    facts.required,
                                    hash.seed,
                                    hash.mask,
                                    hash.full,
                                    hash.slots.data(),
                                    names.data(),
                                    type_rules_checker<T>()};
};

template <class T>
struct ops_for<T, std::enable_if_t<is_described_struct_v<T>>> {
  static struct_desc const* descriptor() noexcept { return &struct_ops<T>::desc; }
  // The decoder pushes the struct itself (type_ops::structure).
  static constexpr type_ops value{object_expected, &object_assign,     &no_object,
                                  &no_array,       &reset_value<T>,    nullptr,
                                  nullptr,         direct_store::none, &descriptor};
};

/// The root slot of a decode into `value`.
template <class T>
slot root_slot(T& value) noexcept {
  static_assert(!std::is_const_v<T>, "conform: cannot decode into a const object");
  return slot{&value, ops_of<T>(), rule_set_for<T, rules<>>::get_constexpr()};
}

} // namespace conform::detail

#endif // CONFORM_DETAIL_TYPE_OPS_HPP
