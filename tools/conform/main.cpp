// The conform command-line validator. Everything lives in conform_cli_lib (run.cpp and the
// rest) so that the benchmark and tests can drive the same code without a process.
#include "conform_cli.hpp"

#include <cstdio>
#include <new>
#include <system_error>

int main(int argc, char** argv) {
  // run() reports memory running out in checking a document (that document is invalid) and
  // in reading an input (the input is unreadable). These are the last resort, for the rest
  // (the command line, starting the --jobs threads, the summary at the end): a message and
  // the exit status of a failure, rather than std::terminate's abort.
  try {
    return conform_cli::run(argc, argv);
  } catch (std::bad_alloc const&) {
    std::fputs("conform: out of memory\n", stderr);
  } catch (std::system_error const& e) {
    // std::thread, when the system refuses another thread.
    std::fprintf(stderr, "conform: %s\n", e.what());
  }
  return 2;
}
