// safemap::sharded_map — N independently guarded hash tables ("shards"); a key lives in the
// shard its hash picks, so operations on keys in different shards never wait for each other.
//
// Thread safety: single-key operations touch only their key's shard and are linearizable.
//   Writes lock the shard. Reads depend on the types: for small trivially copyable keys and
//   values (integers, pointers, small structs: detail/optimistic_table.hpp) a lookup takes no
//   lock at all, it reads the shard under a sequence lock and retries if a write overlapped;
//   otherwise it takes the shard's std::shared_mutex shared. Whole-map operations (size, clear,
//   for_each, snapshot) lock every shard, always in ascending index order (so two of them cannot
//   deadlock each other), and so are linearizable too. Callbacks calling back into the same map
//   throw safemap::reentrant_call.
// Exception safety: as mutex_map, per shard (tests/faults/); a throwing hash throws before any
//   lock is taken. In the lock-free shards (trivially copyable types) mutate runs on a copy of
//   the value, so a mutate that throws changes nothing there.
// Complexity: average O(1) per single-key operation plus waiting on one shard; size / clear /
//   for_each / snapshot are O(n + shard_count) and stop all writers while they run.
// for_each: a locked traversal of all shards at once: a consistent state, writers wait.
// Shard tables: flat open-addressing ones (a lookup is a multiply and about one slot of one
//   array, not a division by a prime and a chain of nodes): detail/optimistic_table.hpp where it
//   suits the types, else detail/flat_table.hpp behind the lock when Key and Value move without
//   throwing and Hash does not throw (which keeps the strong guarantee while entries move), else
//   std::unordered_map. An optimistic shard frees the arrays it outgrew once they hold 64 KiB
//   and no lock-free lookup can still be reading them (its writer waits for the few in flight).
// Layout: each shard sits on its own cache lines (alignas(cache_line_size)), so threads working
//   in different shards do not slow each other through false sharing of the locks.
// Values: move-only values work as in mutex_map.
// Choose it: many threads doing single-key reads and writes on many distinct keys (caches,
//   counters, session tables), read-heavy or not. Poor when all writes hit one hot key (they
//   serialise on that shard: count locally and merge instead) or when size / snapshot are on
//   the hot path.
#pragma once

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

#include <safemap/detail/flat_table.hpp>
#include <safemap/detail/locked_table.hpp>
#include <safemap/detail/optimistic_table.hpp>
#include <safemap/detail/sanitizer.hpp>
#include <safemap/reentry_guard.hpp>

namespace safemap {

// 64 bytes: the line size of x86-64 and most AArch64 cores. A constant rather than
// std::hardware_destructive_interference_size, whose value may differ between compilers and
// flags (g++ warns about using it in headers for that reason), which would silently change this
// class's layout between translation units.
inline constexpr std::size_t cache_line_size = 64;

template <class Key, class Value, class Hash = std::hash<Key>, class KeyEqual = std::equal_to<Key>>
class sharded_map {
 public:
  using key_type = Key;
  using mapped_type = Value;
  using hasher = Hash;
  using key_equal = KeyEqual;

  static constexpr std::string_view type_name{"safemap::sharded_map"};

  // 16 shards per hardware thread, rounded up to a power of two, within [8, 1024]: two busy
  // threads meet in one shard on about 1 operation in 16 x threads, and a meeting where one
  // writes puts the other to sleep in the kernel (microseconds), so with 4 per thread those
  // sleeps dominated the 2-thread benchmarks; still few enough that whole-map operations stay
  // cheap (an empty shard is about two cache lines). Whole-map operations hold every shard's
  // lock: ThreadSanitizer tracks at most 64 locks held by one thread and hangs beyond that (a
  // for_each calling another map holds shard_count + 1), so TSan builds get at most 32 by
  // default (a CI runner with 4 hardware threads would otherwise get 64), and an explicit
  // shard_count above 32 is the caller's choice to make there.
  static std::size_t default_shard_count() {
    const std::size_t threads = std::max(1U, std::thread::hardware_concurrency());
    const std::size_t most = detail::thread_sanitizer_build ? 32 : 1024;
    return std::clamp<std::size_t>(std::bit_ceil(16 * threads), 8, most);
  }

  sharded_map() : sharded_map(default_shard_count()) {}

  // shard_count must be a power of two (the shard is picked by masking bits of the hash).
  explicit sharded_map(std::size_t shard_count)
      : shard_count_{checked_shard_count(shard_count)},
        shards_{std::make_unique<shard[]>(shard_count_)} {}

  sharded_map(const sharded_map&) = delete;
  sharded_map& operator=(const sharded_map&) = delete;

  std::size_t shard_count() const { return shard_count_; }

  std::optional<Value> find(const Key& key) const {
    reentry_guard guard{this, type_name, "find"};
    return shard_for(key).find(key);
  }

  bool contains(const Key& key) const {
    reentry_guard guard{this, type_name, "contains"};
    return shard_for(key).contains(key);
  }

  std::size_t size() const {
    reentry_guard guard{this, type_name, "size"};
    std::size_t total = 0;
    auto locks = lock_all(&shard_table::lock_for_reading);
    for (std::size_t index = 0; index < shard_count_; ++index) {
      total += shards_[index].size(locks[index]);
    }
    return total;
  }

  bool empty() const { return size() == 0; }

  // Value by value: callers with a move-only Value pass std::move(value).
  bool insert(const Key& key, Value value) {
    reentry_guard guard{this, type_name, "insert"};
    return shard_for(key).insert(key, std::move(value));
  }

  bool insert_or_assign(const Key& key, Value value) {
    reentry_guard guard{this, type_name, "insert_or_assign"};
    return shard_for(key).insert_or_assign(key, std::move(value));
  }

  bool erase(const Key& key) {
    reentry_guard guard{this, type_name, "erase"};
    return shard_for(key).erase(key);
  }

  void clear() {
    reentry_guard guard{this, type_name, "clear"};
    auto locks = lock_all(&shard_table::lock_for_writing);
    for (std::size_t index = 0; index < shard_count_; ++index) {
      shards_[index].clear(locks[index]);
    }
  }

  template <class Mutate>
  bool update(const Key& key, Mutate&& mutate) {
    reentry_guard guard{this, type_name, "update"};
    return shard_for(key).update(key, mutate);
  }

  template <class Make, class Mutate>
  bool upsert(const Key& key, Make&& make, Mutate&& mutate) {
    reentry_guard guard{this, type_name, "upsert"};
    return shard_for(key).upsert(key, make, mutate);
  }

  template <class Visit>
  void for_each(Visit&& visit) const {
    reentry_guard guard{this, type_name, "for_each"};
    auto locks = lock_all(&shard_table::lock_for_reading);
    for (std::size_t index = 0; index < shard_count_; ++index) {
      shards_[index].for_each(locks[index], visit);
    }
  }

  std::unordered_map<Key, Value, Hash, KeyEqual> snapshot() const {
    reentry_guard guard{this, type_name, "snapshot"};
    std::unordered_map<Key, Value, Hash, KeyEqual> copy;
    auto locks = lock_all(&shard_table::lock_for_reading);
    auto copy_entry = [&copy](const Key& key, const Value& value) { copy.emplace(key, value); };
    for (std::size_t index = 0; index < shard_count_; ++index) {
      shards_[index].for_each(locks[index], copy_entry);
    }
    return copy;
  }

 private:
  using table_type = std::conditional_t<detail::flat_table_suits<Key, Value, Hash>,
                                        detail::flat_table<Key, Value, Hash, KeyEqual>,
                                        std::unordered_map<Key, Value, Hash, KeyEqual>>;
  using shard_table = std::conditional_t<
      detail::optimistic_table_suits<Key, Value, Hash>,
      detail::optimistic_table<Key, Value, Hash, KeyEqual>,
      detail::locked_table<Key, Value, Hash, KeyEqual, std::shared_mutex, table_type>>;
  struct alignas(cache_line_size) shard : shard_table {};

  static std::size_t checked_shard_count(std::size_t shard_count) {
    if (!std::has_single_bit(shard_count)) {
      throw std::invalid_argument{"safemap::sharded_map: shard_count must be a power of two, got " +
                                  std::to_string(shard_count)};
    }
    return shard_count;
  }

  // The top bits of the hash through MurmurHash3's 64-bit finalizer. Not the shard tables' own
  // mix: std::hash of integers is the identity, std::unordered_map buckets by its low bits and
  // flat_table homes a key by the top bits of hash * 0x9E37...; all keys of one shard share the
  // bits that picked the shard, so picking it by either of those would crowd every key of a
  // shard into a few buckets or one region of slots.
  std::size_t shard_index(const Key& key) const {
    auto mixed = static_cast<std::uint64_t>(hash_(key));
    mixed = (mixed ^ (mixed >> 33)) * 0xFF51AFD7ED558CCDULL;
    mixed = (mixed ^ (mixed >> 33)) * 0xC4CEB9FE1A85EC53ULL;
    mixed ^= mixed >> 33;
    const int shift = 64 - std::countr_zero(shard_count_);
    return shift == 64 ? 0 : static_cast<std::size_t>(mixed >> shift);
  }

  const shard_table& shard_for(const Key& key) const { return shards_[shard_index(key)]; }
  shard_table& shard_for(const Key& key) { return shards_[shard_index(key)]; }

  // Every shard locked, in ascending index order: the one order all whole-map operations use.
  template <class LockOne>
  auto lock_all(LockOne lock_one) const {
    std::vector<std::invoke_result_t<LockOne, shard_table&>> locks;
    locks.reserve(shard_count_);
    for (std::size_t index = 0; index < shard_count_; ++index) {
      locks.push_back(std::invoke(lock_one, shards_[index]));
    }
    return locks;
  }

  [[no_unique_address]] Hash hash_;
  std::size_t shard_count_;
  std::unique_ptr<shard[]> shards_;
};

}  // namespace safemap
