// conform: the stable diagnostic codes, their severities and their registration as a
// std::error_category (the boost::system one is in <conform/boost_error_code.hpp>, since
// Boost.System's headers would add a few percent to the compile time of every decoder).
// Nothing here knows about JSON text or types.
#ifndef CONFORM_ERROR_HPP
#define CONFORM_ERROR_HPP

#include <conform/config.hpp>

#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>

namespace conform {

/** The stable code of a diagnostic.

    The enumerator names are the stable, machine-readable spelling (see `to_string`): scripts,
    CI filters and the command line's JSON output use them. New codes are only ever appended.
*/
enum class error {
  // text
  /// The input is not JSON (RFC 8259): malformed, truncated, trailing data, bad UTF-8.
  syntax_error = 1,
  // structure and types
  /// The JSON kind of a value does not match the member (e.g. a string where an integer belongs).
  type_mismatch,
  /// A required member is absent.
  missing_member,
  /// A member the schema does not know (a warning by default; see decode_options).
  unknown_member,
  /// The same key appears twice in one object.
  duplicate_key,
  // numbers
  /// A number outside the declared range, or not finite (1e400).
  out_of_range,
  /// An integer that does not fit the member's width (int32, int64).
  integer_overflow,
  /// A number with a fraction or an exponent where an integer belongs.
  not_integer,
  // strings and values
  /// A string (or array) whose length is outside the declared bounds.
  length_out_of_range,
  /// A string holding a character outside the declared character set.
  invalid_character,
  /// A string that is not one of the enumeration's values.
  unknown_enum_value,
  /// A value that breaks a declared predicate (prefix, allowed set, ...).
  invalid_value,
  /// A rule relating several members of one object is broken.
  cross_member_rule,
  // limits
  /// A resource limit of decode_options was reached (depth, bytes, sizes).
  limit_exceeded,
  /// More diagnostics than decode_options::max_diagnostics; the rest were counted, not kept.
  too_many_diagnostics,
  /// Memory ran out while decoding; std::bad_alloc was caught and turned into this diagnostic.
  out_of_memory,
};

/// Groups of codes, for callers that care about the kind of problem, not the detail.
enum class condition {
  /// The text is not JSON.
  syntax = 1,
  /// The JSON does not have the schema's shape (types, members, keys).
  schema,
  /// A value or a relation between values breaks a declared constraint.
  constraint,
  /// A resource limit stopped or truncated the work.
  limit,
};

/// How serious a diagnostic is. Only errors make a document invalid.
enum class severity : unsigned char { error, warning };

/// The stable spelling of a code, e.g. "out_of_range". Never changes once released.
constexpr std::string_view to_string(error e) noexcept {
  switch (e) {
  case error::syntax_error:
    return "syntax_error";
  case error::type_mismatch:
    return "type_mismatch";
  case error::missing_member:
    return "missing_member";
  case error::unknown_member:
    return "unknown_member";
  case error::duplicate_key:
    return "duplicate_key";
  case error::out_of_range:
    return "out_of_range";
  case error::integer_overflow:
    return "integer_overflow";
  case error::not_integer:
    return "not_integer";
  case error::length_out_of_range:
    return "length_out_of_range";
  case error::invalid_character:
    return "invalid_character";
  case error::unknown_enum_value:
    return "unknown_enum_value";
  case error::invalid_value:
    return "invalid_value";
  case error::cross_member_rule:
    return "cross_member_rule";
  case error::limit_exceeded:
    return "limit_exceeded";
  case error::too_many_diagnostics:
    return "too_many_diagnostics";
  case error::out_of_memory:
    return "out_of_memory";
  }
  return "unknown";
}

/// The stable spelling of a severity: "error" or "warning".
constexpr std::string_view to_string(severity s) noexcept {
  return s == severity::error ? "error" : "warning";
}

/// A short, lower-case description of a code, without a trailing period.
constexpr std::string_view describe(error e) noexcept {
  switch (e) {
  case error::syntax_error:
    return "invalid JSON";
  case error::type_mismatch:
    return "wrong type";
  case error::missing_member:
    return "missing member";
  case error::unknown_member:
    return "unknown member";
  case error::duplicate_key:
    return "duplicate key";
  case error::out_of_range:
    return "number out of range";
  case error::integer_overflow:
    return "integer does not fit";
  case error::not_integer:
    return "not an integer";
  case error::length_out_of_range:
    return "length out of range";
  case error::invalid_character:
    return "invalid character";
  case error::unknown_enum_value:
    return "unknown enumeration value";
  case error::invalid_value:
    return "invalid value";
  case error::cross_member_rule:
    return "members violate a rule";
  case error::limit_exceeded:
    return "limit exceeded";
  case error::too_many_diagnostics:
    return "too many diagnostics";
  case error::out_of_memory:
    return "out of memory";
  }
  return "unknown error";
}

/// The group a code belongs to.
constexpr condition condition_of(error e) noexcept {
  switch (e) {
  case error::syntax_error:
    return condition::syntax;
  case error::type_mismatch:
  case error::missing_member:
  case error::unknown_member:
  case error::duplicate_key:
    return condition::schema;
  case error::limit_exceeded:
  case error::too_many_diagnostics:
  case error::out_of_memory:
    return condition::limit;
  default:
    return condition::constraint;
  }
}

/// Every code, in declaration order (for tests, documentation and exporters).
inline constexpr error all_errors[] = {
    error::syntax_error,      error::type_mismatch,      error::missing_member,
    error::unknown_member,    error::duplicate_key,      error::out_of_range,
    error::integer_overflow,  error::not_integer,        error::length_out_of_range,
    error::invalid_character, error::unknown_enum_value, error::invalid_value,
    error::cross_member_rule, error::limit_exceeded,     error::too_many_diagnostics,
    error::out_of_memory,
};

namespace detail {

/// Whether `ev` is the value of one of the codes (a std::error_code can hold any int).
constexpr bool is_error_value(int ev) noexcept {
  return ev >= static_cast<int>(error::syntax_error) &&
         ev <= static_cast<int>(error::out_of_memory);
}

// The std::error_category through which Boost.System presents conform's boost::system
// category: a boost::system::error_code converts to a std::error_code of that category
// (Boost's own wrapper), which the condition category has to recognise as conform's, or
// `boost_code == conform::condition::limit` would never hold. boost_error_code.hpp records
// it when its category is first used, so before any code of that category exists. The
// compiler's atomic builtins (conform is built with g++ and clang only, whose builtins the
// decoder uses too) keep the first use and a concurrent comparison free of a data race
// without <atomic> in a header that every decoder includes.
inline std::error_category const* boost_std_category = nullptr;
inline std::error_category const* recorded_boost_std_category() noexcept {
  return __atomic_load_n(&boost_std_category, __ATOMIC_ACQUIRE);
}
inline void record_boost_std_category(std::error_category const& category) noexcept {
  __atomic_store_n(&boost_std_category, &category, __ATOMIC_RELEASE);
}

// The messages are describe()'s text, as they are for the boost::system category.
class std_error_category final : public std::error_category {
public:
  const char* name() const noexcept override { return "conform"; }
  std::string message(int ev) const override {
    return std::string(describe(static_cast<error>(ev)));
  }
  std::error_condition default_error_condition(int ev) const noexcept override;
};

class std_condition_category final : public std::error_category {
public:
  const char* name() const noexcept override { return "conform.condition"; }
  std::string message(int ev) const override {
    switch (static_cast<condition>(ev)) {
    case condition::syntax:
      return "the text is not JSON";
    case condition::schema:
      return "the JSON does not match the schema";
    case condition::constraint:
      return "a value breaks a constraint";
    case condition::limit:
      return "a resource limit was reached";
    }
    return "unknown condition";
  }
  // A code of conform's std category, or of its boost::system category converted to a
  // std::error_code, is equivalent to its code's condition; no other code is.
  bool equivalent(std::error_code const& code, int cond) const noexcept override;
};

inline std_error_category const& std_category_instance() noexcept {
  static std_error_category const instance;
  return instance;
}
inline std_condition_category const& std_condition_instance() noexcept {
  static std_condition_category const instance;
  return instance;
}

// A value that is no code (0 among them: no error) has no condition of conform's: the
// default, the value in this category, as std::error_category's own.
inline std::error_condition std_error_category::default_error_condition(int ev) const noexcept {
  if (!is_error_value(ev)) {
    return std::error_condition(ev, *this);
  }
  return std::error_condition(static_cast<int>(condition_of(static_cast<error>(ev))),
                              std_condition_instance());
}

inline bool std_condition_category::equivalent(std::error_code const& code,
                                               int cond) const noexcept {
  std::error_category const* boost = recorded_boost_std_category();
  bool const ours =
      code.category() == std_category_instance() || (boost != nullptr && code.category() == *boost);
  return ours && is_error_value(code.value()) &&
         static_cast<int>(condition_of(static_cast<error>(code.value()))) == cond;
}

} // namespace detail

/// The std::error_category of conform's codes.
inline std::error_category const& error_category() noexcept {
  return detail::std_category_instance();
}

/// The std::error_category of conform's conditions.
inline std::error_category const& condition_category() noexcept {
  return detail::std_condition_instance();
}

/// Makes `std::error_code ec = conform::error::out_of_range;` work.
inline std::error_code make_error_code(error e) noexcept {
  return std::error_code(static_cast<int>(e), error_category());
}

/// Makes `ec == conform::condition::constraint` work.
inline std::error_condition make_error_condition(condition c) noexcept {
  return std::error_condition(static_cast<int>(c), condition_category());
}

} // namespace conform

template <>
struct std::is_error_code_enum<conform::error> : std::true_type {};

template <>
struct std::is_error_condition_enum<conform::condition> : std::true_type {};

#endif // CONFORM_ERROR_HPP
