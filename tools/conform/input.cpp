// Sources, the look-ahead buffer, format detection, and the JSON and NDJSON readers.
#include "input.hpp"

#include "ci_formats.hpp"

#include <conform/render.hpp>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <new>
#include <string>

#include <fcntl.h>
#include <unistd.h>

namespace conform_cli {

file_source::file_source(std::string const& path) {
  if (path == "-") {
    fd_ = STDIN_FILENO;
    return;
  }
  fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0) {
    throw io_error(std::strerror(errno));
  }
  owned_ = true;
}

file_source::~file_source() {
  if (owned_) {
    ::close(fd_);
  }
}

std::size_t file_source::read(char* into, std::size_t n) {
  for (;;) {
    ssize_t got = ::read(fd_, into, n);
    if (got >= 0) {
      return static_cast<std::size_t>(got);
    }
    if (errno != EINTR) {
      throw io_error(std::strerror(errno));
    }
  }
}

std::size_t memory_source::read(char* into, std::size_t n) {
  std::size_t k = n < rest_.size() ? n : rest_.size();
  std::memcpy(into, rest_.data(), k);
  rest_.remove_prefix(k);
  return k;
}

bool input_buffer::more() {
  if (end_) {
    return false;
  }
  // Drop what was consumed once it is most of the data, so the buffer holds about one line
  // (or one look-ahead) however long the input.
  if (begin_ != 0 && begin_ >= size_ / 2) {
    std::memmove(&buffer_[0], &buffer_[begin_], size_ - begin_);
    size_ -= begin_;
    dropped_ += begin_;
    begin_ = 0;
  }
  // Room for a chunk. The string only grows (geometrically), so a read costs what it reads,
  // not a chunk's worth of zero-filling: a pipe hands over 64 KiB or less at a time.
  if (buffer_.size() - size_ < chunk) {
    buffer_.resize(size_ + chunk);
  }
  std::size_t got = 0;
  if (out_ != nullptr) {
    out_->reading(true);
  }
  try {
    got = source_.read(&buffer_[size_], chunk);
  } catch (...) {
    if (out_ != nullptr) {
      out_->reading(false);
    }
    throw;
  }
  if (out_ != nullptr) {
    out_->reading(false);
  }
  if (got == 0) {
    end_ = true;
    return false;
  }
  size_ += got;
  return true;
}

std::optional<schema_choice> schema_for_status(std::int64_t status) {
  if (status >= 200 && status < 300) {
    return schema_choice::training_job;
  }
  if (status >= 400 && status < 600) {
    return schema_choice::error_body;
  }
  return std::nullopt;
}

conform::diagnostic too_large(std::size_t max, std::uint64_t size) {
  conform::diagnostic d;
  d.code = conform::error::limit_exceeded;
  d.expected = "at most " + std::to_string(max) + " bytes of input (max_input_bytes)";
  d.found = std::to_string(size) + " bytes";
  return d;
}

namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// Offset of the first byte at or after `from` that is not whitespace.
std::size_t skip_space(std::string_view d, std::size_t from) {
  while (from < d.size() && is_space(d[from])) {
    ++from;
  }
  return from;
}

// True when `line` holds one complete JSON value: brackets balance and no string is left open.
// A detection heuristic only; the decoder judges the value itself.
bool complete_value(std::string_view line) {
  std::size_t depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      if (depth == 0) {
        return false;
      }
      --depth;
    }
  }
  return depth == 0 && !in_string;
}

std::string line_locator(std::size_t line) {
  return "line " + std::to_string(line);
}

} // namespace

void write_note(input_context& ctx, std::string_view what) {
  if (ctx.s.quiet) {
    return;
  }
  if (ctx.s.format == output_format::github) {
    ctx.out.note(github_command("notice", *ctx.name, what)); // an annotation like the findings
    return;
  }
  std::string line; // control characters in a file name or the input never reach the terminal
  conform::detail::append_printable(line, *ctx.name);
  line += ": note: ";
  conform::detail::append_printable(line, what);
  line += '\n';
  if (ctx.s.format == output_format::json || ctx.s.format == output_format::sarif) {
    ctx.out.flush(); // after the documents it is about
    ctx.err << line; // stdout holds only JSON: one object per document, or the SARIF log
  } else {
    ctx.out.note(std::move(line));
  }
}

input_format detect_format(input_buffer& in, std::size_t max_line) {
  // Nothing is consumed here, so offsets into data() stay valid as it grows, and every scan
  // resumes where it stopped before the last read: rescanning the look-ahead from its start
  // after each chunk (a pipe gives 64 KiB at a time) made a long run of leading whitespace
  // quadratic.
  std::string_view d = in.data();
  auto more = [&] {
    if (d.size() > max_line) {
      return false;
    }
    // data() moves even when more() finds the end (it makes room before it reads): always
    // take it anew, or `d` dangles once a short input's end is reached.
    bool got = in.more();
    d = in.data();
    return got;
  };
  // A leading UTF-8 byte order mark is ignored.
  while (d.size() < 3 && more()) {
  }
  std::size_t start = d.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  // The first significant byte, with a little context after it.
  for (;;) {
    start = skip_space(d, start);
    if ((start < d.size() && d.size() - start >= 16) || !more()) {
      break;
    }
  }
  if (start >= d.size()) {
    return input_format::json; // empty: one (invalid) document
  }
  if (d.substr(start, 5) == "HTTP/") {
    return input_format::http;
  }
  if (d[start] == '{') {
    std::size_t key = skip_space(d, start + 1);
    while (key + 5 > d.size() && more()) {
      key = skip_space(d, key);
    }
    if (d.substr(key, 5) == "\"log\"") {
      return input_format::har;
    }
  }
  // json or ndjson: is the first line a whole value with more after it?
  std::size_t nl = d.find('\n', start);
  for (std::size_t searched = d.size(); nl == std::string_view::npos && more();
       searched = d.size()) {
    nl = d.find('\n', searched);
  }
  if (nl == std::string_view::npos || !complete_value(d.substr(start, nl - start))) {
    return input_format::json;
  }
  std::size_t next = skip_space(d, nl + 1);
  while (next >= d.size() && more()) {
    next = skip_space(d, next);
  }
  return next < d.size() ? input_format::ndjson : input_format::json;
}

void read_json(input_buffer& in, input_context& ctx, bool detected) {
  std::size_t max = ctx.s.decode.max_input_bytes;
  while (in.data().size() <= max && in.more()) {
  }
  document doc;
  doc.source = ctx.name;
  doc.schema = ctx.s.schema;
  if (in.data().size() > max) {
    // The rest is not read: an endless input (a device, a stuck pipe) must not hang here.
    auto diag = too_large(max, 0);
    diag.found = "more than " + std::to_string(max) + " bytes";
    doc.transport.push_back(std::move(diag));
    doc.body_unavailable = true;
    // Without a line break, the detection could not tell one large document from NDJSON
    // whose first line is over the limit (it reads at most that much ahead). Only the user
    // knows, and reading on for a line break could wait for ever on an endless input.
    bool const one_line =
        detected && in.data().find('\n', skip_space(in.data(), 0)) == std::string_view::npos;
    in.consume(in.data().size());
    ctx.out.submit(std::move(doc));
    if (one_line) {
      write_note(ctx, "no line break in the first " + std::to_string(max) +
                          " bytes: read as one JSON document (for NDJSON whose first line is "
                          "that long, --input ndjson reads the lines after it)");
    }
    return;
  }
  doc.body.assign(in.data());
  in.consume(in.data().size());
  ctx.out.submit(std::move(doc));
}

void read_ndjson(input_buffer& in, input_context& ctx) {
  std::size_t const max = ctx.s.decode.max_input_bytes;
  std::size_t line = 0;
  std::size_t index = 0;
  std::size_t scanned = 0;   // bytes of data() known to hold no newline
  auto line_document = [&] { // the document of the current line
    document doc;
    doc.source = ctx.name;
    doc.index = index++;
    doc.locator = line_locator(line);
    doc.first_line = line;
    doc.schema = ctx.s.schema;
    return doc;
  };
  // A line whose text was not kept (too long, or no memory to hold it): its document carries
  // the reason, at the line's start, and no excerpt.
  auto submit_unheld = [&](conform::diagnostic diag) {
    document doc = line_document();
    diag.line = 1;
    diag.column = 1;
    doc.transport.push_back(std::move(diag));
    doc.body_unavailable = true;
    ctx.out.submit(std::move(doc));
  };
  // Skips the current line, none of whose bytes in data() is a newline; returns its length.
  // A chunk is all the buffer holds meanwhile.
  auto skip_line = [&] {
    std::uint64_t size = in.data().size();
    in.consume(in.data().size());
    while (in.more()) {
      auto d = in.data();
      std::size_t const nl = d.find('\n');
      if (nl != std::string_view::npos) {
        in.consume(nl + 1);
        return size + nl;
      }
      size += d.size();
      in.consume(d.size());
    }
    return size;
  };
  // Skips the current line (see skip_line) and submits it as unheld, for `reason(length)`.
  auto skip_unheld = [&](auto reason) {
    ++line;
    std::uint64_t const size = skip_line();
    submit_unheld(reason(size));
    scanned = 0;
  };
  // Memory running out for one line (growing the buffer to hold it, copying it, handing it
  // over) costs that line, not the input: the line is reported as a document that could not
  // be held (out_of_memory, invalid), and the lines after it are read, as after a line over
  // the size limit. Should even that report not fit, the exception ends the input (run()
  // reports it unreadable).
  auto out_of_memory = [](std::uint64_t size) {
    conform::diagnostic d;
    d.code = conform::error::out_of_memory;
    d.found = "a line of " + std::to_string(size) + " bytes, which could not be held in memory";
    return d;
  };
  auto emit = [&](std::string_view text) {
    if (!text.empty() && text.back() == '\r') {
      text.remove_suffix(1);
    }
    if (std::all_of(text.begin(), text.end(), is_space)) {
      return; // a blank line is no document
    }
    std::size_t const first_index = index;
    try {
      document doc = line_document();
      doc.body.assign(text);
      ctx.out.submit(std::move(doc)); // throws only when it did not take the document
    } catch (std::bad_alloc const&) {
      index = first_index;
      submit_unheld(out_of_memory(text.size()));
    }
  };
  for (;;) {
    auto d = in.data();
    std::size_t nl = d.find('\n', scanned);
    if (nl != std::string_view::npos) {
      ++line;
      emit(d.substr(0, nl));
      in.consume(nl + 1);
      scanned = 0;
      continue;
    }
    if (d.size() > max) {
      // A line over the limit: skip to its end without keeping it, then report it by size.
      skip_unheld([max](std::uint64_t size) { return too_large(max, size); });
      continue;
    }
    scanned = d.size();
    bool more = false;
    try {
      more = in.more(); // grows the buffer while the line is longer than what it holds
    } catch (std::bad_alloc const&) {
      if (d.empty()) {
        throw; // no room for reading at all, and no line begun to blame
      }
      skip_unheld(out_of_memory);
      continue;
    }
    if (more) {
      continue;
    }
    d = in.data();
    if (!d.empty()) {
      ++line;
      emit(d); // the last line, without a newline
      in.consume(d.size());
    }
    return;
  }
}

void read_input(byte_source& source, std::string const& name, settings const& s, pipeline& out,
                std::ostream& err) {
  input_buffer in(source, &out);
  input_context ctx{std::make_shared<std::string const>(name), s, out, err};
  input_format format = s.input;
  if (format == input_format::detect) {
    format = detect_format(in, s.decode.max_input_bytes);
  }
  switch (format) {
  case input_format::ndjson:
    read_ndjson(in, ctx);
    break;
  case input_format::har:
    read_har(in, ctx);
    break;
  case input_format::http:
    read_http(in, ctx);
    break;
  default:
    read_json(in, ctx, s.input == input_format::detect);
    break;
  }
}

} // namespace conform_cli
