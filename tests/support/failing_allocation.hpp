// Test support: allocation failure on demand. Linking tests/support/failing_allocation.cpp
// into a test program replaces the global operator new and delete (every form) for the whole
// program with malloc and free plus a counter, so that a test can make one chosen allocation
// fail, or every allocation from a chosen one on, and see what the code under test does with
// the std::bad_alloc (or, for the nothrow forms, the null pointer). Unarmed, the counter only
// counts. It may be armed while other threads allocate (they are counted and fail alike), but
// only one thread arms it.
#ifndef CONFORM_TESTS_SUPPORT_FAILING_ALLOCATION_HPP
#define CONFORM_TESTS_SUPPORT_FAILING_ALLOCATION_HPP

#include <cstddef>

namespace conform_test::allocation {

/// How an armed counter fails.
enum class failure {
  once,      ///< only the chosen allocation fails: a transient shortage
  from_then, ///< the chosen allocation and every later one fail: memory is exhausted
};

/// Counts allocations from zero; the one numbered `n` (0-based) fails as `how` says.
void fail_at(std::size_t n, failure how) noexcept;
/// Counts allocations from zero and fails none.
void count_only() noexcept;
/// Allocations (attempted, failed ones included) since fail_at or count_only.
std::size_t attempts() noexcept;
/// Allocations made to fail since fail_at.
std::size_t failures() noexcept;

/// Arms fail_at for its lifetime and disarms (count_only) at its end, also when a check
/// throws.
class failing_scope {
public:
  failing_scope(std::size_t n, failure how) noexcept { fail_at(n, how); }
  ~failing_scope() { count_only(); }
  failing_scope(failing_scope const&) = delete;
  failing_scope& operator=(failing_scope const&) = delete;
};

} // namespace conform_test::allocation

#endif // CONFORM_TESTS_SUPPORT_FAILING_ALLOCATION_HPP
