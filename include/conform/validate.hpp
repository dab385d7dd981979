// conform: checks an object built in C++ (not decoded) against the same constraints and
// cross-member rules the decoder applies, e.g. a request's path parameters or a value a test
// constructed. Type errors cannot exist in a typed object, so only constraint findings,
// unknown open-enum values, closed enumerations holding no enumerator, strings that are not
// UTF-8 and non-finite numbers are reported, with JSON Pointers.
#ifndef CONFORM_VALIDATE_HPP
#define CONFORM_VALIDATE_HPP

#include <conform/config.hpp>
#include <conform/decode_options.hpp>
#include <conform/detail/report_sink.hpp>
#include <conform/detail/rule_set.hpp>
#include <conform/detail/type_name.hpp>
#include <conform/detail/text.hpp>
#include <conform/diagnostic.hpp>
#include <conform/enum_spelling.hpp>
#include <conform/json_pointer.hpp>
#include <conform/open_enum.hpp>
#include <conform/schema.hpp>

#include <boost/core/type_name.hpp>
#include <boost/describe/members.hpp>
#include <boost/mp11/algorithm.hpp>

#include <cmath>
#include <string>
#include <string_view>
#include <type_traits>

namespace conform {

namespace detail {

class validator final : public report_sink {
public:
  validator(diagnostics& out, decode_options const& options) : out_(out), options_(options) {}

  template <class V>
  void value(V const& v, rule_set const* rules) {
    using U = typename unwrap_optional<V>::type;
    if constexpr (std::is_floating_point_v<U>) {
      // A non-finite number is one finding; its range constraints would only repeat it.
      U const* u = nullptr;
      if constexpr (is_optional<V>::value) {
        u = v ? &*v : nullptr;
      } else {
        u = &v;
      }
      if (u != nullptr && !std::isfinite(*u)) {
        add(error::out_of_range, severity::error, pointer_, "a finite number",
            *u != *u ? "NaN" : (*u > 0 ? "infinity" : "-infinity"));
        return;
      }
    }
    if constexpr (std::is_same_v<U, std::string>) {
      // Text that is not UTF-8 is one finding (encode could not write it as it is, and the
      // text front end would reject it); counting its characters for a rule means nothing.
      if constexpr (is_optional<V>::value) {
        if (v && !utf8_ok(*v, pointer_)) {
          return;
        }
      } else if (!utf8_ok(v, pointer_)) {
        return;
      }
    }
    if (rules != nullptr && rules->check != nullptr) {
      rules->check(*this, &v);
    }
    if constexpr (is_optional<V>::value) {
      if (v) {
        inner<U>(*v, rules != nullptr ? rules->each : nullptr);
      }
    } else {
      inner<U>(v, rules != nullptr ? rules->each : nullptr);
    }
  }

  void value_failed(error code, severity level, std::string expected, std::string found) override {
    add(code, level, pointer_, std::move(expected), std::move(found));
  }
  void member_failed(std::string_view member, error code, severity level, std::string expected,
                     std::string found) override {
    std::string p = pointer_;
    std::string saved = member_;
    if (!member.empty()) {
      append_pointer_key(p, member);
      member_ += "::";
      member_ += member;
    }
    add(code, level, std::move(p), std::move(expected), std::move(found));
    member_ = std::move(saved);
  }

  /// Closes the list: the too_many_diagnostics entry, when the cap was passed.
  void finish() {
    if (suppressed_errors_ + suppressed_warnings_ == 0) {
      return;
    }
    diagnostic d =
        too_many_entry(options_.max_diagnostics, suppressed_errors_, suppressed_warnings_);
    out_.items().push_back(std::move(d)); // counted already, one by one
  }

private:
  template <class U>
  void inner(U const& u, rule_set const* element_rules) {
    if constexpr (is_vector<U>::value) {
      for (std::size_t i = 0; i < u.size(); ++i) {
        std::size_t mark = pointer_.size();
        append_pointer_index(pointer_, i);
        value(u[i], element_rules);
        pointer_.resize(mark);
      }
    } else if constexpr (is_string_map<U>::value) {
      for (auto const& kv : u) {
        std::size_t mark = pointer_.size();
        append_pointer_key(pointer_, kv.first);
        if (utf8_ok(kv.first, pointer_)) { // a key that is not UTF-8: its entry is not checked
          value(kv.second, element_rules);
        }
        pointer_.resize(mark);
      }
    } else if constexpr (is_described_struct_v<U>) {
      std::string saved_member = member_;
      boost::mp11::mp_for_each<public_members<U>>([&](auto d) {
        using M = std::remove_cv_t<std::remove_reference_t<decltype(u.*d.pointer)>>;
        std::size_t mark = pointer_.size();
        append_pointer_key(pointer_, d.name);
        member_ = std::string(type_name<U>()) + "::" + d.name;
        value(u.*d.pointer, member_rule_set<U, d.pointer, M>());
        pointer_.resize(mark);
      });
      member_ = std::string(type_name<U>());
      // Asked of the runner, not of type_rules_checker<U>() != nullptr: g++ 12 with
      // -fsanitize=undefined no longer takes that comparison as a constant expression.
      if constexpr (!type_rules_runner<U, type_rules_t<U>>::empty) {
        type_rules_checker<U>()(*this, &u);
      }
      member_ = std::move(saved_member);
    } else if constexpr (is_described_enum_v<U>) {
      // A closed enumeration holding a value that names no enumerator (a cast, a memset):
      // encode would have no spelling to write for it.
      if (enum_to_string(u).empty()) {
        std::string expected;
        append_one_of(expected, enum_spellings<U>());
        std::string found = "the value ";
        append_integer(found, static_cast<std::underlying_type_t<U>>(u));
        found += ", which names no enumerator";
        add(error::invalid_value, severity::error, pointer_, std::move(expected), std::move(found));
      }
    } else if constexpr (is_open_enum<U>::value) {
      if (!u.is_known()) {
        std::string found;
        append_quoted(found, u.str());
        std::string expected;
        append_one_of(expected, enum_spellings<typename U::enum_type>());
        add(error::unknown_enum_value,
            options_.unknown_open_enum_values == open_enum_policy::error ? severity::error
                                                                         : severity::warning,
            pointer_, std::move(expected), std::move(found));
      }
    }
  }

  /// False (and one invalid_character finding at `pointer`) when `s` is not UTF-8.
  bool utf8_ok(std::string_view s, std::string const& pointer) {
    std::size_t bad = first_invalid_utf8(s);
    if (CONFORM_LIKELY(bad == std::string_view::npos)) {
      return true;
    }
    std::string found = "byte 0x";
    append_hex(found, static_cast<unsigned char>(s[bad]), 2);
    found += " at byte ";
    append_integer(found, bad);
    add(error::invalid_character, severity::error, pointer, "valid UTF-8", std::move(found));
    return false;
  }

  void add(error code, severity level, std::string pointer, std::string expected,
           std::string found) {
    if (out_.size() >= options_.max_diagnostics) {
      out_.count(level);
      ++(level == severity::error ? suppressed_errors_ : suppressed_warnings_);
      return;
    }
    diagnostic d;
    d.code = code;
    d.level = level;
    d.pointer = std::move(pointer);
    d.expected = std::move(expected);
    d.found = std::move(found);
    d.member = member_;
    out_.push_back(std::move(d));
  }

  diagnostics& out_;
  decode_options const& options_;
  std::string pointer_;
  std::string member_;
  std::size_t suppressed_errors_ = 0;
  std::size_t suppressed_warnings_ = 0;
};

} // namespace detail

/** Checks a typed object against its declared constraints and cross-member rules.

    @param value any type the decoder supports.
    @param options only max_diagnostics and unknown_open_enum_values matter here.
    @return the findings, in member order (offsets are unknown: line and column are 0).
    @par Exception safety Throws std::bad_alloc only.
*/
template <class T>
diagnostics validate(T const& value, decode_options const& options = {}) {
  diagnostics out;
  detail::validator v(out, options);
  v.value(value, detail::rule_set_for<T, rules<>>::get_constexpr());
  v.finish();
  return out;
}

} // namespace conform

#endif // CONFORM_VALIDATE_HPP
