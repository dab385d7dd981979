// conform: writes a decoded value back to JSON text, so that decode(encode(x)) == x.
// Absent optionals are omitted, enums use their JSON spelling, open enums their raw text,
// doubles the shortest text that reads back exactly. It never writes Infinity or NaN
// (Boost 1.81's serializer does): a non-finite double is written as null.
#ifndef CONFORM_ENCODE_HPP
#define CONFORM_ENCODE_HPP

#include <conform/config.hpp>
#include <conform/detail/text.hpp>
#include <conform/enum_spelling.hpp>
#include <conform/open_enum.hpp>
#include <conform/schema.hpp>

#include <boost/describe/members.hpp>
#include <boost/mp11/algorithm.hpp>

#include <cmath>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace conform {

/// Layout of encoded text.
struct encode_options {
  /// Spaces per nesting level; 0 writes everything on one line without spaces.
  std::size_t indent = 0;
};

namespace detail {

class encoder {
public:
  encoder(std::string& out, encode_options const& options) : out_(out), options_(options) {}

  template <class T>
  void write(T const& v) {
    if constexpr (std::is_same_v<T, std::string>) {
      append_json_string(out_, v);
    } else if constexpr (std::is_same_v<T, bool>) {
      out_ += v ? "true" : "false";
    } else if constexpr (std::is_integral_v<T>) {
      append_integer(out_, v);
    } else if constexpr (std::is_floating_point_v<T>) {
      if (v == 0 && std::signbit(v)) {
        out_ += "-0.0"; // "-0" would read back as the integer 0 and lose the sign
      } else if (std::isfinite(v)) {
        append_double(out_, static_cast<double>(v));
      } else {
        out_ += "null";
      }
    } else if constexpr (is_described_enum_v<T>) {
      append_json_string(out_, enum_to_string(v));
    } else if constexpr (is_open_enum<T>::value) {
      append_json_string(out_, v.str());
    } else if constexpr (is_optional<T>::value) {
      if (v) {
        write(*v);
      } else {
        out_ += "null";
      }
    } else if constexpr (is_vector<T>::value) {
      out_.push_back('[');
      ++depth_;
      bool first = true;
      for (auto const& e : v) {
        separator(first);
        write(e);
      }
      --depth_;
      close(first, ']');
    } else if constexpr (is_string_map<T>::value) {
      out_.push_back('{');
      ++depth_;
      bool first = true;
      for (auto const& kv : v) {
        separator(first);
        append_json_string(out_, kv.first);
        colon();
        write(kv.second);
      }
      --depth_;
      close(first, '}');
    } else if constexpr (is_described_struct_v<T>) {
      out_.push_back('{');
      ++depth_;
      bool first = true;
      boost::mp11::mp_for_each<public_members<T>>([&](auto d) {
        auto const& m = v.*d.pointer;
        if constexpr (is_optional<std::remove_cv_t<std::remove_reference_t<decltype(m)>>>::value) {
          if (!m) {
            return;
          }
        }
        separator(first);
        append_json_string(out_, d.name);
        colon();
        write(m);
      });
      --depth_;
      close(first, '}');
    } else {
      static_assert(sizeof(T) == 0, "conform::encode: unsupported type");
    }
  }

private:
  void newline() {
    if (options_.indent != 0) {
      out_.push_back('\n');
      out_.append(depth_ * options_.indent, ' ');
    }
  }
  void separator(bool& first) {
    if (!first) {
      out_.push_back(',');
    }
    first = false;
    newline();
  }
  void colon() {
    out_.push_back(':');
    if (options_.indent != 0) {
      out_.push_back(' ');
    }
  }
  void close(bool empty, char c) {
    if (!empty) {
      newline();
    }
    out_.push_back(c);
  }

  std::string& out_;
  encode_options const& options_;
  std::size_t depth_ = 0;
};

} // namespace detail

/** Appends the JSON text of `value` to `out`.
    @par Exception safety Strong for `value`; `out` may hold a partial text after
    std::bad_alloc. */
template <class T>
void encode_to(std::string& out, T const& value, encode_options const& options = {}) {
  detail::encoder(out, options).write(value);
}

/// The JSON text of `value`.
template <class T>
std::string encode(T const& value, encode_options const& options = {}) {
  std::string out;
  encode_to(out, value, options);
  return out;
}

} // namespace conform

#endif // CONFORM_ENCODE_HPP
