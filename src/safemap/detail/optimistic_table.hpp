// safemap::detail::optimistic_table — one hash table whose lookups take no lock and write no
// shared memory, for small trivially copyable keys and values; writers serialise on a mutex
// that spins briefly before it sleeps (detail/spinning_mutex.hpp: a write here is a handful of
// stores). sharded_map's shards use it where the types suit (optimistic_table_suits),
// locked_table otherwise.
//
// Why: a reader lock, even a shared one, is an atomic read-modify-write of the lock's cache line,
//   so two cores reading one shard pass that line back and forth on every lookup. Measured with
//   std::shared_mutex shards, 2 threads, 10^4 keys: 0.65x libcuckoo on 99% reads and 0.36x
//   tbb::concurrent_hash_map on skewed (Zipf 0.99) parallel load. Here a lookup only loads, so
//   the lines stay shared in every core's cache until somebody writes.
// How: a sequence lock (H.-J. Boehm, "Can seqlocks get along with programming language memory
//   models?", MSPC 2012). sequence_ is odd while a writer changes slots. A reader loads it,
//   probes the published slot array copying out what it finds, and loads it again: equal and
//   even means no write overlapped, so the copy is a state the table really had (the lookup
//   takes effect at the first load). Otherwise it retries; after optimistic_attempts failures it
//   takes the mutex, so a stream of writers cannot starve it.
// No data race, so none for TSan to report: every slot field is read and written through
//   std::atomic_ref, readers load with acquire and writers store with release (plain moves on
//   x86-64). A reader that saw any store of a write therefore also sees that write's odd
//   sequence on its second load. No fences: TSan does not model them, and gcc warns about them.
// Growth: into a new, bigger array, published with one release store. A reader may still be
//   probing the old one (it then fails validation and retries), so the writer frees outgrown
//   arrays only once no lookup that may have loaded one is still running
//   (detail/lock_free_readers.hpp: lookups announce themselves with plain stores to their own
//   thread's line; the writer, holding the mutex, waits for the few in flight), and only once
//   they hold FreeOutgrownFromBytes together, since that wait costs a system call. Where the
//   system cannot tell (no membarrier(2)) they stay until the table is destroyed. Capacities
//   double, so outgrown arrays together are smaller than the live one. clear() empties the
//   slots and keeps the capacity.
// Requirements (optimistic_table_suits): Key and Value trivially copyable, default
//   constructible, and lock-free through std::atomic_ref (integers, enums, pointers, small
//   structs); Hash does not throw (erase rehashes while its write is half done). A probe racing
//   a writer may compare the key with stale slots and its result is then discarded, so Hash and
//   KeyEqual must be pure functions, as the standard containers already require.
// Thread safety: find and contains from any thread at any time; writes, and the whole-table
//   operations that take a lock as proof, under the mutex (as locked_table).
// Exception safety: strong. What can throw (allocating a bigger array, KeyEqual, the caller's
//   make and mutate) runs before any slot changes, and mutate works on a copy of the value.
// Complexity: as flat_table, O(1) average; growth O(n) under the mutex.
// Memory: capacity = bit_ceil(2 n) slots (at least 8 once non-empty) of a Key and a Value, and
//   one control byte each (SwissTable's idea, probed a byte at a time), plus outgrown arrays
//   while they are smaller than FreeOutgrownFromBytes together.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <type_traits>
#include <utility>
#include <vector>

#include <safemap/detail/linear_probing.hpp>
#include <safemap/detail/lock_free_readers.hpp>
#include <safemap/detail/locked_table.hpp>
#include <safemap/detail/spinning_mutex.hpp>

namespace safemap::detail {

// Evaluated only for trivially copyable types (std::atomic_ref<T> rejects others).
template <class T>
struct atomic_ref_always_lock_free : std::bool_constant<std::atomic_ref<T>::is_always_lock_free> {};

template <class T>
inline constexpr bool fits_atomic_slot =
    std::conjunction_v<std::is_trivially_copyable<T>, std::is_default_constructible<T>,
                       atomic_ref_always_lock_free<T>>;

template <class Key, class Value, class Hash>
inline constexpr bool optimistic_table_suits = fits_atomic_slot<Key> && fits_atomic_slot<Value> &&
                                               std::is_nothrow_invocable_v<const Hash&, const Key&>;

// FreeOutgrownFromBytes: growth frees the arrays it outgrew once they hold at least this many
// bytes together (tests pass 0 to free at every doubling).
template <class Key, class Value, class Hash, class KeyEqual,
          std::size_t FreeOutgrownFromBytes = 64 * 1024>
class optimistic_table {
  static_assert(optimistic_table_suits<Key, Value, Hash>,
                "optimistic_table reads slots without a lock: Key and Value must be trivially "
                "copyable, default constructible and lock-free through std::atomic_ref, and Hash "
                "must not throw");

 public:
  using read_lock = std::unique_lock<spinning_mutex>;
  using write_lock = std::unique_lock<spinning_mutex>;

  optimistic_table() { publish(std::make_unique<slot_array>(1)); }

  [[nodiscard]] read_lock lock_for_reading() const { return read_lock{mutex_}; }
  [[nodiscard]] write_lock lock_for_writing() { return write_lock{mutex_}; }

  std::optional<Value> find(const Key& key) const {
    return read_optimistically(key, [](slot_array& array, std::size_t index) {
      return index == array.capacity ? std::nullopt
                                     : std::optional<Value>{load(array.slots[index].value)};
    });
  }

  bool contains(const Key& key) const {
    return read_optimistically(
        key, [](slot_array& array, std::size_t index) { return index != array.capacity; });
  }

  bool insert(const Key& key, Value&& value) {
    const std::size_t hash = hash_(key);
    lock_guard lock{mutex_};
    if (index_in(live(), key, hash) != live().capacity) return false;
    add_absent(key, hash, value);
    return true;
  }

  bool insert_or_assign(const Key& key, Value&& value) {
    const std::size_t hash = hash_(key);
    lock_guard lock{mutex_};
    if (const std::size_t index = index_in(live(), key, hash); index != live().capacity) {
      write_section section{sequence_};
      store(live().slots[index].value, value);
      return false;
    }
    add_absent(key, hash, value);
    return true;
  }

  bool erase(const Key& key) {
    const std::size_t hash = hash_(key);
    lock_guard lock{mutex_};
    slot_array& array = live();
    const std::size_t hole = index_in(array, key, hash);
    if (hole == array.capacity) return false;
    write_section section{sequence_};
    store(array.controls[hole], empty);
    --size_;
    linear_probing::close_gap(
        hole, array.capacity,
        [&](std::size_t index) { return load(array.controls[index]) != empty; },
        [&](std::size_t index) {
          return linear_probing::home(hash_(load(array.slots[index].key)), array.shift);
        },
        [&](std::size_t from, std::size_t to) {
          store_entry(array, to, load(array.controls[from]), load(array.slots[from].key),
                      load(array.slots[from].value));
          store(array.controls[from], empty);
        });
    return true;
  }

  template <class Mutate>
  bool update(const Key& key, Mutate& mutate) {
    const std::size_t hash = hash_(key);
    lock_guard lock{mutex_};
    const std::size_t index = index_in(live(), key, hash);
    if (index == live().capacity) return false;
    mutate_at(index, mutate);
    return true;
  }

  template <class Make, class Mutate>
  bool upsert(const Key& key, Make& make, Mutate& mutate) {
    const std::size_t hash = hash_(key);
    lock_guard lock{mutex_};
    const std::size_t index = index_in(live(), key, hash);
    if (index == live().capacity) {
      add_absent(key, hash, make());
      return true;
    }
    mutate_at(index, mutate);
    return false;
  }

  // Whole-table operations, for a caller that already holds this table's lock (sharded_map
  // locks every shard first); the lock is the proof.
  std::size_t size(const read_lock& proof) const {
    proved(proof);
    return size_;
  }

  void clear(const write_lock& proof) {
    proved(proof);
    write_section section{sequence_};
    for (std::size_t index = 0; index < live().capacity; ++index) {
      store(live().controls[index], empty);
    }
    size_ = 0;
  }

  // How many arrays the table holds: 1 once outgrown ones are freed (see FreeOutgrownFromBytes).
  std::size_t array_count(const read_lock& proof) const {
    proved(proof);
    return arrays_.size();
  }

  template <class Visit>
  void for_each(const read_lock& proof, Visit& visit) const {
    proved(proof);
    // Plain reads: the lock keeps writers out, and concurrent optimistic readers only read.
    const slot_array& array = live();
    for (std::size_t index = 0; index < array.capacity; ++index) {
      if (array.controls[index] != empty) {
        visit(std::as_const(array.slots[index].key), std::as_const(array.slots[index].value));
      }
    }
  }

 private:
  // Attempts before a reader gives up on optimism and takes the mutex: enough to ride out
  // a write that overlaps now and then, few enough that a reader waiting on a busy writer soon
  // sleeps instead of spinning.
  static constexpr int optimistic_attempts = 4;

  struct slot {
    alignas(std::atomic_ref<Key>::required_alignment) Key key{};
    alignas(std::atomic_ref<Value>::required_alignment) Value value{};
  };

  // A slot's control byte: `empty`, or 0x80 | 7 bits of its key's hash (linear_probing::tag).
  // Probes scan these, one byte a slot, and compare keys only where the tag matches, so a miss
  // rarely reads a slot at all, and a slot needs no flag of its own (16 bytes, not 24, for two
  // 8-byte types).
  static constexpr std::uint8_t empty = 0;

  struct slot_array {
    explicit slot_array(std::size_t slot_count)
        : capacity{slot_count},
          shift{linear_probing::shift_for(slot_count)},
          controls{std::make_unique<std::uint8_t[]>(slot_count)},
          slots{std::make_unique<slot[]>(slot_count)} {}
    const std::size_t capacity;
    const int shift;
    const std::unique_ptr<std::uint8_t[]> controls;  // all `empty` (value-initialised)
    const std::unique_ptr<slot[]> slots;
    std::size_t bytes() const { return capacity * (sizeof(std::uint8_t) + sizeof(slot)); }
  };

  // RAII: the sequence is odd while it lives. Opened with the mutex held, after everything that
  // can throw, so a write section always completes.
  class write_section {
   public:
    explicit write_section(std::atomic<std::uint64_t>& sequence) : sequence_{sequence} {
      // Relaxed: the release stores of the slots that follow order this store before them.
      sequence_.store(sequence_.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
    }
    ~write_section() {
      sequence_.store(sequence_.load(std::memory_order_relaxed) + 1, std::memory_order_release);
    }
    write_section(const write_section&) = delete;
    write_section& operator=(const write_section&) = delete;

   private:
    std::atomic<std::uint64_t>& sequence_;
  };

  template <class T>
  static T load(T& field) {
    return std::atomic_ref<T>{field}.load(std::memory_order_acquire);
  }
  template <class T>
  static void store(T& field, const T& value) {
    std::atomic_ref<T>{field}.store(value, std::memory_order_release);
  }
  static void store_entry(slot_array& array, std::size_t index, std::uint8_t control,
                          const Key& key, const Value& value) {
    store(array.slots[index].key, key);
    store(array.slots[index].value, value);
    store(array.controls[index], control);
  }

  // read(array, index) copies what the caller wants out of key's slot (index == capacity when
  // key is absent), from one consistent state of the table.
  template <class Read>
  auto read_optimistically(const Key& key, Read read) const {
    const std::size_t hash = hash_(key);
    {
      // Keeps the arrays it loads allocated; closed before the mutex, which a writer waiting
      // for readers holds.
      const lock_free_readers::section reading;
      for (int attempt = 0; attempt < optimistic_attempts; ++attempt) {
        const std::uint64_t before = sequence_.load(std::memory_order_acquire);
        if (before % 2 == 1) continue;  // a writer is changing slots
        slot_array& array = *published_.load(std::memory_order_acquire);
        auto result = read(array, index_in(array, key, hash));
        if (sequence_.load(std::memory_order_relaxed) == before) return result;
      }
    }
    lock_guard lock{mutex_};
    return read(live(), index_in(live(), key, hash));
  }

  // The index of key's slot in `array`, or array.capacity when absent; `hash` is hash_(key),
  // computed once per operation. At most capacity steps: a probe racing a writer may meet a run
  // without an empty slot.
  std::size_t index_in(slot_array& array, const Key& key, std::size_t hash) const {
    const std::uint8_t tag = linear_probing::tag(hash);
    std::size_t index = linear_probing::home(hash, array.shift);
    for (std::size_t step = 0; step < array.capacity; ++step) {
      const std::uint8_t control = load(array.controls[index]);
      if (control == empty) break;
      if (control == tag && equal_(load(array.slots[index].key), key)) return index;
      index = linear_probing::next(index, array.capacity);
    }
    return array.capacity;
  }

  std::size_t free_index_in(slot_array& array, std::size_t hash) const {
    std::size_t index = linear_probing::home(hash, array.shift);
    while (load(array.controls[index]) != empty) {
      index = linear_probing::next(index, array.capacity);
    }
    return index;
  }

  // Adds key (hashed to `hash`), known absent, growing first if the table would be more than
  // half full.
  void add_absent(const Key& key, std::size_t hash, const Value& value) SAFEMAP_REQUIRES(mutex_) {
    std::unique_ptr<slot_array> bigger = bigger_array_for(size_ + 1);
    if (bigger) arrays_.reserve(arrays_.size() + 1);  // may throw: before the write section
    const bool grows = bigger != nullptr;
    {
      write_section section{sequence_};
      if (grows) publish(std::move(bigger));
      store_entry(live(), free_index_in(live(), hash), linear_probing::tag(hash), key, value);
      ++size_;
    }
    if (grows) free_outgrown_arrays();
  }

  // Outside the write section, so the readers it waits for validate and finish, not retry.
  // Waiting for readers is a system call that interrupts every core running this process, so
  // growth pays it only once the outgrown arrays are big enough for their copying to have cost
  // more: freeing at every doubling halved sharded_map's parallel_load at 2 threads (10^4 keys,
  // 32 shards: docs/benchmarks.md).
  void free_outgrown_arrays() SAFEMAP_REQUIRES(mutex_) {
    std::size_t outgrown_bytes = 0;
    for (std::size_t index = 0; index + 1 < arrays_.size(); ++index) {
      outgrown_bytes += arrays_[index]->bytes();
    }
    if (outgrown_bytes < FreeOutgrownFromBytes) return;
    if (lock_free_readers::wait_for_readers()) arrays_.erase(arrays_.begin(), arrays_.end() - 1);
  }

  // A copy of the live array grown to hold `entries`, or nullptr when it already can. The copy
  // is private until published, so filling it needs no write section.
  std::unique_ptr<slot_array> bigger_array_for(std::size_t entries) const SAFEMAP_REQUIRES(mutex_) {
    const std::size_t capacity = std::max<std::size_t>(linear_probing::capacity_for(entries), 8);
    if (capacity <= live().capacity) return nullptr;
    auto bigger = std::make_unique<slot_array>(capacity);
    const slot_array& old = live();
    for (std::size_t index = 0; index < old.capacity; ++index) {
      if (old.controls[index] == empty) continue;
      const slot& each = old.slots[index];
      store_entry(*bigger, free_index_in(*bigger, hash_(each.key)), old.controls[index], each.key,
                  each.value);
    }
    return bigger;
  }

  template <class Mutate>
  void mutate_at(std::size_t index, Mutate& mutate) SAFEMAP_REQUIRES(mutex_) {
    slot& target = live().slots[index];
    Value value = load(target.value);
    mutate(value);  // on a copy: if it throws, the table is unchanged
    write_section section{sequence_};
    store(target.value, value);
  }

  // Callers hold the mutex, and have reserved room in arrays_.
  void publish(std::unique_ptr<slot_array> array) SAFEMAP_REQUIRES(mutex_) {
    arrays_.push_back(std::move(array));
    published_.store(arrays_.back().get(), std::memory_order_release);
  }

  slot_array& live() const SAFEMAP_REQUIRES(mutex_) { return *arrays_.back(); }

  // The escape hatch for a lock object (see locked_table): checked at run time, then trusted.
  void proved(const read_lock& proof) const SAFEMAP_ASSERT_CAPABILITY(mutex_) {
    require_owned(proof, mutex_);
  }

  [[no_unique_address]] Hash hash_;
  [[no_unique_address]] KeyEqual equal_;
  mutable spinning_mutex mutex_;
  std::atomic<std::uint64_t> sequence_{0};
  std::atomic<slot_array*> published_{nullptr};
  std::size_t size_ SAFEMAP_GUARDED_BY(mutex_) = 0;
  // The live array last, after any outgrown ones not freed yet (readers may probe them).
  // Their slots are not SAFEMAP_PT_GUARDED_BY(mutex_): lock-free readers load them through
  // published_, under the sequence lock, and every slot access is atomic.
  std::vector<std::unique_ptr<slot_array>> arrays_ SAFEMAP_GUARDED_BY(mutex_);
};

}  // namespace safemap::detail
