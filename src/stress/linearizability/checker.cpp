#include "stress/linearizability/checker.hpp"

#include <algorithm>
#include <unordered_set>
#include <utility>
#include <vector>

namespace safemap::stress::linearizability {
namespace {

// The invocations and responses of all operations, in time order, as a doubly linked list from
// which a linearized operation is lifted (both its events) and put back when the search
// backtracks.
class event_list {
 public:
  explicit event_list(std::span<const key_operation> operations) {
    const std::size_t n = operations.size();
    struct timed {
      std::uint64_t time;
      std::size_t operation;
      bool call;
    };
    std::vector<timed> order;
    order.reserve(2 * n);
    for (std::size_t i = 0; i < n; ++i) {
      order.push_back({operations[i].invoked, i, true});
      order.push_back({operations[i].responded, i, false});
    }
    // A response and an invocation at the same tick cannot happen (every tick is unique); for
    // hand-made histories, the invocation goes first: the two then count as overlapping.
    std::ranges::sort(order, [](const timed& a, const timed& b) {
      return a.time != b.time ? a.time < b.time : a.call && !b.call;
    });
    events_.resize(2 * n + 1);  // the last one is the head sentinel
    std::vector<std::size_t> call_of(n);
    std::vector<std::size_t> return_of(n);
    for (std::size_t position = 0; position < order.size(); ++position) {
      events_[position].operation = order[position].operation;
      events_[position].call = order[position].call;
      (order[position].call ? call_of : return_of)[order[position].operation] = position;
    }
    for (std::size_t i = 0; i < n; ++i) events_[call_of[i]].match = return_of[i];
    const std::size_t head = events_.size() - 1;
    for (std::size_t position = 0; position < events_.size(); ++position) {
      events_[position].next = position + 1 == head ? none : position + 1;
      events_[position].prev = position == 0 ? head : position - 1;
    }
    events_[head].next = order.empty() ? none : 0;
    events_[head].prev = none;
  }

  static constexpr std::size_t none = static_cast<std::size_t>(-1);

  std::size_t first() const { return events_.back().next; }
  std::size_t next(std::size_t event) const { return events_[event].next; }
  bool is_call(std::size_t event) const { return events_[event].call; }
  std::size_t operation(std::size_t event) const { return events_[event].operation; }

  void lift(std::size_t call) {
    unlink(call);
    unlink(events_[call].match);
  }
  void unlift(std::size_t call) {
    relink(events_[call].match);
    relink(call);
  }

 private:
  struct node {
    std::size_t operation = 0;
    bool call = false;
    std::size_t match = 0;  // a call's response
    std::size_t prev = 0;
    std::size_t next = 0;
  };

  void unlink(std::size_t e) {
    events_[events_[e].prev].next = events_[e].next;
    if (events_[e].next != none) events_[events_[e].next].prev = events_[e].prev;
  }
  void relink(std::size_t e) {
    events_[events_[e].prev].next = e;
    if (events_[e].next != none) events_[events_[e].next].prev = e;
  }

  std::vector<node> events_;
};

// Which operations are linearized: a bit each. The search keeps these sets in its memo, one per
// node, so a node stores only the words between the all-linearized prefix and the last word with
// a bit set: a correct history's search linearizes nearly in invocation order, which keeps that
// window a few words wide even for histories of 10^5 operations.
class linearized_set {
 public:
  explicit linearized_set(std::size_t operations) : words_((operations + 63) / 64) {}

  void add(std::size_t index) {
    words_[index / 64] |= bit(index);
    last_ = std::max(last_, index / 64 + 1);
    while (full_ < words_.size() && words_[full_] == ~std::uint64_t{0}) ++full_;
  }
  void remove(std::size_t index) {
    words_[index / 64] &= ~bit(index);
    full_ = std::min(full_, index / 64);
    while (last_ > 0 && words_[last_ - 1] == 0) --last_;
  }

  struct key {
    std::size_t full_words = 0;
    std::vector<std::uint64_t> window;
    friend bool operator==(const key&, const key&) = default;
  };
  key memo_key() const {
    const std::size_t end = std::max(full_, last_);
    return {full_,
            {words_.begin() + static_cast<std::ptrdiff_t>(full_),
             words_.begin() + static_cast<std::ptrdiff_t>(end)}};
  }

 private:
  static std::uint64_t bit(std::size_t index) { return std::uint64_t{1} << (index % 64); }

  std::vector<std::uint64_t> words_;
  std::size_t full_ = 0;  // words_[0, full_) are all ones
  std::size_t last_ = 0;  // words_[last_, end) are all zeros
};

// A node of the search: which operations are linearized, and the key's state after them.
struct memo_entry {
  linearized_set::key linearized;
  key_state state;
  friend bool operator==(const memo_entry&, const memo_entry&) = default;
};

struct memo_hash {
  std::size_t operator()(const memo_entry& entry) const {
    std::uint64_t hash = entry.state ? *entry.state * 0x9E3779B97F4A7C15ULL + 1 : 0;
    hash = (hash ^ entry.linearized.full_words) * 0x100000001B3ULL;
    for (std::uint64_t word : entry.linearized.window) hash = (hash ^ word) * 0x100000001B3ULL;
    return static_cast<std::size_t>(hash ^ (hash >> 29));
  }
};

}  // namespace

check_outcome check_key_history(std::span<const key_operation> operations, const key_state& start,
                                const check_budget& budget) {
  event_list events{operations};
  linearized_set linearized{operations.size()};
  key_state state = start;
  std::unordered_set<memo_entry, memo_hash> seen;
  struct placed {
    std::size_t call;
    key_state before;
  };
  std::vector<placed> stack;
  stack.reserve(operations.size());

  check_outcome outcome;
  // The walk from the list's head meets the response of the first pending operation at the
  // latest, so `event` is never past the end while operations remain.
  std::size_t event = events.first();
  while (events.first() != event_list::none) {
    if (++outcome.steps > budget.max_steps || seen.size() > budget.max_memo) {
      outcome.verdict = check_verdict::undecided;
      return outcome;
    }
    if (events.is_call(event)) {
      const std::size_t index = events.operation(event);
      const auto step = run_alone(operations[index], state);
      if (step.result == operations[index].result) {
        linearized.add(index);
        if (seen.insert({linearized.memo_key(), step.after}).second) {
          stack.push_back({event, std::exchange(state, step.after)});
          events.lift(event);
          event = events.first();
          continue;
        }
        linearized.remove(index);
      }
      event = events.next(event);
      continue;
    }
    // A response whose operation is not linearized yet: nothing before it fits; backtrack.
    if (stack.empty()) {
      outcome.verdict = check_verdict::not_linearizable;
      return outcome;
    }
    const placed last = stack.back();
    stack.pop_back();
    linearized.remove(events.operation(last.call));
    state = last.before;
    events.unlift(last.call);
    event = events.next(last.call);
  }
  return outcome;
}

}  // namespace safemap::stress::linearizability
