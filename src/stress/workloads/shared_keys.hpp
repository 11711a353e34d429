// shared_keys: every thread works on the same few keys with every operation the concept has,
// and the recorded history is checked for linearizability. The workload for bugs where every
// access is locked but one logical operation spans two critical sections (check-then-act): no
// sanitizer sees those, and the ownership workloads never let two threads touch one key.
//
// A round is a series of short segments. In each, every thread makes segment_ops operations on
// key_count keys, the first one on purpose a collision: all threads hit the same key at once,
// with the same write or each with its own (erase against erase, erase against insert, ...).
// Then the threads wait at a barrier while one of them, alone, reads every key (find, size,
// empty, for_each, snapshot), checks the segment's history key by key from the states the
// previous segment ended in (linearizability/checker.hpp), and on a violation shrinks it and
// reports it (linearizability/witness_report.hpp). The barrier makes segments short histories
// with exactly known start states, and releases all threads together for the next collision.
// The round ends at the first violation, when its operations are spent, or at its deadline.
// One update or upsert in 16 runs callbacks that throw (the fault mode where threads contend):
// the history records the throw, and the specification requires such a call to change nothing.
// Its calls, their mix and the reads that end a segment are linearizability/recorded_calls.hpp.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <random>
#include <string_view>
#include <utility>
#include <vector>

#include "stress/invariants/findings.hpp"
#include "stress/linearizability/checker.hpp"
#include "stress/linearizability/first_violation.hpp"
#include "stress/linearizability/history.hpp"
#include "stress/linearizability/recorded_calls.hpp"
#include "stress/linearizability/witness_report.hpp"
#include "stress/map/operation_sites.hpp"
#include "stress/progress.hpp"
#include "stress/schedule/segment_barrier.hpp"
#include "stress/workloads/round.hpp"

namespace safemap::stress {

namespace lin = linearizability;

template <class Map>
class shared_keys {
 public:
  static constexpr std::string_view name = "shared_keys";
  static constexpr std::string_view summary =
      "every thread on the same few keys; the history checked for linearizability";
  static constexpr std::uint64_t key_count = 4;
  static constexpr std::size_t segment_ops = 8;  // per thread
  // The threads of a round that take part; the others return at once. Eight threads on four
  // keys already collide as hard as a lock-based map can be pushed in one instant; with many
  // more, every key's history overlaps so widely that no bounded search decides it (measured on
  // 2 cores under TSan: 64 threads left 35 of 154 segments undecided, 8 threads none).
  static constexpr unsigned max_active = 8;
  // A witness of fewer operations than this (after its first row) is reported at once; a longer
  // one after at most this many violating segments, the shortest of them.
  static constexpr std::size_t short_witness = 7;
  static constexpr unsigned patience_for_shorter = 20;
  // The fault mode inside: this share of the update and upsert calls after a segment's collision
  // run callbacks that throw (injected_failure.hpp), which must change nothing, while the other
  // threads keep working on the same keys.
  static constexpr std::uint64_t failing_callbacks_one_in = 16;

  shared_keys(const round_plan& plan, findings& found)
      : plan_{plan},
        found_{found},
        active_{std::min(plan.threads, max_active)},
        segments_planned_{std::max<std::uint64_t>(1, plan.ops / segment_ops)},
        barrier_{active_},
        random_{plan.seed ^ 0xC0111DE5ULL} {
    for (unsigned thread = 0; thread < active_; ++thread)
      histories_.emplace_back(thread, segment_ops);
    histories_.emplace_back(active_, read_everything_calls(key_count));  // made last
    plan_collision();
  }

  // The barrier's step counts its checks here, so that the watchdog sees a long check as work.
  void prepare(Map& /*map*/, progress_board::slot& checking) { checking_ = &checking; }

  void work(Map& map, worker_context& context) {
    if (context.index() >= active_) return;
    auto& history = histories_[context.index()];
    std::uint64_t written = 0;
    while (!finished_) {
      for (std::size_t op = 0; op < segment_ops; ++op) {
        const operation_kind kind = op == 0
                                        ? collision_kind_[context.index() % collision_kind_.size()]
                                        : mixed_operation(context.random_below(100));
        const std::uint64_t key = op == 0 ? collision_key_ : context.random_below(key_count);
        planned_call call =
            call_of(kind, key, context.index(), written, 1 + context.random_below(9));
        const bool adds = kind == operation_kind::update || kind == operation_kind::upsert;
        call.callback_throws =
            adds && op != 0 && context.random_below(failing_callbacks_one_in) == 0;
        make_recorded_call(map, call, history, clock_);
        context.count_op();
      }
      barrier_.arrive_and_wait([&] { end_segment(map); });
    }
  }

  // Every segment was checked when it ended; what is left is a witness still waiting for a
  // shorter one when the round ran out.
  void verify(Map& /*map*/) { report_best(); }

  history_totals checked() const { return totals_; }

 private:
  // Runs alone, every other worker waiting at the barrier.
  void end_segment(Map& map) {
    auto& end_reads = histories_.back();
    read_everything(map, key_count, end_reads, clock_);
    check_segment();
    for (std::uint64_t key = 0; key < key_count; ++key)
      start_[key] = end_reads.operations()[key].result.value;
    for (auto& history : histories_) history.clear();
    ++totals_.segments;
    finished_ = !found_.clean() || totals_.segments >= segments_planned_ ||
                steady_clock::now() >= plan_.deadline;
    if (finished_) report_best();
    plan_collision();
  }

  void check_segment() {
    for (const auto& history : histories_) totals_.operations += history.operations().size();
    auto found =
        lin::first_violation(histories_, start_, active_, [this](lin::check_verdict verdict) {
          checking_->advance();
          if (verdict == lin::check_verdict::undecided) ++totals_.undecided;
        });
    if (!found) return;
    if (!best_ || found->witness_operations < best_->witness_operations) best_ = std::move(found);
    // A short witness (a whole-map read's is 0) is reported at once; a long one waits a few more
    // violations for a shorter one (the same bug usually shows in fewer operations in another
    // segment).
    if (++violations_seen_ >= patience_for_shorter || best_->witness_operations < short_witness) {
      report_best();
    }
  }

  void report_best() {
    if (!best_) return;
    found_.report_linearizability(lin::linearizability_report(best_->finding, found_.sites()));
    best_.reset();
  }

  // The next segment's first operations: all threads on one key, half the time with the same
  // write, otherwise each with its own.
  void plan_collision() {
    static constexpr std::array writes{operation_kind::insert, operation_kind::insert_or_assign,
                                       operation_kind::erase, operation_kind::update,
                                       operation_kind::upsert};
    collision_key_ = random_() % key_count;
    const bool same = random_() % 2 == 0;
    const auto shared = writes[random_() % writes.size()];
    for (auto& kind : collision_kind_) kind = same ? shared : writes[random_() % writes.size()];
  }

  const round_plan& plan_;
  findings& found_;
  const unsigned active_;
  const std::uint64_t segments_planned_;
  lin::history_clock clock_;
  segment_barrier barrier_;
  std::vector<lin::thread_history> histories_;
  std::array<lin::key_state, key_count> start_{};  // every key's state when the segment began
  // Written only by the barrier's step, read by the workers after it.
  std::mt19937_64 random_;
  std::uint64_t collision_key_ = 0;
  std::array<operation_kind, 4> collision_kind_{};  // thread t starts with collision_kind_[t % 4]
  bool finished_ = false;
  history_totals totals_;
  std::optional<lin::violation> best_;  // the shortest witness not yet reported
  unsigned violations_seen_ = 0;
  progress_board::slot* checking_ = nullptr;
};

}  // namespace safemap::stress
