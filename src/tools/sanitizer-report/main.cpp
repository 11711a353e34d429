// sanitizer-report: turns raw sanitizer output into verified, located, deduplicated findings.
#include "cli.hpp"

int main(int argc, char** argv) { return safemap::sanitizer_report::run_cli(argc, argv); }
