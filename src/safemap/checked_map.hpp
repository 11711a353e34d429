// safemap::checked_map — a std::unordered_map that dies loudly, like a Go map, when two threads
// use it at once or when it is written to while an iterator walks it.
//
// Thread safety: NONE. It is not a concurrent map and locks nothing. It is for code that means
//   every map to have one owner at a time (one thread, or whoever holds the mutex guarding it),
//   as Go maps are: several threads may read it at once while no thread writes, exactly like
//   const std::unordered_map. What it adds is Go's runtime safety net: when that intent is broken
//   it aborts with Go's message and a symbolized stack instead of silently corrupting memory:
//     fatal error: concurrent map writes                  two writers overlapped
//     fatal error: concurrent map read and map write      a reader overlapped a writer
//     fatal error: concurrent map iteration and map write an iterator stepped over a map that a
//                                                          writer is in, or that changed structure
//   The report format and the exact limits of what is seen (best effort, like Go's) are in
//   detail/checked_map_report.hpp and detail/checked_map_access.hpp. Under ThreadSanitizer the
//   overlap checks step aside and TSan reports the misuse (with both stacks); the iteration
//   check below stays on.
// Iteration (single thread too): a write that changes the structure (adds a key, erases, clears,
//   rehashes, reserves, swaps or assigns the table) makes every iterator made before it
//   unusable: its next
//   ++ (or its use in erase) aborts. That is stricter than the standard, which keeps iterators
//   valid when no rehash happened and the element was not erased: `for (auto& [k, v] : m)
//   m.erase(k)` and inserting inside a range-for are caught every time, not only on the run that
//   happens to rehash. Erase while iterating with `it = m.erase(it)` (the iterator erase returns
//   is valid) or erase_if(m, pred) (found by ADL). Assigning to existing keys never invalidates.
// Exception safety: std::unordered_map's. The checks are RAII scopes, so a throwing hash, equal,
//   allocation or at() never leaves the map marked as being written.
// Complexity: std::unordered_map's, plus a few loads and compares of one word per operation and
//   per iterator step (measured in bench/checked_map_overhead.cpp; figure in docs/library.md).
// Not here: node handles (extract, merge), heterogeneous lookup, the local bucket iterators.
// Choose it: instead of std::unordered_map wherever a map is meant to be single-owner, in
//   production builds too, so that the day it is shared by mistake you get a report naming the
//   map and the line, not corruption far from the cause. Needs the safemap::checked_map CMake
//   target (it links libbacktrace for the stack trace).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <iterator>
#include <memory>
#include <string>
#include <type_traits>
#include <typeinfo>
#include <unordered_map>
#include <utility>

#include <safemap/detail/checked_map_access.hpp>

namespace safemap {

template <class Key, class Value, class Hash = std::hash<Key>, class KeyEqual = std::equal_to<Key>,
          class Allocator = std::allocator<std::pair<const Key, Value>>>
class checked_map {
  using table_type = std::unordered_map<Key, Value, Hash, KeyEqual, Allocator>;

 public:
  using key_type = Key;
  using mapped_type = Value;
  using value_type = typename table_type::value_type;
  using size_type = typename table_type::size_type;
  using difference_type = typename table_type::difference_type;
  using hasher = Hash;
  using key_equal = KeyEqual;
  using allocator_type = Allocator;
  using reference = value_type&;
  using const_reference = const value_type&;
  using pointer = typename table_type::pointer;
  using const_pointer = typename table_type::const_pointer;

  // A forward iterator that checks, before each step, that the map was not written to since it
  // was made (see the class comment).
  template <bool IsConst>
  class basic_iterator {
    using raw_type = std::conditional_t<IsConst, typename table_type::const_iterator,
                                        typename table_type::iterator>;

   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = typename checked_map::value_type;
    using difference_type = std::ptrdiff_t;
    using pointer = std::conditional_t<IsConst, const value_type*, value_type*>;
    using reference = std::conditional_t<IsConst, const value_type&, value_type&>;

    basic_iterator() = default;
    template <bool OtherConst>
      requires(IsConst && !OtherConst)
    basic_iterator(const basic_iterator<OtherConst>& other) noexcept  // implicit, as std's
        : raw_{other.raw_}, state_{other.state_}, version_{other.version_} {}

    reference operator*() const noexcept { return *raw_; }
    pointer operator->() const noexcept { return std::addressof(*raw_); }

    // Checked before the step (this thread's own erase of the current element is caught before
    // the step reads the freed node) and after it, before the caller can dereference what the
    // step read: a writer that freed the node while this thread was between the two (preempted,
    // say) is caught there instead of as a crash on a garbage pointer.
    basic_iterator& operator++() noexcept {
      check_still_valid("iterator::operator++");
      ++raw_;
      check_still_valid("iterator::operator++");
      return *this;
    }
    basic_iterator operator++(int) noexcept {
      basic_iterator before = *this;
      ++*this;
      return before;
    }

    friend bool operator==(const basic_iterator& left, const basic_iterator& right) noexcept {
      return left.raw_ == right.raw_;
    }

   private:
    friend class checked_map;
    template <bool>
    friend class basic_iterator;

    basic_iterator(raw_type raw, const detail::access_state* state, std::uint32_t version) noexcept
        : raw_{raw}, state_{state}, version_{version} {}

    void check_still_valid(const char* operation) const noexcept {
      state_->check_iteration(version_, {operation, &checked_map::type_name});
    }

    raw_type raw_{};
    const detail::access_state* state_ = nullptr;
    std::uint32_t version_ = 0;  // the map's structural version when this iterator was made
  };
  using iterator = basic_iterator<false>;
  using const_iterator = basic_iterator<true>;

  checked_map() = default;
  explicit checked_map(size_type bucket_count, const Hash& hash = Hash(),
                       const KeyEqual& equal = KeyEqual(), const Allocator& alloc = Allocator())
      : table_(bucket_count, hash, equal, alloc) {}
  template <std::input_iterator InputIt>
  checked_map(InputIt first, InputIt last, size_type bucket_count = 0, const Hash& hash = Hash(),
              const KeyEqual& equal = KeyEqual(), const Allocator& alloc = Allocator())
      : table_(first, last, bucket_count, hash, equal, alloc) {}
  checked_map(std::initializer_list<value_type> values, size_type bucket_count = 0,
              const Hash& hash = Hash(), const KeyEqual& equal = KeyEqual(),
              const Allocator& alloc = Allocator())
      : table_(values, bucket_count, hash, equal, alloc) {}

  checked_map(const checked_map& other) : table_{copy_of(other)} {}
  checked_map(checked_map&& other) noexcept(std::is_nothrow_move_constructible_v<table_type>)
      : table_{take_from(other)} {}

  checked_map& operator=(const checked_map& other) {
    if (this != &other) {
      table_type copy = copy_of(other);
      replace("operator=", [&](table_type& table) { table = std::move(copy); });
    }
    return *this;
  }
  checked_map& operator=(checked_map&& other) noexcept(
      std::is_nothrow_move_assignable_v<table_type>) {
    if (this != &other) {
      table_type taken = take_from(other);
      replace("operator=", [&](table_type& table) { table = std::move(taken); });
    }
    return *this;
  }
  checked_map& operator=(std::initializer_list<value_type> values) {
    replace("operator=", [&](table_type& table) { table = values; });
    return *this;
  }
  ~checked_map() = default;

  // Iterators. begin() is a read (reported like an iteration, as in Go); each step is checked.
  iterator begin() noexcept {
    read_scope scope{*this, "begin", iteration};
    return stamp(table_.begin(), scope.structural_version());
  }
  const_iterator begin() const noexcept {
    read_scope scope{*this, "begin", iteration};
    return stamp(table_.begin(), scope.structural_version());
  }
  const_iterator cbegin() const noexcept { return begin(); }
  // end() reads nothing of the table (it is a null node), so it has nothing to check.
  iterator end() noexcept { return stamp(table_.end()); }
  const_iterator end() const noexcept { return stamp(table_.end()); }
  const_iterator cend() const noexcept { return end(); }

  // Capacity.
  bool empty() const noexcept { return size() == 0; }
  size_type size() const noexcept {
    read_scope scope{*this, "size"};
    return table_.size();
  }
  size_type max_size() const noexcept { return table_.max_size(); }

  // Modifiers: each is one checked write.
  Value& operator[](const Key& key) {
    return write("operator[]", [&](table_type& table) -> Value& { return table[key]; });
  }
  Value& operator[](Key&& key) {
    return write("operator[]", [&](table_type& table) -> Value& { return table[std::move(key)]; });
  }
  std::pair<iterator, bool> insert(const value_type& value) {
    return stamp(write("insert", [&](table_type& table) { return table.insert(value); }));
  }
  std::pair<iterator, bool> insert(value_type&& value) {
    return stamp(
        write("insert", [&](table_type& table) { return table.insert(std::move(value)); }));
  }
  template <std::input_iterator InputIt>
  void insert(InputIt first, InputIt last) {
    write("insert", [&](table_type& table) { table.insert(first, last); });
  }
  void insert(std::initializer_list<value_type> values) {
    write("insert", [&](table_type& table) { table.insert(values); });
  }
  template <class M>
  std::pair<iterator, bool> insert_or_assign(const Key& key, M&& value) {
    return stamp(write("insert_or_assign", [&](table_type& table) {
      return table.insert_or_assign(key, std::forward<M>(value));
    }));
  }
  template <class M>
  std::pair<iterator, bool> insert_or_assign(Key&& key, M&& value) {
    return stamp(write("insert_or_assign", [&](table_type& table) {
      return table.insert_or_assign(std::move(key), std::forward<M>(value));
    }));
  }
  template <class... Args>
  std::pair<iterator, bool> emplace(Args&&... args) {
    return stamp(write(
        "emplace", [&](table_type& table) { return table.emplace(std::forward<Args>(args)...); }));
  }
  template <class... Args>
  std::pair<iterator, bool> try_emplace(const Key& key, Args&&... args) {
    return stamp(write("try_emplace", [&](table_type& table) {
      return table.try_emplace(key, std::forward<Args>(args)...);
    }));
  }
  template <class... Args>
  std::pair<iterator, bool> try_emplace(Key&& key, Args&&... args) {
    return stamp(write("try_emplace", [&](table_type& table) {
      return table.try_emplace(std::move(key), std::forward<Args>(args)...);
    }));
  }
  // The returned iterator is made after the erase, so it stays valid: `it = m.erase(it)`.
  iterator erase(const_iterator position) {
    position.check_still_valid("erase");
    return stamp(write("erase", [&](table_type& table) { return table.erase(position.raw_); }));
  }
  iterator erase(iterator position) { return erase(const_iterator{position}); }
  iterator erase(const_iterator first, const_iterator last) {
    first.check_still_valid("erase");
    last.check_still_valid("erase");
    return stamp(
        write("erase", [&](table_type& table) { return table.erase(first.raw_, last.raw_); }));
  }
  size_type erase(const Key& key) {
    return write("erase", [&](table_type& table) { return table.erase(key); });
  }
  template <class Predicate>
  friend size_type erase_if(checked_map& map, Predicate predicate) {
    return map.write("erase_if",
                     [&](table_type& table) { return std::erase_if(table, predicate); });
  }
  void clear() noexcept {
    write("clear", [](table_type& table) { table.clear(); });
  }
  void swap(checked_map& other) noexcept(std::is_nothrow_swappable_v<table_type>) {
    if (this == &other) return;
    write_scope other_scope{other, "swap", true};
    replace("swap", [&](table_type& table) { table.swap(other.table_); });
  }
  friend void swap(checked_map& left, checked_map& right) noexcept(noexcept(left.swap(right))) {
    left.swap(right);
  }

  // Lookup: each is one checked read.
  Value& at(const Key& key) {
    read_scope scope{*this, "at"};
    return table_.at(key);
  }
  const Value& at(const Key& key) const {
    read_scope scope{*this, "at"};
    return table_.at(key);
  }
  size_type count(const Key& key) const {
    read_scope scope{*this, "count"};
    return table_.count(key);
  }
  iterator find(const Key& key) {
    read_scope scope{*this, "find"};
    return stamp(table_.find(key), scope.structural_version());
  }
  const_iterator find(const Key& key) const {
    read_scope scope{*this, "find"};
    return stamp(table_.find(key), scope.structural_version());
  }
  bool contains(const Key& key) const {
    read_scope scope{*this, "contains"};
    return table_.contains(key);
  }
  std::pair<iterator, iterator> equal_range(const Key& key) {
    read_scope scope{*this, "equal_range"};
    auto [first, last] = table_.equal_range(key);
    return {stamp(first, scope.structural_version()), stamp(last, scope.structural_version())};
  }
  std::pair<const_iterator, const_iterator> equal_range(const Key& key) const {
    read_scope scope{*this, "equal_range"};
    auto [first, last] = table_.equal_range(key);
    return {stamp(first, scope.structural_version()), stamp(last, scope.structural_version())};
  }

  // Hash policy. The setters are writes that count as structural changes (they may rehash).
  size_type bucket_count() const noexcept {
    read_scope scope{*this, "bucket_count"};
    return table_.bucket_count();
  }
  float load_factor() const noexcept {
    read_scope scope{*this, "load_factor"};
    return table_.load_factor();
  }
  float max_load_factor() const noexcept {
    read_scope scope{*this, "max_load_factor"};
    return table_.max_load_factor();
  }
  void max_load_factor(float limit) {
    replace("max_load_factor", [&](table_type& table) { table.max_load_factor(limit); });
  }
  void rehash(size_type bucket_count) {
    replace("rehash", [&](table_type& table) { table.rehash(bucket_count); });
  }
  void reserve(size_type count) {
    replace("reserve", [&](table_type& table) { table.reserve(count); });
  }

  // Observers.
  hasher hash_function() const { return table_.hash_function(); }
  key_equal key_eq() const { return table_.key_eq(); }
  allocator_type get_allocator() const noexcept { return table_.get_allocator(); }

  friend bool operator==(const checked_map& left, const checked_map& right) {
    read_scope left_scope{left, "operator=="};
    read_scope right_scope{right, "operator=="};
    return left.table_ == right.table_;
  }

  // The name the abort report gives this map, e.g. "safemap::checked_map<int, int>".
  static std::string type_name() {
#ifdef __cpp_rtti
    return "safemap::checked_map<" + detail::demangle(typeid(Key).name()) + ", " +
           detail::demangle(typeid(Value).name()) + ">";
#else
    return "safemap::checked_map";
#endif
  }

 private:
  // One read of the table: checked on the way in and on the way out.
  class read_scope {
   public:
    read_scope(const checked_map& map, const char* operation,
               detail::map_misuse reported_as = detail::map_misuse::read_during_write) noexcept
        : map_{map},
          site_{operation, &checked_map::type_name},
          reported_as_{reported_as},
          seen_{map.state_.begin_read(site_, reported_as)} {}
    read_scope(const read_scope&) = delete;
    read_scope& operator=(const read_scope&) = delete;
    ~read_scope() { map_.state_.end_read(seen_, site_, reported_as_); }

    // No writer can change it inside a read that passes its checks, so iterators made in the
    // read are stamped with it without loading the word again.
    std::uint32_t structural_version() const noexcept {
      return detail::access_state::structural_version_of(seen_);
    }

   private:
    const checked_map& map_;
    detail::misuse_site site_;
    detail::map_misuse reported_as_;
    detail::access_state::word_type seen_;
  };
  // Starting an iteration is a read that Go reports as an iteration misuse.
  static constexpr detail::map_misuse iteration = detail::map_misuse::iteration_during_write;

  // One write of the table. It changed the structure when the size moved (an insert rehashes
  // only when it adds an element), or always when the caller says it rebuilds the table
  // (assignment, swap, move, rehash, reserve, max_load_factor).
  class write_scope {
   public:
    write_scope(checked_map& map, const char* operation, bool rebuilds_table = false) noexcept
        : map_{map},
          site_{operation, &checked_map::type_name},
          seen_{map.state_.begin_write(site_)},
          size_{map.table_.size()},
          rebuilds_table_{rebuilds_table} {}
    write_scope(const write_scope&) = delete;
    write_scope& operator=(const write_scope&) = delete;
    ~write_scope() {
      map_.state_.end_write(seen_, rebuilds_table_ || map_.table_.size() != size_, site_);
    }

   private:
    checked_map& map_;
    detail::misuse_site site_;
    detail::access_state::word_type seen_;
    size_type size_;
    bool rebuilds_table_;
  };

  template <class Operation>
  decltype(auto) write(const char* operation, Operation&& operate) {
    write_scope scope{*this, operation};
    return std::forward<Operation>(operate)(table_);
  }
  template <class Operation>
  void replace(const char* operation, Operation&& operate) {
    write_scope scope{*this, operation, true};
    std::forward<Operation>(operate)(table_);
  }

  static table_type copy_of(const checked_map& other) {
    read_scope scope{other, "copy"};
    return other.table_;
  }
  static table_type take_from(checked_map& other) noexcept(
      std::is_nothrow_move_constructible_v<table_type>) {
    write_scope scope{other, "move", true};
    return std::move(other.table_);
  }

  // Iterators carry the structural version of the map they were made from: the one a read saw,
  // or, after a write has finished, the one it left.
  iterator stamp(typename table_type::iterator raw, std::uint32_t version) noexcept {
    return iterator{raw, &state_, version};
  }
  const_iterator stamp(typename table_type::const_iterator raw,
                       std::uint32_t version) const noexcept {
    return const_iterator{raw, &state_, version};
  }
  iterator stamp(typename table_type::iterator raw) noexcept {
    return stamp(raw, state_.structural_version());
  }
  const_iterator stamp(typename table_type::const_iterator raw) const noexcept {
    return stamp(raw, state_.structural_version());
  }
  std::pair<iterator, bool> stamp(std::pair<typename table_type::iterator, bool> raw) noexcept {
    return {stamp(raw.first), raw.second};
  }

  detail::access_state state_;
  table_type table_;
};

}  // namespace safemap
