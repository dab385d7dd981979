// Test and benchmark support: every replaceable form of the global operator new and delete
// (C++17: plain, array, nothrow, aligned, sized), defined in terms of three functions that the
// one translation unit including this header provides, before including it:
//
//     namespace replace_global_new {
//     void* allocate(std::size_t n) noexcept;                          // null: no memory
//     void* allocate_aligned(std::size_t n, std::align_val_t a) noexcept; // likewise
//     void release(void* p) noexcept;                                  // p may be null
//     }
//
// The throwing forms throw std::bad_alloc for a null. Included by
// tests/support/failing_allocation.cpp (allocation failure on demand) and
// benchmarks/bench_alloc.cpp (allocation counting): one list of the forms, so that neither
// program misses one and lets some allocations bypass its hooks. Such a file must be a
// translation unit of its own: were these inlined into callers, g++ would see free() applied
// to the result of operator new and warn (-Wmismatched-new-delete).
#ifndef CONFORM_TESTS_SUPPORT_REPLACE_GLOBAL_NEW_HPP
#define CONFORM_TESTS_SUPPORT_REPLACE_GLOBAL_NEW_HPP

#include <cstddef>
#include <new>

void* operator new(std::size_t n) {
  if (void* p = replace_global_new::allocate(n)) {
    return p;
  }
  throw std::bad_alloc();
}
void* operator new[](std::size_t n) {
  if (void* p = replace_global_new::allocate(n)) {
    return p;
  }
  throw std::bad_alloc();
}
void* operator new(std::size_t n, std::nothrow_t const&) noexcept {
  return replace_global_new::allocate(n);
}
void* operator new[](std::size_t n, std::nothrow_t const&) noexcept {
  return replace_global_new::allocate(n);
}
void* operator new(std::size_t n, std::align_val_t a) {
  if (void* p = replace_global_new::allocate_aligned(n, a)) {
    return p;
  }
  throw std::bad_alloc();
}
void* operator new[](std::size_t n, std::align_val_t a) {
  if (void* p = replace_global_new::allocate_aligned(n, a)) {
    return p;
  }
  throw std::bad_alloc();
}
void* operator new(std::size_t n, std::align_val_t a, std::nothrow_t const&) noexcept {
  return replace_global_new::allocate_aligned(n, a);
}
void* operator new[](std::size_t n, std::align_val_t a, std::nothrow_t const&) noexcept {
  return replace_global_new::allocate_aligned(n, a);
}
void operator delete(void* p) noexcept {
  replace_global_new::release(p);
}
void operator delete[](void* p) noexcept {
  replace_global_new::release(p);
}
void operator delete(void* p, std::size_t) noexcept {
  replace_global_new::release(p);
}
void operator delete[](void* p, std::size_t) noexcept {
  replace_global_new::release(p);
}
void operator delete(void* p, std::nothrow_t const&) noexcept {
  replace_global_new::release(p);
}
void operator delete[](void* p, std::nothrow_t const&) noexcept {
  replace_global_new::release(p);
}
void operator delete(void* p, std::align_val_t) noexcept {
  replace_global_new::release(p);
}
void operator delete[](void* p, std::align_val_t) noexcept {
  replace_global_new::release(p);
}
void operator delete(void* p, std::size_t, std::align_val_t) noexcept {
  replace_global_new::release(p);
}
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept {
  replace_global_new::release(p);
}
void operator delete(void* p, std::align_val_t, std::nothrow_t const&) noexcept {
  replace_global_new::release(p);
}
void operator delete[](void* p, std::align_val_t, std::nothrow_t const&) noexcept {
  replace_global_new::release(p);
}

#endif // CONFORM_TESTS_SUPPORT_REPLACE_GLOBAL_NEW_HPP
