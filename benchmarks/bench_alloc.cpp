// conform_bench: allocation counting. Global operator new/delete are replaced for the whole
// process (Boost.JSON and the benchmark library included) by malloc/free plus a counter that
// is only active during the measuring pass of run() (bench.hpp). Sizes come from
// malloc_usable_size, so no header is added to blocks and timed passes allocate exactly as
// they would without this file: the only cost while timing is one predictable branch per
// call. The benchmarks are single-threaded, so the counters are plain integers.
// A translation unit of its own: were these inlined into their callers, g++ would see
// free() applied to the result of operator new and warn (-Wmismatched-new-delete).
#include "bench.hpp"

#include <cstdlib>
#include <new>

#include <malloc.h>

namespace {
bool counting = false;
std::int64_t live = 0;
std::int64_t peak = 0;
std::int64_t count = 0;

void note_new(void* p) noexcept {
  if (counting && p) {
    live += static_cast<std::int64_t>(malloc_usable_size(p));
    ++count;
    if (live > peak) {
      peak = live;
    }
  }
}
void note_delete(void* p) noexcept {
  if (counting && p) {
    // A block allocated before begin() lowers `live` below zero; the peak is unaffected.
    live -= static_cast<std::int64_t>(malloc_usable_size(p));
  }
}
} // namespace

// The hooks of replace_global_new.hpp.
namespace replace_global_new {
void* allocate(std::size_t n) noexcept {
  void* p = std::malloc(n ? n : 1);
  note_new(p);
  return p;
}
void* allocate_aligned(std::size_t n, std::align_val_t al) noexcept {
  std::size_t a = static_cast<std::size_t>(al);
  if (a < sizeof(void*)) {
    a = sizeof(void*);
  }
  // aligned_alloc wants a size that is a multiple of the alignment.
  void* p = std::aligned_alloc(a, ((n ? n : 1) + a - 1) / a * a);
  note_new(p);
  return p;
}
void release(void* p) noexcept {
  note_delete(p);
  std::free(p);
}
} // namespace replace_global_new

#include "../tests/support/replace_global_new.hpp"

namespace conform_bench {

namespace alloc {
void begin() noexcept {
  live = 0;
  peak = 0;
  count = 0;
  counting = true;
}
sample end() noexcept {
  counting = false;
  return sample{peak, count};
}
} // namespace alloc

} // namespace conform_bench
