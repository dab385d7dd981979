// conform internals: the narrow interface through which constraint checks and cross-member
// rules report a failure. The event decoder and validate() implement it, each with its own
// way of knowing where in the document the value is. Only failures cross it (virtual calls
// on the cold path), so checks cost nothing extra while values are valid.
#ifndef CONFORM_DETAIL_REPORT_SINK_HPP
#define CONFORM_DETAIL_REPORT_SINK_HPP

#include <conform/config.hpp>
#include <conform/error.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace conform::detail {

class report_sink {
public:
  /// A constraint on the current value failed.
  virtual void value_failed(error code, severity level, std::string expected,
                            std::string found) = 0;
  /// A cross-member rule of the object being finished failed; `member` is the blamed member
  /// (empty: the object itself).
  virtual void member_failed(std::string_view member, error code, severity level,
                             std::string expected, std::string found) = 0;
  /// Members of the object being finished whose value was rejected (bit i = member i): a
  /// cross-member rule about them is not checked, so that one defect makes one diagnostic.
  virtual std::uint64_t rejected_members() const noexcept { return 0; }

protected:
  ~report_sink() = default;
};

} // namespace conform::detail

#endif // CONFORM_DETAIL_REPORT_SINK_HPP
