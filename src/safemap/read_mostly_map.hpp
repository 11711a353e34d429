// safemap::read_mostly_map — readers never lock: they read an immutable published table.
// Writers copy the table, change the copy, publish it with one atomic pointer swap, and free
// the old table once no reader can still be using it. Go's sync.Map idea, done with C++'s
// tools: no "dirty map" promotion heuristics, just copy-on-write plus safe reclamation.
//
// Reclamation: an RCU grace period (detail/read_epochs.hpp). Every read runs inside a read-side
//   section (two atomic increments on a per-thread-striped counter, never a wait); the writer,
//   after swapping the pointer, waits until every section that began before the swap has ended,
//   then deletes the old table. Chosen over std::atomic<std::shared_ptr<const table>>, whose
//   libstdc++ implementation takes a spin lock inside every load (readers would wait for each
//   other on one cache line), and over hazard pointers (more code for no gain here).
// Thread safety: find / contains / size / for_each / snapshot are lock-free and see one
//   published table each (linearizable). Writes are serialised by one writer mutex and are
//   linearizable at the pointer swap. A callback calling back into the same map throws
//   safemap::reentrant_call (a write from inside for_each would wait for its own read section).
// Exception safety: strong for every write, update and upsert included: the callback runs on the
//   private copy, so if it (or the copy) throws, nothing is published. Reads that throw (a
//   throwing copy of V) leave their section through RAII.
// Table: the published table is immutable, so it is a flat open-addressing one
//   (detail/flat_lookup_table.hpp): a lookup reads about one slot of one array instead of a
//   chain of nodes. Writers edit a std::unordered_map copy of it and rebuild the flat table.
// Complexity: reads O(1) average and never wait; each write O(n) (copies the table) plus
//   waiting for readers that began before it, so a for_each with a slow callback delays writers
//   (never readers). Memory: up to two tables during a write.
// for_each: iterates one published table: a consistent snapshot, without blocking anyone.
// Values: Value must be copyable (copy-on-write).
// Choose it: reads vastly outnumber writes and the map is small to medium (configuration,
//   routing tables, feature flags, caches filled once and read forever). Write-heavy or large
//   maps want sharded_map; never-changing maps want frozen_map.
#pragma once

#include <atomic>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <utility>

#include <safemap/detail/flat_lookup_table.hpp>
#include <safemap/detail/read_epochs.hpp>
#include <safemap/detail/table_operations.hpp>
#include <safemap/reentry_guard.hpp>
#include <safemap/thread_annotations.hpp>

namespace safemap {

template <class Key, class Value, class Hash = std::hash<Key>, class KeyEqual = std::equal_to<Key>>
class read_mostly_map {
 public:
  using key_type = Key;
  using mapped_type = Value;
  using hasher = Hash;
  using key_equal = KeyEqual;

  using table_type = std::unordered_map<Key, Value, Hash, KeyEqual>;

  static constexpr std::string_view type_name{"safemap::read_mostly_map"};

  read_mostly_map() : read_mostly_map(table_type{}) {}
  // Starts with `initial` published: one O(n) build, where n inserts would copy the table n
  // times (each write is copy-on-write).
  explicit read_mostly_map(table_type initial)
      : published_{std::make_unique<const lookup_table>(std::move(initial)).release()} {}
  ~read_mostly_map() { delete published_.load(); }

  read_mostly_map(const read_mostly_map&) = delete;
  read_mostly_map& operator=(const read_mostly_map&) = delete;

  std::optional<Value> find(const Key& key) const {
    reentry_guard guard{this, type_name, "find"};
    auto section = epochs_.enter();
    if (const Value* value = published_.load()->find(key)) return *value;
    return std::nullopt;
  }

  bool contains(const Key& key) const {
    reentry_guard guard{this, type_name, "contains"};
    auto section = epochs_.enter();
    return published_.load()->find(key) != nullptr;
  }

  std::size_t size() const {
    reentry_guard guard{this, type_name, "size"};
    auto section = epochs_.enter();
    return published_.load()->size();
  }

  bool empty() const { return size() == 0; }

  bool insert(const Key& key, Value value) {
    reentry_guard guard{this, type_name, "insert"};
    lock_guard writer{writer_mutex_};
    if (current_for_writer().find(key) != nullptr) return false;
    return publish_edited(
        [&](table_type& next) { return next.try_emplace(key, std::move(value)).second; });
  }

  bool insert_or_assign(const Key& key, Value value) {
    reentry_guard guard{this, type_name, "insert_or_assign"};
    lock_guard writer{writer_mutex_};
    return publish_edited(
        [&](table_type& next) { return next.insert_or_assign(key, std::move(value)).second; });
  }

  bool erase(const Key& key) {
    reentry_guard guard{this, type_name, "erase"};
    lock_guard writer{writer_mutex_};
    if (current_for_writer().find(key) == nullptr) return false;
    return publish_edited([&](table_type& next) { return next.erase(key) > 0; });
  }

  void clear() {
    reentry_guard guard{this, type_name, "clear"};
    lock_guard writer{writer_mutex_};
    publish(std::make_unique<const lookup_table>(table_type{}));
  }

  template <class Mutate>
  bool update(const Key& key, Mutate&& mutate) {
    reentry_guard guard{this, type_name, "update"};
    lock_guard writer{writer_mutex_};
    if (current_for_writer().find(key) == nullptr) return false;
    return publish_edited([&](table_type& next) { return detail::update_in(next, key, mutate); });
  }

  template <class Make, class Mutate>
  bool upsert(const Key& key, Make&& make, Mutate&& mutate) {
    reentry_guard guard{this, type_name, "upsert"};
    lock_guard writer{writer_mutex_};
    return publish_edited(
        [&](table_type& next) { return detail::upsert_in(next, key, make, mutate); });
  }

  template <class Visit>
  void for_each(Visit&& visit) const {
    reentry_guard guard{this, type_name, "for_each"};
    auto section = epochs_.enter();
    published_.load()->for_each(visit);
  }

  std::unordered_map<Key, Value, Hash, KeyEqual> snapshot() const {
    reentry_guard guard{this, type_name, "snapshot"};
    auto section = epochs_.enter();
    return published_.load()->to_unordered_map();
  }

 private:
  using lookup_table = detail::flat_lookup_table<Key, Value, Hash, KeyEqual>;

  // Only with writer_mutex_ held: no one else can replace (and free) the published table.
  const lookup_table& current_for_writer() const SAFEMAP_REQUIRES(writer_mutex_) {
    return *published_.load();
  }

  // Copies the published table, applies edit to the copy, publishes it; edit's result is
  // returned. If the copy or edit throws, nothing is published (strong guarantee).
  template <class Edit>
  bool publish_edited(Edit edit) SAFEMAP_REQUIRES(writer_mutex_) {
    auto next = current_for_writer().to_unordered_map();
    const bool result = edit(next);
    publish(std::make_unique<const lookup_table>(std::move(next)));
    return result;
  }

  void publish(std::unique_ptr<const lookup_table> next) SAFEMAP_REQUIRES(writer_mutex_) {
    std::unique_ptr<const lookup_table> old{published_.exchange(next.release())};
    epochs_.wait_for_readers();  // only now may `old` be freed (when it leaves scope)
  }

  mutable detail::read_epochs epochs_;
  // Replaced only with writer_mutex_ held (publish), but loaded by lock-free readers: an atomic,
  // so not SAFEMAP_GUARDED_BY; what readers may do with it is the epochs' business.
  std::atomic<const lookup_table*> published_;
  mutex writer_mutex_;
};

}  // namespace safemap
