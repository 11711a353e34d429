#include "stress/linearizability/shrink.hpp"

#include <algorithm>

namespace safemap::stress::linearizability {
namespace {

bool overlaps(const key_operation& a, const key_operation& b) {
  return a.invoked < b.responded && b.invoked < a.responded;
}

class shrinker {
 public:
  shrinker(witness& current, const check_budget& budget) : current_{current}, budget_{budget} {}

  // One pass of every kind of removal; true when something was removed.
  bool pass() {
    bool removed = cut_at_anchor();
    removed = drop_trailing() || removed;
    return drop_unchanging() || removed;
  }

 private:
  bool fails(const std::vector<key_operation>& operations, const key_state& start) const {
    return check_key_history(operations, start, budget_).verdict == check_verdict::not_linearizable;
  }

  bool isolated(std::size_t index) const {
    const auto& ops = current_.operations;
    return std::ranges::none_of(ops, [&](const key_operation& other) {
      return &other != &ops[index] && overlaps(other, ops[index]);
    });
  }

  // The key's state right after the isolated ops[index], when it is known for a fact: its own
  // result tells it, or every operation up to it ran alone, one after the other, each returning
  // what the map returns (then the state is what they did in that order). Not merely what every
  // legal order of overlapping operations would leave: the bug may lie among those, and cutting
  // it away would blame the read that noticed it instead.
  std::optional<key_state> known_state_after(std::size_t index) const {
    if (auto told = state_after(current_.operations[index])) return told;
    key_state state = current_.start;
    for (std::size_t i = 0; i <= index; ++i) {
      const auto& operation = current_.operations[i];
      if (i > 0 && current_.operations[i - 1].responded >= operation.invoked) return std::nullopt;
      const auto step = run_alone(operation, state);
      if (step.result != operation.result) return std::nullopt;
      state = step.after;
    }
    return state;
  }

  // The latest isolated operation after which the state is known, and from which the rest still
  // fails, becomes the anchor.
  bool cut_at_anchor() {
    auto& ops = current_.operations;
    for (std::size_t index = ops.size(); index-- > 0;) {
      if (!isolated(index)) continue;
      const auto after = known_state_after(index);
      if (!after) continue;
      std::vector<key_operation> rest(ops.begin() + static_cast<std::ptrdiff_t>(index) + 1,
                                      ops.end());
      if (rest.empty() || !fails(rest, *after)) continue;
      current_.anchor = ops[index];
      current_.start = *after;
      ops = std::move(rest);
      return true;
    }
    return false;
  }

  bool drop_trailing() {
    auto& ops = current_.operations;
    bool dropped = false;
    while (ops.size() > 1) {
      const auto last = std::ranges::max_element(ops, {}, &key_operation::invoked);
      const bool after_all = std::ranges::all_of(ops, [&](const key_operation& other) {
        return &other == &*last || other.responded < last->invoked;
      });
      if (!after_all || !try_without(static_cast<std::size_t>(last - ops.begin()))) break;
      dropped = true;
    }
    return dropped;
  }

  bool drop_unchanging() {
    bool dropped = false;
    for (std::size_t index = current_.operations.size(); index-- > 0;) {
      if (leaves_state_unchanged(current_.operations[index]) && try_without(index)) dropped = true;
    }
    return dropped;
  }

  bool try_without(std::size_t index) {
    auto fewer = current_.operations;
    fewer.erase(fewer.begin() + static_cast<std::ptrdiff_t>(index));
    if (fewer.empty() || !fails(fewer, current_.start)) return false;
    current_.operations = std::move(fewer);
    return true;
  }

  witness& current_;
  const check_budget& budget_;
};

}  // namespace

witness shrink(std::uint64_t key, std::vector<key_operation> operations, const key_state& start,
               const check_budget& budget) {
  std::ranges::sort(operations, {}, &key_operation::invoked);
  witness current{.key = key,
                  .anchor = std::nullopt,
                  .start = start,
                  .operations = std::move(operations),
                  .shrunk_from = 0};
  current.shrunk_from = current.operations.size();
  shrinker steps{current, budget};
  bool removed = true;
  while (removed) removed = steps.pass();
  return current;
}

}  // namespace safemap::stress::linearizability
