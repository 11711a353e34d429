// bench::workload — what the threads of one benchmark do, as data: an operation mix, a key
// distribution, the map's state before the clock starts, and how many operations run.
//
// Every map (peer, limit or safemap variant) replays the same pre-generated operation stream
// (op_stream.hpp), so random-number generation and key mixing are never inside the timed region
// and all maps do exactly the same work.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace safemap::bench {

enum class op_kind : std::uint8_t {
  find,                 // lookup of a key from the key set (present unless erased)
  find_missing,         // lookup of a key that is never inserted
  insert_or_increment,  // the word-count upsert: absent -> 1, present -> +1, atomically
  insert_or_assign,
  erase,
};

struct op_mix {
  double find = 0;
  double find_missing = 0;
  double insert_or_increment = 0;
  double insert_or_assign = 0;
  double erase = 0;
};

enum class initial_state : std::uint8_t {
  empty,       // the map starts empty and grows during the run
  full,        // every key of the key set is present
  two_thirds,  // keys whose index is not a multiple of 3: the steady state of the
               // write-heavy mix (50% insert, 25% erase -> 2/3 present)
};

struct workload {
  std::string name;
  op_mix mix;
  std::uint64_t key_count = 0;  // size of the key set drawn from
  double zipf_skew = 0;         // 0: uniform
  initial_state start = initial_state::empty;
  std::uint64_t ops_per_round = 0;
  std::uint64_t rounds = 1;  // > 1 only for empty-start workloads: each round a fresh map
  bool needs_erase = false;
  // Every insert_or_increment adds exactly 1 to the map's value sum. Checked after the run for
  // empty-start workloads, so a map that loses updates fails instead of looking fast.
  bool check_increments = false;
};

inline bool has_writes(const workload& load) {
  return load.mix.insert_or_increment + load.mix.insert_or_assign + load.mix.erase > 0;
}

// The matrix one run of the benchmark covers.
struct matrix {
  std::vector<std::uint64_t> key_counts;
  std::vector<int> thread_counts;
  std::uint64_t min_ops = 0;   // lower bound on the operations one measurement executes
  std::uint64_t hot_keys = 0;  // size of the hot-key aggregation key set
};

std::vector<workload> make_workloads(const matrix& config);

}  // namespace safemap::bench
