// conform: open enumerations, for value sets the specification says may change
// ("may be added, changed, or deleted"). A known value decodes to the enumerator; an unknown
// one keeps its raw text and is reported as unknown_enum_value with warning severity (error
// under decode_options::unknown_open_enum_values = error), so new server values never lose data.
#ifndef CONFORM_OPEN_ENUM_HPP
#define CONFORM_OPEN_ENUM_HPP

#include <conform/config.hpp>
#include <conform/enum_spelling.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace conform {

/** A described enum E, or the raw text of a value E does not know. */
template <class E>
class open_enum {
  static_assert(is_described_enum_v<E>, "conform::open_enum<E>: E must be a described enum");

public:
  using enum_type = E;

  /// The first enumerator.
  open_enum() noexcept : known_(detail::enum_table<E>::entries[0].value) {}
  /// A known value.
  open_enum(E value) noexcept : known_(value) {}

  /// The value spelled `text`: known when E has it, otherwise the raw text is kept.
  static open_enum from_string(std::string_view text) {
    open_enum out;
    if (auto e = enum_from_string<E>(text)) {
      out.known_ = *e;
    } else {
      out.known_.reset();
      out.raw_.assign(text.data(), text.size());
    }
    return out;
  }

  /// True when the value is one of E's enumerators.
  bool is_known() const noexcept { return known_.has_value(); }
  /// The enumerator, or std::nullopt for an unknown value.
  std::optional<E> known() const noexcept { return known_; }
  /// The JSON spelling: the enumerator's, or the raw unknown text.
  std::string_view str() const noexcept { return known_ ? enum_to_string(*known_) : raw_; }

  friend bool operator==(open_enum const& a, open_enum const& b) noexcept {
    return a.known_ == b.known_ && (a.known_ || a.raw_ == b.raw_);
  }
  friend bool operator!=(open_enum const& a, open_enum const& b) noexcept { return !(a == b); }
  friend bool operator==(open_enum const& a, E b) noexcept { return a.known_ == b; }
  friend bool operator!=(open_enum const& a, E b) noexcept { return !(a == b); }

private:
  std::optional<E> known_;
  std::string raw_;
};

namespace detail {
template <class T>
struct is_open_enum : std::false_type {};
template <class E>
struct is_open_enum<open_enum<E>> : std::true_type {};
} // namespace detail

} // namespace conform

#endif // CONFORM_OPEN_ENUM_HPP
