// Fault safety: every variant keeps the exception guarantee its header states when a key or value
// copy, the hash, the key comparison, an allocation or a callback throws, for every operation.
// Each test walks every fault point of one operation in order (fault_points.hpp: the n-th point
// throws, n = 1, 2, ... until the operation completes) on a fresh map each time, and after each
// fault checks that
//   * no lock is left held: another thread's insert and erase complete (within 10 s);
//   * the map holds what the header promises: for every fault of the library's own steps, the
//     state before the operation (strong guarantee); for a callback that changed the value and
//     then threw, what the header says (in place, or nothing, per variant);
//   * the map still works: the same operation, run again without a fault, gives the model's result.
// ASan and LSan (asan preset) check that nothing leaks or is freed twice on the way.
#include <gtest/gtest.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <future>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>

#include <safemap/safemap.hpp>

#include "fault_points.hpp"

namespace safemap::faults {
namespace {

using state = std::map<std::uint64_t, std::uint64_t>;

template <class T>
T make(std::uint64_t number) {
  return T{number};
}
inline std::uint64_t number_of(const fragile& value) { return value.number(); }
inline std::uint64_t number_of(std::uint64_t value) { return value; }

// Keys 0..7 with values 100..107: a table about to grow, so an insert also meets allocation.
constexpr std::uint64_t filled_keys = 8;
constexpr std::uint64_t absent_key = filled_keys;
constexpr std::uint64_t present_key = 3;

template <class Map>
std::unique_ptr<Map> filled_map() {
  disarm();
  auto map = std::make_unique<Map>();
  using key = typename Map::key_type;
  using value = typename Map::mapped_type;
  for (std::uint64_t number = 0; number < filled_keys; ++number) {
    map->insert(make<key>(number), make<value>(100 + number));
  }
  return map;
}

const state& filled_state() {
  static const state filled = [] {
    state entries;
    for (std::uint64_t number = 0; number < filled_keys; ++number) entries[number] = 100 + number;
    return entries;
  }();
  return filled;
}

template <class Map>
state state_of(const Map& map) {
  disarm();
  state entries;
  map.for_each([&entries](const auto& key, const auto& value) {
    entries[number_of(key)] = number_of(value);
  });
  return entries;
}

// Another thread's insert and erase complete: no lock of the map was left held. If they do not,
// the process ends here: the waiting thread cannot be stopped, and a test that waited for it
// would hang instead of failing.
template <class Map>
bool another_thread_completes(Map& map) {
  disarm();
  using key = typename Map::key_type;
  using value = typename Map::mapped_type;
  auto probe = std::async(std::launch::async, [&map] {
    map.insert(make<key>(1000), make<value>(1));
    map.erase(make<key>(1000));
  });
  if (probe.wait_for(std::chrono::seconds{10}) == std::future_status::ready) return true;
  std::cerr << "FAILED: " << ::testing::UnitTest::GetInstance()->current_test_info()->name()
            << ": another thread's insert waited 10 s: a lock stayed held after the fault\n";
  std::_Exit(1);
}

// Whether a callback's changes to the stored value stay when it throws afterwards, as the
// variant's header states: update and upsert run it on the value in the table, except in
// read_mostly_map (on a private copy of the table) and in sharded_map's lock-free shards (on a
// copy of the value).
template <class Map>
constexpr bool callback_changes_stay() {
  using key = typename Map::key_type;
  using value = typename Map::mapped_type;
  if constexpr (std::is_same_v<Map, read_mostly_map<key, value, typename Map::hasher,
                                                    typename Map::key_equal>>) {
    return false;
  } else if constexpr (std::is_same_v<Map, sharded_map<key, value, typename Map::hasher,
                                                       typename Map::key_equal>>) {
    return !detail::optimistic_table_suits<key, value, typename Map::hasher>;
  } else {
    return true;
  }
}

template <class Map>
class fault_safety : public ::testing::Test {
 protected:
  ~fault_safety() override {
    disarm();
    std::cout << "[ faults   ] " << faults_ << " injected\n";
  }

  // Runs `operation(map)` with every fault point armed in turn; after each fault the map must
  // hold `promised` and serve another thread; then the operation, rerun without a fault, must
  // leave `completed`.
  template <class Operation>
  void inject_every_fault(Operation operation, const state& promised, const state& completed) {
    for (long nth = 1;; ++nth) {
      auto map = filled_map<Map>();
      arm(nth);
      bool threw = false;
      try {
        operation(*map);
      } catch (const injected_fault&) {
        threw = true;
      } catch (const std::bad_alloc&) {
        threw = true;
      }
      const bool fired = fault_fired.load();
      disarm();
      ASSERT_EQ(threw, fired) << "fault point " << nth << ": an injected fault was swallowed";
      if (!fired) {
        EXPECT_EQ(state_of(*map), completed) << "without a fault";
        return;
      }
      ++faults_;
      ASSERT_TRUE(another_thread_completes(*map))
          << "fault point " << nth << ": a lock stayed held after the fault";
      EXPECT_EQ(state_of(*map), promised) << "after fault point " << nth;
      operation(*map);
      EXPECT_EQ(state_of(*map), completed) << "rerun after fault point " << nth;
      ASSERT_LT(nth, 10'000) << "an operation with no end of fault points";
    }
  }

  static state with(state entries, std::uint64_t key_number, std::uint64_t value_number) {
    entries[key_number] = value_number;
    return entries;
  }
  static state without(state entries, std::uint64_t key_number) {
    entries.erase(key_number);
    return entries;
  }

  long faults_ = 0;
};

using maps_under_fault =
    ::testing::Types<mutex_map<fragile, fragile, fragile_hash, fragile_equal>,
                     shared_mutex_map<fragile, fragile, fragile_hash, fragile_equal>,
                     sharded_map<fragile, fragile, fragile_hash, fragile_equal>,
                     sharded_map<fragile, fragile, steady_hash, fragile_equal>,
                     sharded_map<std::uint64_t, std::uint64_t>,
                     read_mostly_map<fragile, fragile, fragile_hash, fragile_equal>,
                     owner_thread_map<fragile, fragile, fragile_hash, fragile_equal>>;

struct map_name {
  template <class Map>
  static std::string GetName(int index) {
    static constexpr const char* names[] = {"mutex_map",
                                            "shared_mutex_map",
                                            "sharded_map_node_tables",
                                            "sharded_map_flat_tables",
                                            "sharded_map_lock_free_reads",
                                            "read_mostly_map",
                                            "owner_thread_map"};
    return names[index];
  }
};

TYPED_TEST_SUITE(fault_safety, maps_under_fault, map_name);

using namespace std::chrono_literals;

TYPED_TEST(fault_safety, InsertOfAnAbsentKey) {
  using key = typename TypeParam::key_type;
  using value = typename TypeParam::mapped_type;
  this->inject_every_fault([](auto& map) { map.insert(make<key>(absent_key), make<value>(7)); },
                           filled_state(), TestFixture::with(filled_state(), absent_key, 7));
}

TYPED_TEST(fault_safety, InsertOfAPresentKey) {
  using key = typename TypeParam::key_type;
  using value = typename TypeParam::mapped_type;
  this->inject_every_fault([](auto& map) { map.insert(make<key>(present_key), make<value>(7)); },
                           filled_state(), filled_state());
}

TYPED_TEST(fault_safety, InsertOrAssign) {
  using key = typename TypeParam::key_type;
  using value = typename TypeParam::mapped_type;
  this->inject_every_fault(
      [](auto& map) { map.insert_or_assign(make<key>(present_key), make<value>(7)); },
      filled_state(), TestFixture::with(filled_state(), present_key, 7));
  this->inject_every_fault(
      [](auto& map) { map.insert_or_assign(make<key>(absent_key), make<value>(7)); },
      filled_state(), TestFixture::with(filled_state(), absent_key, 7));
}

TYPED_TEST(fault_safety, Erase) {
  using key = typename TypeParam::key_type;
  this->inject_every_fault([](auto& map) { map.erase(make<key>(present_key)); }, filled_state(),
                           TestFixture::without(filled_state(), present_key));
  this->inject_every_fault([](auto& map) { map.erase(make<key>(absent_key)); }, filled_state(),
                           filled_state());
}

TYPED_TEST(fault_safety, Clear) {
  this->inject_every_fault([](auto& map) { map.clear(); }, filled_state(), state{});
}

TYPED_TEST(fault_safety, Reads) {
  using key = typename TypeParam::key_type;
  this->inject_every_fault([](const auto& map) { (void)map.find(make<key>(present_key)); },
                           filled_state(), filled_state());
  this->inject_every_fault([](const auto& map) { (void)map.contains(make<key>(absent_key)); },
                           filled_state(), filled_state());
  this->inject_every_fault([](const auto& map) { (void)map.size(); }, filled_state(),
                           filled_state());
  this->inject_every_fault([](const auto& map) { (void)map.snapshot(); }, filled_state(),
                           filled_state());
  this->inject_every_fault([](const auto& map) { map.for_each([](const auto&, const auto&) {}); },
                           filled_state(), filled_state());
}

TYPED_TEST(fault_safety, UpdateAndUpsert) {
  using key = typename TypeParam::key_type;
  using value = typename TypeParam::mapped_type;
  const auto add_one = [](value& stored) { stored = make<value>(number_of(stored) + 1); };
  this->inject_every_fault([&](auto& map) { map.update(make<key>(present_key), add_one); },
                           filled_state(), TestFixture::with(filled_state(), present_key, 104));
  this->inject_every_fault(
      [&](auto& map) { map.upsert(make<key>(absent_key), [] { return make<value>(7); }, add_one); },
      filled_state(), TestFixture::with(filled_state(), absent_key, 7));
  this->inject_every_fault(
      [&](auto& map) {
        map.upsert(make<key>(present_key), [] { return make<value>(7); }, add_one);
      },
      filled_state(), TestFixture::with(filled_state(), present_key, 104));
}

// Callbacks that throw: a map's own state must not depend on them finishing.
TYPED_TEST(fault_safety, ThrowingCallbacks) {
  using key = typename TypeParam::key_type;
  using value = typename TypeParam::mapped_type;
  struct callback_failed {};
  auto map = filled_map<TypeParam>();
  const auto change_then_throw = [](value& stored) {
    stored = make<value>(number_of(stored) + 1);
    throw callback_failed{};
  };
  const state changed = TestFixture::with(filled_state(), present_key, 104);
  const state& after_changed_callback =
      callback_changes_stay<TypeParam>() ? changed : filled_state();

  this->faults_ += 4;  // the four throwing callbacks below
  EXPECT_THROW(map->update(make<key>(present_key), change_then_throw), callback_failed);
  EXPECT_EQ(state_of(*map), after_changed_callback) << "update";
  ASSERT_TRUE(another_thread_completes(*map)) << "update";

  map = filled_map<TypeParam>();
  EXPECT_THROW(map->upsert(
                   make<key>(present_key), [] { return make<value>(7); }, change_then_throw),
               callback_failed);
  EXPECT_EQ(state_of(*map), after_changed_callback) << "upsert of a present key";
  ASSERT_TRUE(another_thread_completes(*map)) << "upsert of a present key";

  map = filled_map<TypeParam>();
  EXPECT_THROW(
      map->upsert(
          make<key>(absent_key), []() -> value { throw callback_failed{}; }, [](value&) {}),
      callback_failed);
  EXPECT_EQ(state_of(*map), filled_state()) << "upsert whose make() throws";
  ASSERT_TRUE(another_thread_completes(*map)) << "upsert whose make() throws";

  EXPECT_THROW(map->for_each([](const auto&, const auto&) { throw callback_failed{}; }),
               callback_failed);
  EXPECT_EQ(state_of(*map), filled_state()) << "for_each";
  ASSERT_TRUE(another_thread_completes(*map)) << "for_each";
}

}  // namespace
}  // namespace safemap::faults
