// CLI11, included the one way every command line of the project includes it.
//
// CLI11 2.1 (Debian 12) trips g++ 12's -Wnull-dereference at -O2: a "potential null pointer
// dereference" inside its own CLI::detail::split, where libstdc++'s string moves are inlined,
// a known false positive of the middle end. The warning is about third-party code, so it is
// off for CLI11's header only; the including file keeps it (warnings are errors here).
#pragma once

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnull-dereference"
#include <CLI/CLI.hpp>
#pragma GCC diagnostic pop
