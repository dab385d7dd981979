// conform: configuration, version and the few macros every header shares.
// This header owns nothing else; it is included first by every public header.
#ifndef CONFORM_CONFIG_HPP
#define CONFORM_CONFIG_HPP

#define CONFORM_VERSION_MAJOR 0
#define CONFORM_VERSION_MINOR 1
#define CONFORM_VERSION_PATCH 0
#define CONFORM_VERSION_STRING "0.1.0"

#if __cplusplus < 201703L && !(defined(_MSVC_LANG) && _MSVC_LANG >= 201703L)
#error "conform requires C++17 or later"
#endif

#if defined(__GNUC__) || defined(__clang__)
#define CONFORM_LIKELY(x) __builtin_expect(!!(x), 1)
#define CONFORM_UNLIKELY(x) __builtin_expect(!!(x), 0)
#define CONFORM_NOINLINE __attribute__((noinline))
#define CONFORM_COLD __attribute__((cold, noinline))
#define CONFORM_ALWAYS_INLINE inline __attribute__((always_inline))
#define CONFORM_FLATTEN __attribute__((flatten))
#else
#define CONFORM_LIKELY(x) (x)
#define CONFORM_UNLIKELY(x) (x)
#define CONFORM_NOINLINE
#define CONFORM_COLD
#define CONFORM_ALWAYS_INLINE inline
#define CONFORM_FLATTEN
#endif

// SSE2 is part of x86-64's baseline: the text scans (strings, whitespace, line:column) use it
// 16 bytes at a time; elsewhere they fall back to portable loops.
#if defined(__SSE2__) && (defined(__GNUC__) || defined(__clang__))
#define CONFORM_SSE2 1
#endif

// Header-only by default. For a program with several files that decode, conform can also be
// compiled separately, the way Asio and Boost.JSON can: define CONFORM_SEPARATE_COMPILATION
// for the whole program and include <conform/src.hpp> in exactly one of its source files. The
// type-independent core (the text parser, the decoder's event loop, line:column resolution,
// the DOM walk: the functions declared CONFORM_DECL) is then compiled once, in that file,
// instead of in every file that decodes; the others compile only their own types' tables.
// benchmarks/README.md measures what that saves per file.
#ifdef CONFORM_SEPARATE_COMPILATION
#define CONFORM_DECL
#else
#define CONFORM_DECL inline
#endif

#endif // CONFORM_CONFIG_HPP
