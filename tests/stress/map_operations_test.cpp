// The map's operations are listed once (src/stress/map/operation_kind.hpp); everything that runs
// them takes that list. These tests fail when one of those dispatchers sends an operation to
// the wrong member, or to none: each call on `member_log` records which member ran.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <unordered_map>
#include <vector>

#include "stress/differential/run.hpp"
#include "stress/linearizability/operation.hpp"
#include "stress/linearizability/recorded_calls.hpp"
#include "stress/map/operation_kind.hpp"
#include "stress/workloads/run_round.hpp"

namespace safemap::stress {
namespace {

// A single-threaded map that logs each member function called, by operation.
class member_log {
 public:
  using key_type = std::uint64_t;
  using mapped_type = std::uint64_t;
  using hasher = std::hash<std::uint64_t>;
  using key_equal = std::equal_to<std::uint64_t>;

  std::optional<mapped_type> find(const key_type& key) const {
    ran(operation_kind::find);
    const auto found = table_.find(key);
    return found == table_.end() ? std::nullopt : std::optional{found->second};
  }
  bool contains(const key_type& key) const {
    ran(operation_kind::contains);
    return table_.contains(key);
  }
  bool insert(const key_type& key, mapped_type value) {
    ran(operation_kind::insert);
    return table_.try_emplace(key, value).second;
  }
  bool insert_or_assign(const key_type& key, mapped_type value) {
    ran(operation_kind::insert_or_assign);
    return table_.insert_or_assign(key, value).second;
  }
  bool erase(const key_type& key) {
    ran(operation_kind::erase);
    return table_.erase(key) > 0;
  }
  template <class F>
  bool update(const key_type& key, F fn) {
    ran(operation_kind::update);
    const auto found = table_.find(key);
    if (found == table_.end()) return false;
    fn(found->second);
    return true;
  }
  template <class Make, class F>
  bool upsert(const key_type& key, Make make, F fn) {
    ran(operation_kind::upsert);
    const auto [where, added] = table_.try_emplace(key);
    if (added) {
      where->second = make();
    } else {
      fn(where->second);
    }
    return added;
  }
  void clear() {
    ran(operation_kind::clear);
    table_.clear();
  }
  template <class F>
  void for_each(F fn) const {
    ran(operation_kind::for_each);
    for (const auto& [key, value] : table_) fn(key, value);
  }
  std::unordered_map<key_type, mapped_type> snapshot() const {
    ran(operation_kind::snapshot);
    return table_;
  }
  std::size_t size() const {
    ran(operation_kind::size);
    return table_.size();
  }
  bool empty() const {
    ran(operation_kind::empty);
    return table_.empty();
  }

  const std::vector<operation_kind>& log() const { return log_; }
  void forget() { log_.clear(); }

 private:
  void ran(operation_kind kind) const { log_.push_back(kind); }

  std::unordered_map<key_type, mapped_type> table_;
  mutable std::vector<operation_kind> log_;
};

TEST(MapOperations, RecordedCallsRunEachOperationsOwnMember) {
  for (operation_kind kind : all_operations) {
    member_log map;
    linearizability::recorded_operation made;
    make_call(map, {.kind = kind, .key = 1, .argument = 2, .initial = 3}, made);
    EXPECT_EQ(map.log(), std::vector{kind}) << name_of(kind);
  }
}

TEST(MapOperations, DifferentialProgramsRunEachOperationsOwnMember) {
  for (operation_kind kind : all_operations) {
    member_log map;
    (void)differential::apply(map, {.kind = kind, .key = 1, .argument = 2});
    EXPECT_EQ(map.log(), std::vector{kind}) << name_of(kind);
  }
}

TEST(MapOperations, DifferentialProgramsDecodeToEveryOperation) {
  std::vector<std::uint8_t> bytes;
  for (unsigned code = 0; code < 32; ++code) bytes.insert(bytes.end(), {std::uint8_t(code), 0, 0});
  std::vector<bool> decoded(all_operations.size());
  for (const auto& step : differential::decode(bytes))
    decoded[static_cast<std::size_t>(step.kind)] = true;
  for (operation_kind kind : all_operations) {
    EXPECT_TRUE(decoded[static_cast<std::size_t>(kind)]) << name_of(kind);
  }
}

TEST(MapOperations, EveryRoundFirstRunsEveryOperation) {
  member_log map;
  exercise_every_operation(map);
  for (operation_kind kind : all_operations) {
    EXPECT_NE(std::ranges::find(map.log(), kind), map.log().end()) << name_of(kind);
  }
  EXPECT_TRUE(map.snapshot().empty());  // and leaves the map empty
}

}  // namespace
}  // namespace safemap::stress
