// conform internals: the DOM front end. Walks a boost::json::value and feeds the decoder
// core the same events the text front end does, without offsets. The walk is recursive, and
// bounded because the decoder refuses a container past max_depth (skipped subtrees included),
// which ends the walk: a caller-built DOM can be arbitrarily deep.
#ifndef CONFORM_DETAIL_VALUE_SOURCE_HPP
#define CONFORM_DETAIL_VALUE_SOURCE_HPP

#include <conform/config.hpp>
#include <conform/detail/decoder.hpp>

#include <boost/json/value.hpp>

#include <string>
#include <string_view>

namespace conform::detail {

inline bool walk_value(decoder& d, boost::json::value const& v);

inline bool walk_object(decoder& d, boost::json::object const& o) {
  if (!d.object_begin(no_position)) {
    return false;
  }
  std::size_t const max_key = d.options().max_string_bytes;
  for (auto const& kv : o) {
    std::string_view key(kv.key().data(), kv.key().size());
    if (CONFORM_UNLIKELY(key.size() > max_key)) {
      return d.limit_reached(string_limit_expected(d.options()), string_limit_found(d.options()),
                             no_position, limit_site::container);
    }
    if (!d.key(key, no_position) || !walk_value(d, kv.value())) {
      return false;
    }
  }
  return d.object_end(no_position);
}

inline bool walk_array(decoder& d, boost::json::array const& a) {
  if (!d.array_begin(no_position, a.size())) {
    return false;
  }
  for (auto const& e : a) {
    if (!walk_value(d, e)) {
      return false;
    }
  }
  return d.array_end(no_position);
}

inline bool walk_value(decoder& d, boost::json::value const& v) {
  scalar s;
  switch (v.kind()) {
  case boost::json::kind::object:
    return walk_object(d, v.get_object());
  case boost::json::kind::array:
    return walk_array(d, v.get_array());
  case boost::json::kind::string: {
    auto const& str = v.get_string();
    if (CONFORM_UNLIKELY(str.size() > d.options().max_string_bytes)) {
      return d.limit_reached(string_limit_expected(d.options()), string_limit_found(d.options()),
                             no_position, limit_site::next_value);
    }
    s.k = scalar::kind::string;
    s.text = std::string_view(str.data(), str.size());
    break;
  }
  case boost::json::kind::int64:
    s.k = scalar::kind::int64;
    s.i = v.get_int64();
    break;
  case boost::json::kind::uint64:
    s.k = scalar::kind::uint64;
    s.u = v.get_uint64();
    break;
  case boost::json::kind::double_:
    s.k = scalar::kind::real;
    s.d = v.get_double();
    break;
  case boost::json::kind::bool_:
    s.k = scalar::kind::boolean;
    s.b = v.get_bool();
    break;
  case boost::json::kind::null:
    s.k = scalar::kind::null;
    break;
  }
  return d.value(s, no_position);
}

/// Runs the DOM front end over `v`, feeding `d`.
inline void decode_value(decoder& d, boost::json::value const& v) {
  walk_value(d, v);
}

} // namespace conform::detail

#endif // CONFORM_DETAIL_VALUE_SOURCE_HPP
