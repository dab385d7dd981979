// conform CLI internals: reading inputs. A byte_source is a file, stdin or memory; an
// input_buffer reads it in chunks with look-ahead (for format detection and line splitting);
// the readers cut documents out of it and hand them to the pipeline.
#ifndef CONFORM_TOOLS_INPUT_HPP
#define CONFORM_TOOLS_INPUT_HPP

#include "pipeline.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>

namespace conform_cli {

/// An input that cannot be read (missing file, broken archive): exit status 2.
class io_error : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

/// Where bytes come from.
class byte_source {
public:
  virtual ~byte_source() = default;
  /// Reads up to `n` bytes into `into`; returns 0 at the end. Throws io_error.
  virtual std::size_t read(char* into, std::size_t n) = 0;
};

/// A file ("-": standard input), read with read(2).
class file_source final : public byte_source {
public:
  /// Opens `path`; throws io_error with the system's reason.
  explicit file_source(std::string const& path);
  ~file_source() override;
  file_source(file_source const&) = delete;
  file_source& operator=(file_source const&) = delete;
  std::size_t read(char* into, std::size_t n) override;

private:
  int fd_ = -1;
  bool owned_ = false;
};

/// Bytes already in memory (the benchmark, tests).
class memory_source final : public byte_source {
public:
  explicit memory_source(std::string_view bytes) noexcept : rest_(bytes) {}
  std::size_t read(char* into, std::size_t n) override;

private:
  std::string_view rest_;
};

/// Chunked reading with look-ahead. Holds only what has been read and not consumed.
class input_buffer {
public:
  static constexpr std::size_t chunk = std::size_t(1) << 20;

  /// `out`, when given, is told when a read may wait (see pipeline::reading).
  explicit input_buffer(byte_source& source, pipeline* out = nullptr)
      : source_(source), out_(out) {}
  /// The bytes read and not yet consumed.
  std::string_view data() const noexcept {
    return std::string_view(buffer_.data() + begin_, size_ - begin_);
  }
  /// Reads one more chunk; false at the end of the input (data() unchanged then).
  bool more();
  /// Drops the first `n` bytes of data().
  void consume(std::size_t n) noexcept { begin_ += n; }
  /// Bytes consumed since the start.
  std::uint64_t position() const noexcept { return dropped_ + begin_; }

private:
  byte_source& source_;
  pipeline* out_;
  std::string buffer_; ///< [begin_, size_) is data(); the rest is room for the next read
  std::size_t size_ = 0;
  std::size_t begin_ = 0;
  std::uint64_t dropped_ = 0;
  bool end_ = false;
};

/// What a reader needs: the input's name, the settings, where documents go, and where notes
/// go that must not mix with JSON output.
struct input_context {
  std::shared_ptr<std::string const> name;
  settings const& s;
  pipeline& out;
  std::ostream& err;
};

/// Writes "NAME: note: WHAT" in input order (after the documents before it): as a report line in
/// the text output, on standard error with --format json (whose standard output holds one JSON
/// object per document), nowhere with --quiet. Control characters in the name and `what` are
/// masked.
void write_note(input_context& ctx, std::string_view what);

/** Decides the format from the first bytes: "HTTP/" is http; an object whose first key is
    "log" is har; a first line that is a complete JSON value followed by more text is ndjson;
    anything else is json. Reads only the look-ahead it needs (the first line at most). */
input_format detect_format(input_buffer& in, std::size_t max_line);

/// The whole input is one body (up to max_input_bytes; beyond, a limit_exceeded diagnostic,
/// and, when the format was `detected` and that much holds no line break, a note that
/// NDJSON with so long a first line needs --input ndjson).
void read_json(input_buffer& in, input_context& ctx, bool detected);
/// One body per line, streamed line by line; a line over max_input_bytes is a diagnostic.
void read_ndjson(input_buffer& in, input_context& ctx);
/// HTTP Archive 1.2, streamed entry by entry (har.cpp). Throws io_error on a broken archive,
/// after the entries before the break have been submitted.
void read_har(input_buffer& in, input_context& ctx);
/// Raw HTTP/1.x responses (http.cpp). Throws io_error when the input is not HTTP.
void read_http(input_buffer& in, input_context& ctx);

/// Detects (unless forced) and reads one input into the pipeline. Throws io_error.
void read_input(byte_source& source, std::string const& name, settings const& s, pipeline& out,
                std::ostream& err);

/// The schema of a captured response's body by its HTTP status: 2xx a training job, 4xx and
/// 5xx an error body; none for other statuses (interim responses, redirects), which the HAR
/// and HTTP readers skip.
std::optional<schema_choice> schema_for_status(std::int64_t status);

/// The limit_exceeded diagnostic of a body larger than max_input_bytes (the library's wording).
conform::diagnostic too_large(std::size_t max, std::uint64_t size);

} // namespace conform_cli

#endif // CONFORM_TOOLS_INPUT_HPP
