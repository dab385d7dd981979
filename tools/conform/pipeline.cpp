// The ordered, bounded, optionally parallel pipeline (see pipeline.hpp).
#include "pipeline.hpp"

#include "ci_formats.hpp"

#include <conform/render.hpp>

#include <fmt/core.h>

#include <algorithm>
#include <cstdio>
#include <exception>
#include <new>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>

namespace conform_cli {

namespace {

// In flight (sent to the workers but not yet written): at most this many documents per worker,
// and at most this many body bytes unless a single document is larger (which is then alone in
// flight). When the window is full the reader sleeps until half of it is written, so that it
// wakes once per batch of batches rather than once per document.
constexpr std::size_t docs_per_worker = 256;
constexpr std::size_t flight_byte_budget = std::size_t(64) << 20;

// A batch closes at this many documents or body bytes (a larger document is a batch of its
// own). Small enough that two workers share even a short input of mid-sized documents, large
// enough that the locking per batch costs little against validating it.
constexpr std::size_t batch_docs = 64;
constexpr std::size_t batch_bytes = std::size_t(64) << 10;

// The progress line appears once this much has been read and this long has passed: only a
// large input is worth a status line, and a quick run should not flicker one.
constexpr std::uint64_t progress_min_bytes = std::uint64_t(4) << 20;
constexpr auto progress_delay = std::chrono::milliseconds(250);

// An entry for done_, holding an empty list with room for `n` reports (see batch::reports).
template <class Map>
typename Map::node_type reports_entry(std::uint64_t seq, std::size_t n) {
  Map one;
  one.emplace(seq, typename Map::mapped_type{}).first->second.reserve(n);
  return one.extract(one.begin());
}

// Never throws: memory exhaustion while checking becomes the document's report.
outcome check_safely(document const& doc, settings const& s) noexcept {
  try {
    return check_document(doc, s);
  } catch (...) {
    try {
      return out_of_memory_outcome(doc, s);
    } catch (...) {
      outcome o; // not even the report fits: the document still counts as invalid
      o.errors = 1;
      o.valid = false;
      return o;
    }
  }
}

} // namespace

outcome out_of_memory_outcome(document const& doc, settings const& s) {
  // Only memory exhaustion gets here (check_document throws nothing else): the document is
  // reported invalid rather than silently dropped, in the output's own format, with the code
  // the library gives memory exhaustion.
  outcome o;
  o.errors = 1;
  o.valid = false;
  o.bytes = doc.body.size();
  conform::diagnostic d;
  d.code = conform::error::out_of_memory;
  d.found = "while validating " + (doc.locator.empty() ? std::string("the document") : doc.locator);
  conform::diagnostics found;
  found.push_back(d);
  switch (s.format) {
  case output_format::json:
    o.rendered = json_report(doc, {}, o, found, {}, {});
    break;
  case output_format::sarif:
    append_sarif_results(o.rendered, doc, {}, found, {});
    break;
  case output_format::github:
    append_github_annotations(o.rendered, doc, found, {});
    break;
  default:
    conform::detail::append_printable(o.rendered, *doc.source);
    o.rendered += ": error: " + d.message() + "\n";
  }
  return o;
}

pipeline::pipeline(settings const& s, std::ostream& out)
    : s_(s), out_(out), start_(std::chrono::steady_clock::now()), last_progress_(start_) {
  // A row for every code now, so that tallying a document (write(), on whichever thread
  // writes) never allocates for one: rows still at zero are not shown.
  for (conform::error code : conform::all_errors) {
    summary_.by_code.emplace(code, summary_table::code_tally{});
  }
  if (s_.jobs > 1) {
    window_ = docs_per_worker * s_.jobs;
    try {
      workers_.reserve(s_.jobs);
      for (unsigned i = 0; i < s_.jobs; ++i) {
        workers_.emplace_back([this] { work(); });
      }
    } catch (std::system_error const& e) {
      // The system refuses another thread: the workers started must be joined before
      // workers_ goes, or destroying a joinable std::thread terminates the program.
      stop_workers();
      throw std::system_error(e.code(), "cannot start the worker threads (--jobs)");
    } catch (...) {
      stop_workers(); // no memory for one more: likewise
      throw;
    }
  }
}

void pipeline::stop_workers() noexcept {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  work_ready_.notify_all();
  for (auto& t : workers_) {
    if (t.joinable()) {
      t.join();
    }
  }
}

pipeline::~pipeline() {
  try {
    finish();
  } catch (...) {
    // Output failed while unwinding; the workers are joined below regardless.
  }
  stop_workers();
}

void pipeline::submit(document doc) {
  if (workers_.empty()) {
    outcome o = check_safely(doc, s_);
    doc = document{}; // free the body before writing
    write(o);
    return;
  }
  std::size_t const size = doc.body.size();
  // A batch already full here is one whose sending ran out of memory below: sent now, or
  // this document is not taken.
  if (!filling_.docs.empty() &&
      (filling_.bytes + size > batch_bytes || filling_.docs.size() >= batch_docs)) {
    send_batch();
  }
  if (filling_.docs.empty()) {
    filling_.first_seq = next_seq_;
  }
  // The push first: should it run out of memory, nothing has changed.
  filling_.docs.push_back(std::move(doc));
  ++next_seq_;
  filling_.bytes += size;
  if (filling_.docs.size() >= batch_docs || filling_.bytes >= batch_bytes) {
    try {
      send_batch();
    } catch (std::bad_alloc const&) {
      // The document is taken: the batch, unchanged, goes with the next submit (which sends
      // it before taking another document) or with flush(). So submit() throws only when it
      // did not take the document, and a reader may report that document another way.
    }
  }
}

void pipeline::send_batch() {
  if (filling_.docs.empty()) {
    return;
  }
  std::size_t const n = filling_.docs.size();
  std::size_t const bytes = filling_.bytes;
  // What allocates comes before any change to the shared state, so that memory running out
  // here (thrown to the reader, which reports the input as unreadable) leaves the pipeline
  // consistent: every batch counted in flight reaches done_.
  filling_.reports = reports_entry<done_map>(filling_.first_seq, n);
  std::unique_lock<std::mutex> lock(mutex_);
  drain(lock);
  if (in_flight_ != 0 &&
      (in_flight_ + n > window_ || in_flight_bytes_ + bytes > flight_byte_budget)) {
    wait(lock, wait_kind::room, bytes);
  }
  queue_.push_back(std::move(filling_)); // strong guarantee: unchanged should it throw
  in_flight_ += n;
  in_flight_bytes_ += bytes;
  sent_end_ = next_seq_;
  filling_ = batch{};
  lock.unlock();
  work_ready_.notify_one();
}

void pipeline::note(std::string text) {
  outcome o;
  o.is_document = false;
  o.rendered = std::move(text);
  if (workers_.empty()) {
    write(o);
    return;
  }
  send_batch();                                       // the documents before the note
  auto entry = reports_entry<done_map>(next_seq_, 1); // allocates before anything changes
  entry.mapped().push_back(std::move(o));
  std::unique_lock<std::mutex> lock(mutex_);
  ++in_flight_;
  done_.insert(std::move(entry));
  sent_end_ = ++next_seq_;
  drain(lock);
}

void pipeline::skipped(std::uint64_t n) {
  totals_.skipped += n;
}

void pipeline::finish() {
  if (finished_) {
    return;
  }
  flush();
  finished_ = true;
  progress(true);
}

void pipeline::flush() {
  if (!workers_.empty()) {
    send_batch();
    std::unique_lock<std::mutex> lock(mutex_);
    drain(lock);
    wait(lock, wait_kind::all, 0);
  }
  out_.flush();
}

// Writes every finished report that is next in input order, unless another thread is already
// doing so (it will pick these up too). Called and returns with the lock held; the writing
// itself happens unlocked, so workers keep posting results meanwhile.
void pipeline::drain(std::unique_lock<std::mutex>& lock) {
  if (writing_) {
    return;
  }
  writing_ = true;
  for (;;) {
    auto it = done_.find(next_write_);
    if (it != done_.end()) {
      std::vector<outcome> reports = std::move(it->second);
      done_.erase(it);
      lock.unlock();
      std::size_t bytes = 0;
      for (outcome& o : reports) {
        bytes += o.bytes; // a document's outcome carries its body's size
        write(o);
      }
      lock.lock();
      in_flight_bytes_ -= bytes;
      in_flight_ -= reports.size();
      next_write_ += reports.size();
      unflushed_ = true;
      continue;
    }
    if (reader_waiting_ && unflushed_) {
      unflushed_ = false;
      lock.unlock();
      out_.flush();
      lock.lock();
      continue;
    }
    break;
  }
  writing_ = false;
  if (waiting_ != wait_kind::none && may_proceed()) {
    reader_wake_.notify_one();
  }
}

void pipeline::reading(bool waiting) {
  if (workers_.empty()) {
    if (waiting) {
      out_.flush();
    }
    return;
  }
  if (waiting) {
    try {
      send_batch(); // validated while the reader waits, and written as soon as they are
    } catch (std::bad_alloc const&) {
      // An early start only: the batch, unchanged, goes with the next submit or flush().
    }
  }
  std::unique_lock<std::mutex> lock(mutex_);
  reader_waiting_ = waiting;
  if (waiting) {
    drain(lock);
  }
}

// Whether the reader, asleep in wait(), can go on.
bool pipeline::may_proceed() const noexcept {
  if (waiting_ == wait_kind::all) {
    return next_write_ == sent_end_ && !writing_;
  }
  return in_flight_ == 0 ||
         (in_flight_ <= window_ / 2 && in_flight_bytes_ + waiting_size_ <= flight_byte_budget);
}

void pipeline::wait(std::unique_lock<std::mutex>& lock, wait_kind kind, std::size_t size) {
  waiting_ = kind;
  waiting_size_ = size;
  reader_wake_.wait(lock, [&] { return may_proceed(); });
  waiting_ = wait_kind::none;
}

void pipeline::work() {
  for (;;) {
    batch b;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      work_ready_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) {
        return;
      }
      b = std::move(queue_.front());
      queue_.pop_front();
    }
    // Allocates nothing but what checking a document does, which check_safely turns into
    // that document's report: the reports' room and their entry in done_ came with the batch.
    std::vector<outcome>& reports = b.reports.mapped();
    for (document& doc : b.docs) {
      reports.push_back(check_safely(doc, s_));
      doc = document{}; // free the body as soon as it is done with
    }
    std::unique_lock<std::mutex> lock(mutex_);
    done_.insert(std::move(b.reports));
    drain(lock);
  }
}

void pipeline::write(outcome& o) {
  if (!o.rendered.empty()) {
    if (progress_shown_) {
      // Clear the progress line before writing to a terminal that also shows stderr.
      std::fputs("\r\033[K", stderr);
      progress_shown_ = false;
    }
    std::string_view text = o.rendered;
    if (s_.format == output_format::sarif) {
      // Each SARIF result comes as ",{...}" (a document does not know whether one was written
      // before it): the comma goes before every result but the log's first.
      if (!wrote_result_) {
        text.remove_prefix(1);
      }
      wrote_result_ = true;
    }
    out_.write(text.data(), static_cast<std::streamsize>(text.size()));
  }
  if (!o.is_document) {
    return;
  }
  ++totals_.documents;
  ++(o.valid ? totals_.valid : totals_.invalid);
  totals_.errors += o.errors;
  totals_.warnings += o.warnings;
  totals_.bytes += o.bytes;
  summary_.capped_documents += o.capped ? 1 : 0;
  summary_.uncounted_errors += o.uncounted_errors;
  summary_.uncounted_warnings += o.uncounted_warnings;
  for (auto const& [code, count] : o.code_counts) {
    auto& t = summary_.by_code[code]; // present since the constructor
    ++t.documents;
    t.diagnostics += count;
  }
  for (auto& key : o.keys) {
    auto it = summary_.by_pointer.find(key);
    if (it != summary_.by_pointer.end()) {
      ++it->second;
    } else if (summary_.by_pointer.size() < summary_table::max_pointers) {
      // The only allocation in writing a report: should memory run out, the pointer goes
      // untallied like those past the cap (write() must not throw: on a worker nothing
      // could catch it, and the reports after this one would never be written).
      try {
        summary_.by_pointer.emplace(std::move(key), 1);
      } catch (std::bad_alloc const&) {
        ++summary_.dropped_pointers;
      }
    } else {
      ++summary_.dropped_pointers;
    }
  }
  progress(false);
}

void pipeline::progress(bool final) {
  if (!s_.progress) {
    return;
  }
  auto now = std::chrono::steady_clock::now();
  if (final) {
    if (progress_shown_) {
      std::fputs("\r\033[K", stderr);
      std::fflush(stderr);
      progress_shown_ = false;
    }
    return;
  }
  if (totals_.bytes < progress_min_bytes || now - last_progress_ < progress_delay) {
    return;
  }
  last_progress_ = now;
  double seconds = std::chrono::duration<double>(now - start_).count();
  double mb = static_cast<double>(totals_.bytes) / 1e6;
  try {
    fmt::print(stderr, "\r\033[Kconform: {} documents, {:.1f} MB, {:.1f} MB/s", totals_.documents,
               mb, seconds > 0 ? mb / seconds : 0.0);
  } catch (...) {
    return; // stderr gone: the line is a courtesy, and a writer must not throw (see write())
  }
  std::fflush(stderr);
  progress_shown_ = true;
}

} // namespace conform_cli
