// conform internals: the text front end. A strict RFC 8259 parser over the whole input that
// feeds the decoder core directly, without a DOM and without callbacks through a handler.
//
// Why not Boost.JSON's basic_parser: it is resumable (it can stop at any byte of a partial
// buffer and continue later), and that costs on every token: its empty-handler speed is
// the ceiling of any decoder built on it, and a validating decoder on top of it cannot come
// near a parser that knows it holds the whole document. This one is not resumable, reads
// every byte once, knows each token's exact offset (for line:column), reads reals exactly
// (std::from_chars) and makes the same accept/reject decisions as Boost.JSON's strict
// defaults: the JSONTestSuite cases pin them (tests/jsontestsuite.cpp), and every fuzz
// harness compares the two on arbitrary input (check_syntax_agreement, fuzz/harness.hpp).
// One difference is intended: a number with a huge exponent (1E+2147483648) is valid JSON,
// so it is read (as infinity or zero) and judged, where Boost.JSON stops with an error.
#ifndef CONFORM_DETAIL_TEXT_SOURCE_HPP
#define CONFORM_DETAIL_TEXT_SOURCE_HPP

#include <conform/config.hpp>
#include <conform/decode_options.hpp>
#include <conform/detail/decoder.hpp>
#include <conform/detail/position.hpp>
#include <conform/detail/text.hpp>

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <system_error>

#ifdef CONFORM_SSE2
#include <emmintrin.h>
#endif

namespace conform::detail {

/// JSON's four whitespace characters.
CONFORM_ALWAYS_INLINE bool is_json_space(unsigned char c) noexcept {
  return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

/// The first byte at or after `s` that ends the plain run of a string: '"', '\\', a control
/// character or a non-ASCII byte.
CONFORM_ALWAYS_INLINE char const* find_string_special(char const* s, char const* end) noexcept {
#ifdef CONFORM_SSE2
  __m128i const quote = _mm_set1_epi8('"');
  __m128i const backslash = _mm_set1_epi8('\\');
  __m128i const space = _mm_set1_epi8(0x20);
  while (end - s >= 16) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<__m128i const*>(s));
    // Signed compare: bytes >= 0x80 are negative, so one compare finds controls and them.
    __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)),
                             _mm_cmplt_epi8(v, space));
    int bits = _mm_movemask_epi8(m);
    if (bits != 0) {
      return s + __builtin_ctz(static_cast<unsigned>(bits));
    }
    s += 16;
  }
#endif
  for (; s < end; ++s) {
    auto c = static_cast<unsigned char>(*s);
    if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80) {
      return s;
    }
  }
  return s;
}

class text_parser {
public:
  text_parser(decoder& d, std::string_view text) noexcept
      : d_(d), begin_(text.data()), end_(text.data() + text.size()), p_(begin_) {}

  /// Parses the whole input. On a syntax error, reports it to the decoder.
  void run() {
    if (!parse() && failed_) {
      report_syntax_error();
    }
  }

private:
  enum : unsigned char { in_array = 0, in_object = 1 };

  // ---- the grammar ----------------------------------------------------------------------

  // Returns false when parsing ended early: a syntax error (failed_) or the decoder stopped.
  //
  // The position is the local `p`, passed to the token readers and returned by them (null:
  // parsing ends), never the member p_: a member is memory, which every call the compiler
  // cannot see into (a type's store function, an allocation) forces it to write and read
  // again, and the position is the one dependency that runs through the whole parse.
  // p_ is set only where an error is reported, for its offset.
  bool parse() {
    char const* const end = end_;
    char const* p = skip_space(p_);
    // The nesting depth, and whether the innermost container is an object: locals for the
    // same reason (the stack of container kinds is read only when a container closes).
    std::size_t depth = 0;
    bool in_obj = false;
  value:
    if (CONFORM_UNLIKELY(p == end)) {
      return incomplete();
    }
    switch (*p) {
    case '{':
      if (!d_.object_begin(offset(p)) || !push(in_object, p, depth)) {
        return false;
      }
      in_obj = true;
      p = skip_space(p + 1);
      if (p != end && *p == '}') {
        goto close;
      }
      goto key;
    case '[':
      if (!d_.array_begin(offset(p)) || !push(in_array, p, depth)) {
        return false;
      }
      in_obj = false;
      p = skip_space(p + 1);
      if (p != end && *p == ']') {
        goto close;
      }
      goto value;
    case '"': {
      position at = offset(p);
      // Read straight into the scalar: a string_view written by read_string as two 8-byte
      // stores and then copied as one 16-byte load stalls on store forwarding (a tenth of
      // the parser's time on the API example, measured with perf).
      scalar v;
      v.k = scalar::kind::string;
      p = read_string(p, v.text, limit_site::next_value);
      if (p == nullptr) {
        return false;
      }
      if (!d_.value(v, at)) {
        return false;
      }
      break;
    }
    case 't':
      p = literal(p, "true", 4);
      if (p == nullptr || !d_.value(boolean(true), offset(p) - 4)) {
        return false;
      }
      break;
    case 'f':
      p = literal(p, "false", 5);
      if (p == nullptr || !d_.value(boolean(false), offset(p) - 5)) {
        return false;
      }
      break;
    case 'n': {
      p = literal(p, "null", 4);
      if (p == nullptr) {
        return false;
      }
      scalar v;
      v.k = scalar::kind::null;
      if (!d_.value(v, offset(p) - 4)) {
        return false;
      }
      break;
    }
    default: {
      position at = offset(p);
      scalar v;
      p = read_number(p, v);
      if (p == nullptr || !d_.value(v, at)) {
        return false;
      }
      break;
    }
    }

  next: // after a value
    if (depth == 0) {
      p = skip_space(p);
      if (p != end) {
        return fail_at(p, "the end of the input after the document");
      }
      return true;
    }
    if (separator_fast(p, ',')) {
      if (in_obj) {
        goto key;
      }
      goto value;
    }
    p = skip_space(p);
    if (CONFORM_UNLIKELY(p == end)) {
      return incomplete();
    }
    if (*p == ',') {
      p = skip_space(p + 1);
      if (in_obj) {
        goto key;
      }
      goto value;
    }
    if (*p == (in_obj ? '}' : ']')) {
      goto close;
    }
    return fail_at(p, in_obj ? "',' or '}' after an object member"
                             : "',' or ']' after an array element");

  close: // at the '}' or ']' that closes the innermost container
    if (!(in_obj ? d_.object_end(offset(p)) : d_.array_end(offset(p)))) {
      return false;
    }
    ++p;
    --depth;
    in_obj = depth != 0 && kind_at(depth - 1) == in_object;
    goto next;

  key: // at what must be a member name
    if (CONFORM_UNLIKELY(p == end)) {
      return incomplete();
    }
    if (CONFORM_UNLIKELY(*p != '"')) {
      return fail_at(p, "a member name (a string in double quotes)");
    }
    {
      position at = offset(p);
      bool ok = true;
      if (char const* past = d_.next_member_key(p + 1, end, at, ok)) {
        p = past;
        if (!ok) {
          return false;
        }
      } else {
        std::string_view k;
        p = read_string(p, k, limit_site::container);
        if (p == nullptr || !d_.key(k, at)) {
          return false;
        }
      }
    }
    if (separator_fast(p, ':')) {
      goto value;
    }
    p = skip_space(p);
    if (CONFORM_UNLIKELY(p == end)) {
      return incomplete();
    }
    if (CONFORM_UNLIKELY(*p != ':')) {
      return fail_at(p, "':' after a member name");
    }
    p = skip_space(p + 1);
    goto value;
  }

  // The separators of the usual layouts, matched in one go: ":", ": ", " : " after a member
  // name, and ",", ", ", " , " after a value, then any whitespace. Other whitespace before
  // the separator, and the last bytes of the input, are left to the general path: four bytes
  // must remain, so no test reads past the end. The labels after a separator check for the
  // end of the input themselves. Moves `p` past what it matched.
  CONFORM_ALWAYS_INLINE bool separator_fast(char const*& p, char separator) noexcept {
    char const* q = p;
    if (CONFORM_UNLIKELY(end_ - q < 4)) {
      return false;
    }
    q += *q == ' ';
    if (*q != separator) {
      return false;
    }
    ++q;
    q += *q == ' ';
    if (static_cast<unsigned char>(*q) <= ' ') {
      q = skip_space(q); // a line break and indentation (pretty-printed documents)
    }
    p = q;
    return true;
  }

  // ---- tokens -----------------------------------------------------------------------------

  // Most tokens are followed by no whitespace or by one space; indented documents have runs
  // of a newline and many spaces, which are skipped 16 bytes at a time. Returns the first
  // byte at or after `p` that is no whitespace.
  CONFORM_ALWAYS_INLINE char const* skip_space(char const* p) const noexcept {
    if (CONFORM_LIKELY(end_ - p >= 2)) {
      if (static_cast<unsigned char>(*p) > ' ') {
        return p;
      }
      if (*p == ' ' && static_cast<unsigned char>(p[1]) > ' ') {
        return p + 1;
      }
    }
    return skip_space_run(p);
  }
  // Blocks of 16 bytes are tested for all four whitespace characters, so the first byte a
  // block finds is no whitespace and is returned as it is; the input's last 15 bytes are
  // stepped one at a time. (Testing three and looking at the byte found for the fourth, a
  // carriage return, put a load and a branch after every run, on the parser's critical path:
  // perf put a quarter of this function's time on it.)
  CONFORM_NOINLINE char const* skip_space_run(char const* p) const noexcept {
#ifdef CONFORM_SSE2
    while (end_ - p >= 16) {
      __m128i v = _mm_loadu_si128(reinterpret_cast<__m128i const*>(p));
      __m128i space = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')),
                                                _mm_cmpeq_epi8(v, _mm_set1_epi8('\n'))),
                                   _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\t')),
                                                _mm_cmpeq_epi8(v, _mm_set1_epi8('\r'))));
      auto other = static_cast<unsigned>(_mm_movemask_epi8(space)) ^ 0xFFFFu;
      if (other != 0) {
        return p + __builtin_ctz(other);
      }
      p += 16;
    }
#endif
    while (p != end_ && is_json_space(static_cast<unsigned char>(*p))) {
      ++p;
    }
    return p;
  }

  CONFORM_ALWAYS_INLINE position offset(char const* p) const noexcept {
    return static_cast<position>(p - begin_);
  }

  static scalar boolean(bool b) noexcept {
    scalar v;
    v.k = scalar::kind::boolean;
    v.b = b;
    return v;
  }

  // At the first letter of `word`: past it, or null (reported) when the text differs.
  char const* literal(char const* p, char const* word, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) {
      if (p + i == end_) {
        incomplete();
        return nullptr;
      }
      if (p[i] != word[i]) {
        std::string expected = "a value (the literal ";
        expected.append(word, n);
        expected += ")";
        fail_at(p + i, std::move(expected));
        return nullptr;
      }
    }
    return p + n;
  }

  // At the opening quote `p`: past the closing quote, or null (reported). `out` views the
  // input, or the unescaped copy in buffer_ when the string has escapes.
  CONFORM_ALWAYS_INLINE char const* read_string(char const* p, std::string_view& out,
                                                limit_site site) {
    char const* start = p + 1;
    char const* s = find_string_special(start, end_);
    if (CONFORM_LIKELY(s != end_ && *s == '"')) {
      out = std::string_view(start, static_cast<std::size_t>(s - start));
      if (CONFORM_UNLIKELY(out.size() > d_.options().max_string_bytes)) {
        return string_too_long(start, site);
      }
      return s + 1;
    }
    return read_string_slow(out, start, s, site);
  }

  // The rest of a string that has escapes, non-ASCII text or an error: `s` is the first
  // special byte after `start`.
  CONFORM_NOINLINE char const* read_string_slow(std::string_view& out, char const* start,
                                                char const* s, limit_site site) {
    bool escaped = false;
    for (;;) {
      if (s == end_) {
        incomplete();
        return nullptr;
      }
      auto c = static_cast<unsigned char>(*s);
      if (c == '"') {
        break;
      }
      if (c == '\\') {
        if (!escaped) {
          escaped = true;
          buffer_.assign(start, static_cast<std::size_t>(s - start));
        }
        if (!unescape(s)) {
          return nullptr;
        }
      } else if (c < 0x20) {
        fail_at(s, "a control character (U+0000 to U+001F) escaped, as in \\n or \\u001f");
        return nullptr;
      } else { // c >= 0x80: find_string_special stops at nothing else
        std::size_t n =
            utf8_sequence_length(std::string_view(s, static_cast<std::size_t>(end_ - s)), 0);
        if (n == 0) {
          fail_at(s, "valid UTF-8 in a string");
          return nullptr;
        }
        if (escaped) {
          buffer_.append(s, n);
        }
        s += n;
      }
      char const* plain = find_string_special(s, end_);
      if (escaped) {
        buffer_.append(s, static_cast<std::size_t>(plain - s));
      }
      s = plain;
    }
    out = escaped ? std::string_view(buffer_)
                  : std::string_view(start, static_cast<std::size_t>(s - start));
    if (out.size() > d_.options().max_string_bytes) {
      return string_too_long(start, site);
    }
    return s + 1;
  }

  // At a backslash: appends the escaped character to buffer_ and moves `s` past the escape.
  bool unescape(char const*& s) {
    if (end_ - s < 2) {
      return incomplete();
    }
    char e = s[1];
    char plain = 0;
    switch (e) {
    case '"':
    case '\\':
    case '/':
      plain = e;
      break;
    case 'b':
      plain = '\b';
      break;
    case 'f':
      plain = '\f';
      break;
    case 'n':
      plain = '\n';
      break;
    case 'r':
      plain = '\r';
      break;
    case 't':
      plain = '\t';
      break;
    case 'u': {
      std::uint32_t cp = 0;
      if (!hex4(s + 2, cp)) {
        return false;
      }
      s += 6;
      if (cp >= 0xDC00 && cp <= 0xDFFF) {
        p_ = s - 6;
        return fail("a code point or a high surrogate escape first (\\uD800 to \\uDBFF)",
                    "a lone low surrogate \\u" + std::string(s - 4, 4));
      }
      if (cp >= 0xD800 && cp <= 0xDBFF) {
        if (s == end_ || (*s == '\\' && end_ - s < 2)) {
          return incomplete();
        }
        if (s[0] != '\\' || s[1] != 'u') {
          return fail_at(s, "a low surrogate escape (\\uDC00 to \\uDFFF) after a high surrogate");
        }
        std::uint32_t low = 0;
        if (!hex4(s + 2, low)) {
          return false;
        }
        if (low < 0xDC00 || low > 0xDFFF) {
          p_ = s;
          return fail("a low surrogate escape (\\uDC00 to \\uDFFF) after a high surrogate",
                      "\\u" + std::string(s + 2, 4));
        }
        s += 6;
        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
      }
      append_utf8(buffer_, cp);
      return true;
    }
    default:
      return fail_at(s + 1, "an escape: \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\u and 4 hex digits");
    }
    buffer_.push_back(plain);
    s += 2;
    return true;
  }

  bool hex4(char const* h, std::uint32_t& out) {
    std::uint32_t v = 0;
    for (int i = 0; i < 4; ++i) {
      if (h + i == end_) {
        return incomplete();
      }
      char c = h[i];
      std::uint32_t digit = 0;
      if (c >= '0' && c <= '9') {
        digit = static_cast<std::uint32_t>(c - '0');
      } else if (c >= 'a' && c <= 'f') {
        digit = static_cast<std::uint32_t>(c - 'a' + 10);
      } else if (c >= 'A' && c <= 'F') {
        digit = static_cast<std::uint32_t>(c - 'A' + 10);
      } else {
        return fail_at(h + i, "4 hex digits after \\u");
      }
      v = v * 16 + digit;
    }
    out = v;
    return true;
  }

  // At the first character `p` of what must be a number: past it, or null (reported).
  // Integers that fit 64 bits arrive as int64 (or uint64 above INT64_MAX), everything else as
  // a real read by std::from_chars (correctly rounded); `text` is the raw token either way.
  CONFORM_ALWAYS_INLINE char const* read_number(char const* p, scalar& v) {
    char const* start = p;
    bool negative = false;
    if (*p == '-') {
      negative = true;
      ++p;
    }
    if (CONFORM_UNLIKELY(p == end_)) {
      incomplete();
      return nullptr;
    }
    std::uint64_t mantissa = 0;
    char const* digits = p;
    if (*p == '0') {
      ++p;
      if (p != end_ && is_digit(*p)) {
        fail_at(p, "no leading zeros in a number");
        return nullptr;
      }
    } else if (is_digit(*p)) {
      while (p != end_ && is_digit(*p)) {
        mantissa = mantissa * 10 + static_cast<std::uint64_t>(*p - '0');
        ++p;
      }
    } else {
      fail_at(p, negative ? "a digit after '-'" : "a value");
      return nullptr;
    }
    auto integer_digits = static_cast<std::size_t>(p - digits);
    bool real = false;
    if (p != end_ && *p == '.') {
      real = true;
      p = digit_run(p + 1);
      if (p == nullptr) {
        return nullptr;
      }
    }
    if (p != end_ && (*p == 'e' || *p == 'E')) {
      real = true;
      ++p;
      if (p != end_ && (*p == '+' || *p == '-')) {
        ++p;
      }
      p = digit_run(p);
      if (p == nullptr) {
        return nullptr;
      }
    }
    v.text = std::string_view(start, static_cast<std::size_t>(p - start));
    if (CONFORM_LIKELY(!real && integer_digits <= 19)) {
      // 19 digits cannot overflow 64 bits: no checks in the loop above.
      if (!negative) {
        if (mantissa <= std::uint64_t(std::numeric_limits<std::int64_t>::max())) {
          v.k = scalar::kind::int64;
          v.i = static_cast<std::int64_t>(mantissa);
        } else {
          v.k = scalar::kind::uint64;
          v.u = mantissa;
        }
        return p;
      }
      if (mantissa <= std::uint64_t(1) << 63) {
        v.k = scalar::kind::int64;
        v.i = static_cast<std::int64_t>(0 - mantissa);
        return p;
      }
    } else if (!real && !negative && integer_digits == 20) {
      std::uint64_t u = 0;
      auto r = std::from_chars(digits, p, u);
      if (r.ec == std::errc() && r.ptr == p) {
        v.k = scalar::kind::uint64;
        v.u = u;
        return p;
      }
    }
    v.k = scalar::kind::real;
    v.d = read_real(v.text, negative);
    return p;
  }

  static bool is_digit(char c) noexcept {
    return c >= '0' && c <= '9';
  }

  // One or more digits from `p`: past them, or null (reported).
  char const* digit_run(char const* p) {
    if (p == end_) {
      incomplete();
      return nullptr;
    }
    if (!is_digit(*p)) {
      fail_at(p, "a digit");
      return nullptr;
    }
    while (p != end_ && is_digit(*p)) {
      ++p;
    }
    return p;
  }

  // A real token, correctly rounded. Out of range, from_chars leaves the value alone: then
  // the magnitude decides between an overflow (infinite, which the decoder rejects) and an
  // underflow (zero, which Boost.JSON accepts too).
  static double read_real(std::string_view token, bool negative) noexcept {
    double value = 0;
    auto r = std::from_chars(token.data(), token.data() + token.size(), value);
    if (r.ec == std::errc()) {
      return value;
    }
    return decimal_magnitude(token) > 0 ? (negative ? -std::numeric_limits<double>::infinity()
                                                    : std::numeric_limits<double>::infinity())
                                        : (negative ? -0.0 : 0.0);
  }

  // Roughly log10 of a nonzero real token (the grammar has been checked): the digits of the
  // integer part, or minus the zeros that open the fraction when that part is 0, plus the
  // exponent (saturated).
  static long long decimal_magnitude(std::string_view t) noexcept {
    std::size_t n = t.size();
    std::size_t i = t[0] == '-' ? 1 : 0;
    std::size_t integer_start = i;
    while (i < n && is_digit(t[i])) {
      ++i;
    }
    long long m = 0;
    bool zero_integer = t[integer_start] == '0';
    if (!zero_integer) {
      m = static_cast<long long>(i - integer_start);
    }
    if (i < n && t[i] == '.') {
      ++i;
      while (zero_integer && i < n && t[i] == '0') {
        --m;
        ++i;
      }
      while (i < n && is_digit(t[i])) {
        ++i;
      }
    }
    if (i < n) { // 'e' or 'E'
      ++i;
      bool negative_exponent = t[i] == '-';
      if (t[i] == '-' || t[i] == '+') {
        ++i;
      }
      long long e = 0;
      for (; i < n; ++i) {
        e = e < 1000000000 ? e * 10 + (t[i] - '0') : e;
      }
      m += negative_exponent ? -e : e;
    }
    return m;
  }

  // ---- containers ---------------------------------------------------------------------------

  CONFORM_ALWAYS_INLINE bool push(unsigned char kind, char const* p, std::size_t& depth) {
    // The decoder refuses a container past its max_depth first (with its own diagnostic);
    // this is only the backstop that keeps the stack bounded.
    if (CONFORM_UNLIKELY(depth >= max_stack)) {
      return d_.limit_reached("at most " + std::to_string(max_stack) + " nested arrays and objects",
                              "deeper nesting", offset(p), limit_site::next_value);
    }
    std::size_t word = depth / 64;
    std::uint64_t bit = std::uint64_t(1) << (depth % 64);
    stack_[word] = kind == in_object ? stack_[word] | bit : stack_[word] & ~bit;
    ++depth;
    return true;
  }
  // The kind of the container at nesting level `i` (0: the outermost).
  CONFORM_ALWAYS_INLINE unsigned char kind_at(std::size_t i) const noexcept {
    return static_cast<unsigned char>((stack_[i / 64] >> (i % 64)) & 1u);
  }

  // ---- errors -------------------------------------------------------------------------------

  // `start` is the first byte after the opening quote. Returns null: parsing ends.
  CONFORM_COLD char const* string_too_long(char const* start, limit_site site) {
    d_.limit_reached(string_limit_expected(d_.options()), string_limit_found(d_.options()),
                     static_cast<position>(start - 1 - begin_), site);
    return nullptr;
  }

  CONFORM_COLD bool incomplete() {
    p_ = end_;
    return fail("more JSON text", "the end of the input");
  }

  // A syntax error at `p`: what was expected there, and the byte found.
  CONFORM_COLD bool fail_at(char const* p, std::string expected) {
    p_ = p;
    return fail(std::move(expected), describe_byte());
  }

  CONFORM_COLD bool fail(std::string expected, std::string found) {
    failed_ = true;
    expected_ = std::move(expected);
    found_ = std::move(found);
    return false;
  }

  CONFORM_COLD std::string describe_byte() const {
    if (p_ == end_) {
      return "the end of the input";
    }
    auto c = static_cast<unsigned char>(*p_);
    std::string out;
    if (c >= 0x20 && c < 0x7F) {
      out = "'";
      out += static_cast<char>(c);
      out += "'";
    } else {
      out = "byte 0x";
      append_hex(out, c, 2);
    }
    return out;
  }

  // The encodings RFC 8259 excludes get their own words: they fail on the first bytes.
  CONFORM_COLD void report_syntax_error() {
    std::string_view text(begin_, static_cast<std::size_t>(end_ - begin_));
    auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    std::size_t at = static_cast<std::size_t>(p_ - begin_);
    if (at == 0 && text.size() >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0) {
      expected_ = "JSON text without a byte order mark (RFC 8259 section 8.1)";
      found_ = "a UTF-8 byte order mark";
    } else if (at <= 2 &&
               ((text.size() >= 2 &&
                 ((byte(0) == 0xFF && byte(1) == 0xFE) || (byte(0) == 0xFE && byte(1) == 0xFF))) ||
                // ASCII text in UTF-16: every other byte is zero.
                (text.size() >= 4 && ((text[1] == '\0' && text[3] == '\0' && text[0] != '\0') ||
                                      (text[0] == '\0' && text[2] == '\0' && text[1] != '\0'))))) {
      expected_ = "UTF-8 text";
      found_ = "UTF-16 text";
    }
    d_.syntax_error(at, std::move(expected_), std::move(found_));
  }

  static constexpr std::size_t max_stack = max_depth_ceiling + 2;

  decoder& d_;
  char const* begin_;
  char const* end_;
  char const* p_;
  std::uint64_t stack_[(max_stack + 63) / 64] = {};
  std::string buffer_; // unescaped strings
  bool failed_ = false;
  std::string expected_;
  std::string found_;
};

/// Runs the text front end over `text`, feeding `d`.
inline void decode_text(decoder& d, std::string_view text) {
  d.set_text(text);
  if (CONFORM_UNLIKELY(text.size() > d.options().max_input_bytes)) {
    d.limit_reached("at most " + std::to_string(d.options().max_input_bytes) +
                        " bytes of input (max_input_bytes)",
                    std::to_string(text.size()) + " bytes", 0, limit_site::document);
    return;
  }
  text_parser(d, text).run();
}

} // namespace conform::detail

#endif // CONFORM_DETAIL_TEXT_SOURCE_HPP
