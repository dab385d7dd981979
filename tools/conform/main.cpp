// The conform command-line validator. Everything lives in conform_cli_lib (run.cpp and the
// rest) so that the benchmark and tests can drive the same code without a process.
#include "conform_cli.hpp"

int main(int argc, char** argv) {
  return conform_cli::run(argc, argv);
}
