// The workloads: what the threads of a round do to the map, and what must hold afterwards.
// Each is a class template over the map with
//   W(const round_plan&, map_slot<Map>&, oracle&)
//   void prepare(progress_board::slot&)   before the threads start (preloading)
//   void work(worker_context&)            on every thread, after the start barrier
//   void verify()                         after all threads are joined
// Values always encode their key (checks.hpp), and every key a worker writes alone is
// tracked exactly (owned_keys.hpp), so lost, stale, torn and resurrected entries show without
// a sanitizer.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "stress/invariants/checks.hpp"
#include "stress/invariants/findings.hpp"
#include "stress/invariants/owned_keys.hpp"
#include "stress/progress.hpp"
#include "stress/schedule/segment_barrier.hpp"
#include "stress/workloads/round.hpp"

namespace safemap::stress {

enum class own_op { assign, insert, erase, find };

template <class Map>
void apply_to_own_key(Map& map, owned_keys& own, std::size_t index, own_op op, oracle& found) {
  const std::uint64_t key = own.key(index);
  auto& expected = own.expected(index);
  switch (op) {
    case own_op::assign: {
      const auto value = own.fresh_value(index);
      check_result(found, operation_kind::insert_or_assign, key, map.insert_or_assign(key, value),
                   !expected);
      expected = value;
      break;
    }
    case own_op::insert: {
      const auto value = own.fresh_value(index);
      check_result(found, operation_kind::insert, key, map.insert(key, value), !expected);
      if (!expected) expected = value;
      break;
    }
    case own_op::erase:
      check_result(found, operation_kind::erase, key, map.erase(key), expected.has_value());
      expected.reset();
      break;
    case own_op::find: check_owned(found, key, map.find(key), expected, "while running"); break;
  }
}

// Some workloads give every fourth thread a different role (iterating, clearing) that runs as
// long as the others write.
inline bool is_observer(unsigned index, unsigned threads) { return threads >= 2 && index % 4 == 0; }
inline unsigned writer_count(unsigned threads) {
  unsigned writers = 0;
  for (unsigned index = 0; index < threads; ++index) writers += is_observer(index, threads) ? 0 : 1;
  return writers;
}

// Shared by every workload: the plan, the map, the oracle and each thread's own keys.
template <class Map>
class workload_base {
 public:
  workload_base(const round_plan& plan, map_slot<Map>& slot, oracle& found)
      : plan_{plan},
        slot_{slot},
        found_{found},
        owned_{owned_keys_per_thread(plan.threads, plan.keys)},
        writers_left_{writer_count(plan.threads)} {}

  void prepare(progress_board::slot&) {}

 protected:
  // An observer (is_observer) repeats `step` at least once and then as long as writers work.
  template <class Step>
  void observe_while_writers_work(worker_context& context, Step step) {
    for (std::uint64_t round = 0;
         round == 0 || (writers_left_.load() > 0 && !context.past_deadline()); ++round) {
      step(round);
      context.count_op();
    }
  }
  void writer_done() { writers_left_.fetch_sub(1); }

  // The map after the run agrees with every thread's own bookkeeping.
  void verify_owned_and_size() {
    check_all_owned(slot_.get(), owned_, found_);
    check_whole_map(slot_.get(), found_, present_keys(owned_), true);
  }

  const round_plan& plan_;
  map_slot<Map>& slot_;
  oracle& found_;
  std::vector<owned_keys> owned_;

 private:
  std::atomic<unsigned> writers_left_;
};

// 90% find of any key, 10% insert_or_assign of the thread's own (existing) keys: a read-mostly
// cache whose entries are refreshed. Nothing is ever erased, so every find must succeed.
template <class Map>
class read_heavy : public workload_base<Map> {
  using base = workload_base<Map>;

 public:
  using base::base;

  void prepare(progress_board::slot& progress) {
    for (std::uint64_t key = 0; key < this->plan_.keys; ++key) {
      this->slot_.get().insert(key, value_for(key, 0));
      progress.advance();
    }
    for (auto& own : this->owned_) {
      for (std::size_t index = 0; index < own.size(); ++index)
        own.expected(index) = value_for(own.key(index), 0);
    }
  }

  void work(worker_context& context) {
    worker_handle<Map> handle{this->slot_.get()};
    Map& map = handle.get();
    auto& own = this->owned_[context.index()];
    while (context.next_op()) {
      if (context.random_below(10) == 0) {
        apply_to_own_key(map, own, context.random_below(own.size()), own_op::assign, this->found_);
        continue;
      }
      const std::uint64_t key = context.random_below(this->plan_.keys);
      const auto value = map.find(key);
      if (const auto index = own.index_of(key)) {
        check_owned(this->found_, key, value, own.expected(*index), "while running");
      } else if (!value) {
        this->found_.report(
            "missing key",
            "key " + std::to_string(key) + " was preloaded and never erased, but find() missed it",
            operation_kind::find);
      } else {
        check_consistent(this->found_, key, *value, operation_kind::find);
      }
    }
  }

  void verify() {
    check_all_owned(this->slot_.get(), this->owned_, this->found_);
    check_whole_map(this->slot_.get(), this->found_, this->plan_.keys, true);
  }
};

// Every thread inserts, assigns, erases and reads back its own keys.
template <class Map>
class write_heavy : public workload_base<Map> {
  using base = workload_base<Map>;

 public:
  using base::base;

  void work(worker_context& context) {
    worker_handle<Map> handle{this->slot_.get()};
    auto& own = this->owned_[context.index()];
    while (context.next_op()) write_one(handle.get(), own, context, this->found_);
  }

  static void write_one(Map& map, owned_keys& own, worker_context& context, oracle& found) {
    static constexpr own_op mix[] = {own_op::assign, own_op::assign, own_op::assign, own_op::assign,
                                     own_op::assign, own_op::assign, own_op::insert, own_op::erase,
                                     own_op::erase,  own_op::find};
    apply_to_own_key(map, own, context.random_below(own.size()), mix[context.random_below(10)],
                     found);
  }

  void verify() { this->verify_owned_and_size(); }
};

// Every fourth thread walks the whole map (for_each, sometimes snapshot) while the others write.
template <class Map>
class iterate_while_writing : public workload_base<Map> {
  using base = workload_base<Map>;

 public:
  using base::base;

  void work(worker_context& context) {
    worker_handle<Map> handle{this->slot_.get()};
    Map& map = handle.get();
    if (!is_observer(context.index(), this->plan_.threads)) {
      auto& own = this->owned_[context.index()];
      while (context.next_op()) write_heavy<Map>::write_one(map, own, context, this->found_);
      this->writer_done();
      return;
    }
    this->observe_while_writers_work(context, [&](std::uint64_t walk) {
      if (walk % 8 == 7) {
        for (const auto& [key, value] : map.snapshot()) {
          check_consistent(this->found_, key, value, operation_kind::snapshot);
        }
      } else {
        // Each visit is a scheduling point of a controlled schedule: a walk that should hold the
        // map still (and does not) is interrupted by the writers there.
        map.for_each([&](std::uint64_t key, std::uint64_t value) {
          check_consistent(this->found_, key, value, operation_kind::for_each);
          schedule::point();
        });
      }
    });
  }

  void verify() { this->verify_owned_and_size(); }
};

// Start empty and grow: every thread inserts all its keys, then the map is checked and replaced
// by an empty one, over and over. Growth through many rehashes is the most common trigger of
// "concurrent map writes" in the field.
template <class Map>
class resize_storm : public workload_base<Map> {
  using base = workload_base<Map>;

 public:
  resize_storm(const round_plan& plan, map_slot<Map>& slot, oracle& found)
      : base{plan, slot, found},
        generations_{std::max<std::uint64_t>(1, plan.ops / this->owned_.front().size())},
        generation_end_{plan.threads} {}

  void work(worker_context& context) {
    auto& own = this->owned_[context.index()];
    while (!finished_) {
      {
        worker_handle<Map> handle{this->slot_.get()};
        Map& map = handle.get();
        for (std::size_t index = 0; index < own.size(); ++index) {
          const auto value = value_for(own.key(index), generation_);
          check_result(this->found_, operation_kind::insert, own.key(index),
                       map.insert(own.key(index), value), true);
          own.expected(index) = value;
          context.count_op();
          const auto earlier = context.random_below(index + 1);
          check_owned(this->found_, own.key(earlier), map.find(own.key(earlier)),
                      own.expected(earlier), "while growing");
        }
      }
      generation_end_.arrive_and_wait([this] { end_generation(); });
    }
  }

  void verify() { this->verify_owned_and_size(); }

 private:
  // Runs on one thread while the others wait at the barrier: check, then start over empty.
  void end_generation() {
    this->verify_owned_and_size();
    ++generation_;
    finished_ = generation_ >= generations_ || steady_clock::now() >= this->plan_.deadline ||
                !this->found_.clean();
    if (finished_) return;
    this->slot_.renew();
    for (auto& own : this->owned_) {
      for (std::size_t index = 0; index < own.size(); ++index) own.expected(index).reset();
    }
  }

  std::uint64_t generations_;
  std::uint64_t generation_ = 0;
  bool finished_ = false;  // written only in the barrier's completion step
  segment_barrier generation_end_;
};

// Every thread increments the same few counters with upsert: Go's classic `counts[key]++` from
// many goroutines, the pattern that crashes with "concurrent map writes".
// The counters must sum to the number of increments made.
template <class Map>
class hot_key_counters : public workload_base<Map> {
  using base = workload_base<Map>;

 public:
  static constexpr std::uint64_t hot_keys = 4;

  hot_key_counters(const round_plan& plan, map_slot<Map>& slot, oracle& found)
      : base{plan, slot, found}, increments_(plan.threads, 0) {}

  void work(worker_context& context) {
    worker_handle<Map> handle{this->slot_.get()};
    Map& map = handle.get();
    auto& made = increments_[context.index()];
    while (context.next_op()) {
      map.upsert(
          context.random_below(hot_keys), [] { return std::uint64_t{1}; },
          [](std::uint64_t& count) { ++count; });
      ++made;
    }
  }

  void verify() {
    std::uint64_t expected = 0;
    for (auto made : increments_) expected += made;
    std::uint64_t sum = 0;
    for (std::uint64_t key = 0; key < hot_keys; ++key)
      sum += this->slot_.get().find(key).value_or(0);
    if (sum < expected) {
      this->found_.report("lost update",
                          "counter sum " + std::to_string(sum) + ", expected " +
                              std::to_string(expected) + " (" + std::to_string(expected - sum) +
                              " increments lost)",
                          operation_kind::upsert);
    } else if (sum > expected) {
      this->found_.report("wrong value",
                          "counter sum " + std::to_string(sum) + " exceeds the " +
                              std::to_string(expected) + " increments made",
                          operation_kind::upsert);
    }
    check_whole_map(this->slot_.get(), this->found_, std::nullopt, false);
  }

 private:
  std::vector<std::uint64_t> increments_;  // one per thread, each written by its thread only
};

// Insert and erase own keys at a high rate while finding everyone's: erased nodes are freed
// while other threads may still look at them.
template <class Map>
class erase_churn : public workload_base<Map> {
  using base = workload_base<Map>;

 public:
  using base::base;

  void work(worker_context& context) {
    worker_handle<Map> handle{this->slot_.get()};
    Map& map = handle.get();
    auto& own = this->owned_[context.index()];
    while (context.next_op()) {
      const auto choice = context.random_below(10);
      if (choice < 8) {
        apply_to_own_key(map, own, context.random_below(own.size()),
                         choice < 4 ? own_op::insert : own_op::erase, this->found_);
      } else if (choice == 8) {
        apply_to_own_key(map, own, context.random_below(own.size()), own_op::find, this->found_);
      } else {
        const auto key = context.random_below(this->plan_.keys);
        if (const auto value = map.find(key))
          check_consistent(this->found_, key, *value, operation_kind::find);
      }
    }
  }

  void verify() { this->verify_owned_and_size(); }
};

// Every fourth thread clears the map now and then while the others write and read shared keys.
template <class Map>
class clear_while_writing : public workload_base<Map> {
  using base = workload_base<Map>;

 public:
  using base::base;

  void work(worker_context& context) {
    worker_handle<Map> handle{this->slot_.get()};
    Map& map = handle.get();
    const auto find_any = [&] {
      const auto key = context.random_below(this->plan_.keys);
      if (const auto value = map.find(key))
        check_consistent(this->found_, key, *value, operation_kind::find);
    };
    if (is_observer(context.index(), this->plan_.threads)) {
      this->observe_while_writers_work(context, [&](std::uint64_t op) {
        if (op % 16 == 0) {
          map.clear();
        } else {
          find_any();
        }
      });
      return;
    }
    std::uint64_t version = 0;
    while (context.next_op()) {
      if (context.random_below(2) == 0) {
        const auto key = context.random_below(this->plan_.keys);
        map.insert_or_assign(key, value_for(key, ++version));
      } else {
        find_any();
      }
    }
    this->writer_done();
  }

  void verify() { check_whole_map(this->slot_.get(), this->found_, std::nullopt, true); }
};

}  // namespace safemap::stress
