// conform CLI internals: the pipeline between the readers and the output. Documents go in in
// input order; with --jobs N they are validated on N worker threads; reports come out in input
// order all the same. What is in flight is bounded by count and bytes, so memory follows the
// largest document, not the input.
#ifndef CONFORM_TOOLS_PIPELINE_HPP
#define CONFORM_TOOLS_PIPELINE_HPP

#include "document.hpp"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <ostream>
#include <string>
#include <thread>
#include <vector>

namespace conform_cli {

/// Per-code and per-pointer tallies for --summary.
struct summary_table {
  struct code_tally {
    std::uint64_t documents = 0;
    std::uint64_t diagnostics = 0;
  };
  std::map<conform::error, code_tally> by_code; ///< a row for every code, most at zero
  std::map<summary_key, std::uint64_t> by_pointer;
  /// Pointers not tallied because by_pointer reached its cap (hostile inputs can make every
  /// pointer distinct; the table must not grow with the input) or memory ran out.
  std::uint64_t dropped_pointers = 0;
  static constexpr std::size_t max_pointers = 10000;
  /// Documents whose diagnostics were capped by --max-diagnostics, and the diagnostics past the
  /// cap (their codes and pointers are unknown, so by_code and by_pointer are lower bounds
  /// whenever capped_documents is not 0).
  std::uint64_t capped_documents = 0;
  std::uint64_t uncounted_errors = 0;
  std::uint64_t uncounted_warnings = 0;
};

/// Where documents go: readers call submit() and note(); the report is written to `out`.
class pipeline {
public:
  pipeline(settings const& s, std::ostream& out);
  ~pipeline();
  pipeline(pipeline const&) = delete;
  pipeline& operator=(pipeline const&) = delete;

  /// Validates `doc` (now, or on a worker) and writes its report in input order. Blocks while
  /// too much is in flight. Throws std::bad_alloc only when the document was not taken.
  void submit(document doc);
  /// Writes `text` in input order (after the documents submitted before it).
  void note(std::string text);
  /// The reader is about to wait for input (true) or has its bytes (false). While it waits,
  /// every report written is flushed at once, so that a slow input (`tail -f | conform`)
  /// still shows each report as soon as it is ready; a fast one costs a flush per chunk.
  void reading(bool waiting);
  /// Counts skipped HAR entries or HTTP responses.
  void skipped(std::uint64_t n);
  /// Waits for every document submitted so far and writes its report.
  void flush();
  /// flush(), then clears the progress line. Idempotent.
  void finish();

  totals const& result() const noexcept { return totals_; }
  summary_table const& summary() const noexcept { return summary_; }
  void set_io_error() noexcept { totals_.io_error = true; }

private:
  /// What the reading thread sleeps on.
  enum class wait_kind { none, room, all };

  void write(outcome& o);
  void drain(std::unique_lock<std::mutex>& lock);
  bool may_proceed() const noexcept;
  void wait(std::unique_lock<std::mutex>& lock, wait_kind kind, std::size_t size);
  void work();
  /// Tells the workers to stop once the queue is empty, and joins them.
  void stop_workers() noexcept;
  void progress(bool final);

  settings const& s_;
  std::ostream& out_;
  totals totals_;
  summary_table summary_;
  bool wrote_result_ = false; ///< --format sarif: a result was written (the next needs a comma)

  // Threads (jobs > 1 only). One mutex guards everything below. Documents travel in batches:
  // the reader fills one without the lock, and a worker takes a whole batch and posts all its
  // reports at once, so the lock and the futexes behind it are taken once per batch, not once
  // per document (per document, tiny NDJSON lines ran 15 times slower on two workers than on
  // the calling thread, almost all of it in the kernel). Whichever thread finds the next
  // batch in input order finished takes the writer role (writing_) and writes all that is
  // ready, so output never waits for the reader to come back from a slow input.
  using done_map = std::map<std::uint64_t, std::vector<outcome>>;
  struct batch {
    std::uint64_t first_seq = 0;
    std::vector<document> docs;
    std::size_t bytes = 0; ///< their body bytes
    /// The entry of done_ its reports go into, with room for one per document: made by the
    /// reader (send_batch), so that a worker allocates nothing to post them. A worker has no
    /// one to tell that memory ran out, and a batch it failed to post would leave the reader
    /// waiting for it for ever; the reader can (run() reports the input as unreadable).
    done_map::node_type reports;
  };
  /// Hands the batch being filled to the workers (waiting for room first).
  void send_batch();

  std::mutex mutex_;
  std::condition_variable work_ready_;
  std::condition_variable reader_wake_;
  batch filling_; ///< the reader's own: not yet sent, so not under the lock
  std::deque<batch> queue_;
  /// Finished reports by the sequence number of their first: a batch's reports, or one note.
  done_map done_;
  std::uint64_t next_seq_ = 0; ///< the next document or note's (the reader's own)
  std::uint64_t sent_end_ = 0; ///< one past the last sequence number sent
  std::uint64_t next_write_ = 0;
  std::size_t in_flight_ = 0;       ///< sent, not yet written (documents and notes)
  std::size_t in_flight_bytes_ = 0; ///< their body bytes
  std::size_t window_ = 0;          ///< most documents in flight
  bool writing_ = false;
  bool reader_waiting_ = false; ///< see reading()
  bool unflushed_ = false;      ///< written since the last flush
  wait_kind waiting_ = wait_kind::none;
  std::size_t waiting_size_ = 0; ///< the bytes of the batch the reader wants to send
  bool stopping_ = false;
  bool finished_ = false;
  std::vector<std::thread> workers_;

  // Progress line.
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_progress_;
  bool progress_shown_ = false;
};

} // namespace conform_cli

#endif // CONFORM_TOOLS_PIPELINE_HPP
