// The counter of failing_allocation.hpp, and the hooks through which the replaced global
// operator new and delete (replace_global_new.hpp) consult it.
#include "failing_allocation.hpp"

#include <atomic>
#include <cstdlib>
#include <new>

namespace conform_test::allocation {
namespace {
// Atomics, for the programs whose threads allocate while a test has the counter armed (the
// command-line pipeline's workers): which allocation is the n-th is then up to the threads,
// but every one is counted once.
std::atomic<std::size_t> attempt_count{0};
std::atomic<std::size_t> failure_count{0};
std::atomic<std::size_t> fail_from{static_cast<std::size_t>(-1)};
std::atomic<bool> fail_once{false};

// Whether this allocation is to fail; counts it either way.
bool next_fails() noexcept {
  std::size_t const n = attempt_count.fetch_add(1, std::memory_order_relaxed);
  std::size_t const from = fail_from.load(std::memory_order_relaxed);
  bool const fails = fail_once.load(std::memory_order_relaxed) ? n == from : n >= from;
  if (fails) {
    failure_count.fetch_add(1, std::memory_order_relaxed);
  }
  return fails;
}
} // namespace

void fail_at(std::size_t n, failure how) noexcept {
  fail_from.store(static_cast<std::size_t>(-1)); // disarmed while the counts restart
  attempt_count.store(0);
  failure_count.store(0);
  fail_once.store(how == failure::once);
  fail_from.store(n);
}
void count_only() noexcept {
  fail_from.store(static_cast<std::size_t>(-1));
  attempt_count.store(0);
  failure_count.store(0);
}
std::size_t attempts() noexcept {
  return attempt_count.load();
}
std::size_t failures() noexcept {
  return failure_count.load();
}

} // namespace conform_test::allocation

// The hooks of replace_global_new.hpp.
namespace replace_global_new {
using conform_test::allocation::next_fails;

void* allocate(std::size_t n) noexcept {
  return next_fails() ? nullptr : std::malloc(n != 0 ? n : 1);
}
void* allocate_aligned(std::size_t n, std::align_val_t al) noexcept {
  if (next_fails()) {
    return nullptr;
  }
  std::size_t a = static_cast<std::size_t>(al);
  if (a < sizeof(void*)) {
    a = sizeof(void*);
  }
  // aligned_alloc wants a size that is a multiple of the alignment.
  return std::aligned_alloc(a, ((n != 0 ? n : 1) + a - 1) / a * a);
}
void release(void* p) noexcept {
  std::free(p);
}
} // namespace replace_global_new

#include "replace_global_new.hpp"
