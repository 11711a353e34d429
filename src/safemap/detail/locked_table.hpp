// safemap::detail::locked_table — one hash table and the one Mutex that guards it. The table is
// a std::unordered_map unless the variant picks another with the same interface
// (sharded_map's shards pick detail::flat_table where it suits the types).
//
// The building block of mutex_map, shared_mutex_map (one table) and sharded_map (one per shard):
// every single-table operation is written here once, each under an RAII lock. Readers take a
// shared lock when Mutex offers one (std::shared_mutex), the exclusive lock otherwise.
// The table itself is reachable only through a lock: table_ is SAFEMAP_GUARDED_BY(mutex_), so
// the single-table operations compile only inside a guard (thread_annotations.hpp), and the
// whole-table ones take a lock object as proof, so a caller that needs several tables locked at
// once (sharded_map's whole-map operations, holding one lock object per shard) cannot touch one
// it has not locked.
#pragma once

#include <concepts>
#include <cstddef>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <stdexcept>
#include <type_traits>
#include <unordered_map>
#include <utility>

#include <safemap/detail/table_operations.hpp>
#include <safemap/thread_annotations.hpp>

namespace safemap::detail {

// Throws unless proof is a lock that holds `mutex`: the check behind every operation that takes a
// lock as proof of access (here and in optimistic_table).
template <class Lock, class Mutex>
void require_owned(const Lock& proof, const Mutex& mutex) {
  if (proof.mutex() != &mutex || !proof.owns_lock()) {
    throw std::logic_error{"safemap::detail: a table operation needs a lock of that table"};
  }
}

template <class Key, class Value, class Hash, class KeyEqual, class Mutex,
          class Table = std::unordered_map<Key, Value, Hash, KeyEqual>>
class locked_table {
 public:
  using table_type = Table;
  using mutex_type = annotated_mutex<Mutex>;
  // Movable lock objects, for callers that hold several tables' locks at once; the analysis
  // cannot follow them, so every operation that takes one as proof asserts it (proved_*).
  using read_lock = std::conditional_t<shared_lockable<Mutex>, std::shared_lock<mutex_type>,
                                       std::unique_lock<mutex_type>>;
  using write_lock = std::unique_lock<mutex_type>;

  [[nodiscard]] read_lock lock_for_reading() const { return read_lock{mutex_}; }
  [[nodiscard]] write_lock lock_for_writing() { return write_lock{mutex_}; }

  // Whole-table operations with the lock as proof, in the form optimistic_table offers them too,
  // so sharded_map treats both kinds of shard alike.
  std::size_t size(const read_lock& proof) const {
    proved_reading(proof);
    return table_.size();
  }

  void clear(const write_lock& proof) {
    proved_writing(proof);
    table_.clear();
  }

  template <class Visit>
  void for_each(const read_lock& proof, Visit& visit) const {
    proved_reading(proof);
    for (const auto& [key, value] : table_) visit(key, value);
  }

  table_type snapshot() const {
    reader_lock_guard<mutex_type> lock{mutex_};
    return table_;
  }

  std::optional<Value> find(const Key& key) const {
    reader_lock_guard<mutex_type> lock{mutex_};
    return copy_of(table_, key);
  }

  bool contains(const Key& key) const {
    reader_lock_guard<mutex_type> lock{mutex_};
    return table_.contains(key);
  }

  std::size_t size() const {
    reader_lock_guard<mutex_type> lock{mutex_};
    return table_.size();
  }

  bool insert(const Key& key, Value&& value) {
    lock_guard lock{mutex_};
    return table_.try_emplace(key, std::move(value)).second;
  }

  bool insert_or_assign(const Key& key, Value&& value) {
    lock_guard lock{mutex_};
    return table_.insert_or_assign(key, std::move(value)).second;
  }

  bool erase(const Key& key) {
    lock_guard lock{mutex_};
    return table_.erase(key) > 0;
  }

  template <class Mutate>
  bool update(const Key& key, Mutate& mutate) {
    lock_guard lock{mutex_};
    return update_in(table_, key, mutate);
  }

  template <class Make, class Mutate>
  bool upsert(const Key& key, Make& make, Mutate& mutate) {
    lock_guard lock{mutex_};
    return upsert_in(table_, key, make, mutate);
  }

 private:
  // The escape hatch for lock objects: checked at run time, trusted by the analysis after.
  void proved_reading(const read_lock& proof) const SAFEMAP_ASSERT_SHARED_CAPABILITY(mutex_) {
    require_owned(proof, mutex_);
  }
  void proved_writing(const write_lock& proof) const SAFEMAP_ASSERT_CAPABILITY(mutex_) {
    require_owned(proof, mutex_);
  }

  mutable mutex_type mutex_;
  table_type table_ SAFEMAP_GUARDED_BY(mutex_);
};

}  // namespace safemap::detail
