// conform_bench and conform_profile_loop: the empty Boost.JSON handler of boost.sax_null.
// Every event is accepted and dropped; the limits are open, so basic_parser does all of its
// own work (syntax, UTF-8, numbers) and nothing else: the ceiling of any decoder built on it.
#ifndef CONFORM_BENCH_NULL_HANDLER_HPP
#define CONFORM_BENCH_NULL_HANDLER_HPP

#include <boost/json/basic_parser_impl.hpp>

#include <cstddef>
#include <cstdint>

namespace conform_bench {

struct null_handler {
  using ec_t = boost::system::error_code;
  using sv = boost::json::string_view;
  static constexpr std::size_t max_object_size = std::size_t(-1);
  static constexpr std::size_t max_array_size = std::size_t(-1);
  static constexpr std::size_t max_key_size = std::size_t(-1);
  static constexpr std::size_t max_string_size = std::size_t(-1);
  bool on_document_begin(ec_t&) { return true; }
  bool on_document_end(ec_t&) { return true; }
  bool on_object_begin(ec_t&) { return true; }
  bool on_object_end(std::size_t, ec_t&) { return true; }
  bool on_array_begin(ec_t&) { return true; }
  bool on_array_end(std::size_t, ec_t&) { return true; }
  bool on_key_part(sv, std::size_t, ec_t&) { return true; }
  bool on_key(sv, std::size_t, ec_t&) { return true; }
  bool on_string_part(sv, std::size_t, ec_t&) { return true; }
  bool on_string(sv, std::size_t, ec_t&) { return true; }
  bool on_number_part(sv, ec_t&) { return true; }
  bool on_int64(std::int64_t, sv, ec_t&) { return true; }
  bool on_uint64(std::uint64_t, sv, ec_t&) { return true; }
  bool on_double(double, sv, ec_t&) { return true; }
  bool on_bool(bool, ec_t&) { return true; }
  bool on_null(ec_t&) { return true; }
  bool on_comment_part(sv, ec_t&) { return true; }
  bool on_comment(sv, ec_t&) { return true; }
};

} // namespace conform_bench

#endif // CONFORM_BENCH_NULL_HANDLER_HPP
