// safemap::owner_thread_map — one thread owns a plain std::unordered_map; every other thread
// sends it requests over a queue and waits for the answer ("do not communicate by sharing
// memory; share memory by communicating"). No lock ever guards the table: only the owner
// thread touches it.
//
// Thread safety: every operation enqueues a request and (except async) waits for its answer; the
// owner runs requests one at a time in queue order, so all operations are
//   linearizable. Callbacks (update / upsert / for_each / async) run ON THE OWNER THREAD, not
//   the caller's: do not rely on the caller's thread_locals in them. A callback calling back
//   into the same map throws safemap::reentrant_call (it would wait for itself).
// Shutdown: shutdown() (also run by the destructor) stops accepting requests, lets the owner
//   finish every request already queued (none is lost), and joins it. Any operation after that
//   throws safemap::map_shut_down; a request racing with shutdown either runs or throws, never
//   hangs. shutdown() is idempotent and may be called from several threads.
// Exception safety: a request that throws (hash, copy, callback) delivers its exception to the
//   caller (rethrown by the call, or through async()'s future); the owner keeps serving.
//   Strong against throwing hashes, comparisons, copies and allocations (std::unordered_map's;
//   tests/faults/); update()'s and upsert()'s mutate run on the stored value, so what they
//   changed before throwing stays.
// Complexity: average O(1) work per operation plus two context switches and one queue node
//   allocation: microseconds, not nanoseconds. for_each and snapshot are O(n) on the owner,
//   which serves nobody else meanwhile.
// for_each: runs on the owner thread over the live table: consistent, all writers wait.
// Values: move-only values work (insert(k, std::move(v)), upsert, update, for_each).
// Choose it: the state has complex invariants spanning many keys (do them in one async
//   request), the owner also does other work in order with the map (an actor / event loop), or
//   you want all mutation provably on one thread. Not for hot, fine-grained access.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <future>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <type_traits>
#include <unordered_map>
#include <utility>

#include <safemap/detail/table_operations.hpp>
#include <safemap/reentry_guard.hpp>
#include <safemap/thread_annotations.hpp>

namespace safemap {

// Thrown by every owner_thread_map operation called after shutdown() began.
class map_shut_down : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

template <class Key, class Value, class Hash = std::hash<Key>, class KeyEqual = std::equal_to<Key>>
class owner_thread_map {
 public:
  using key_type = Key;
  using mapped_type = Value;
  using hasher = Hash;
  using key_equal = KeyEqual;
  using table_type = std::unordered_map<Key, Value, Hash, KeyEqual>;

  static constexpr std::string_view type_name{"safemap::owner_thread_map"};

  owner_thread_map() : owner_{[this] { serve(); }} {}
  // Terminates if shutdown() throws: a failed join (std::system_error) or a destructor run from
  // one of this map's own callbacks (reentrant_call) leaves the owner thread without an end.
  // NOLINTNEXTLINE(bugprone-exception-escape)
  ~owner_thread_map() { shutdown(); }

  owner_thread_map(const owner_thread_map&) = delete;
  owner_thread_map& operator=(const owner_thread_map&) = delete;

  // Runs request(table) on the owner thread, after every request queued before it; the future
  // carries its result or exception. The table reference is valid only during the call.
  // Keep the future alive while you handle an exception it rethrows: libstdc++ counts
  // references to exception objects in code ThreadSanitizer cannot see, so dropping the future
  // first can draw a false race report on the exception object under TSan.
  template <class Request>
  std::future<std::invoke_result_t<Request&, table_type&>> async(Request request) {
    using result = std::invoke_result_t<Request&, table_type&>;
    std::packaged_task<result()> task{
        [this, request = std::move(request)]() mutable { return request(table_); }};
    auto answer = task.get_future();
    enqueue("async", std::move(task));
    return answer;
  }

  std::optional<Value> find(const Key& key) const {
    return call("find", [&](const table_type& table) { return detail::copy_of(table, key); });
  }

  bool contains(const Key& key) const {
    return call("contains", [&](const table_type& table) { return table.contains(key); });
  }

  std::size_t size() const {
    return call("size", [](const table_type& table) { return table.size(); });
  }

  bool empty() const { return size() == 0; }

  bool insert(const Key& key, Value value) {
    return call("insert",
                [&](table_type& table) { return table.try_emplace(key, std::move(value)).second; });
  }

  bool insert_or_assign(const Key& key, Value value) {
    return call("insert_or_assign", [&](table_type& table) {
      return table.insert_or_assign(key, std::move(value)).second;
    });
  }

  bool erase(const Key& key) {
    return call("erase", [&](table_type& table) { return table.erase(key) > 0; });
  }

  void clear() {
    call("clear", [](table_type& table) { table.clear(); });
  }

  template <class Mutate>
  bool update(const Key& key, Mutate&& mutate) {
    return call("update", [&](table_type& table) { return detail::update_in(table, key, mutate); });
  }

  template <class Make, class Mutate>
  bool upsert(const Key& key, Make&& make, Mutate&& mutate) {
    return call("upsert",
                [&](table_type& table) { return detail::upsert_in(table, key, make, mutate); });
  }

  template <class Visit>
  void for_each(Visit&& visit) const {
    call("for_each", [&](const table_type& table) {
      for (const auto& [key, value] : table) visit(key, value);
    });
  }

  table_type snapshot() const {
    return call("snapshot", [](const table_type& table) { return table; });
  }

  // Stops accepting requests, serves the ones already queued, joins the owner thread.
  void shutdown() {
    reentry_guard guard{this, type_name, "shutdown"};
    {
      lock_guard lock{queue_mutex_};
      accepting_ = false;
    }
    queue_changed_.notify_one();
    std::call_once(joined_, [this] { owner_.join(); });
  }

 private:
  // The answer to one synchronous request; lives on the caller's stack while it waits.
  template <class Result>
  struct reply {
    std::optional<std::conditional_t<std::is_void_v<Result>, bool, Result>> value;
    std::exception_ptr error;
    // Guarded by the map's queue_mutex_, which a member of this struct cannot name for the
    // analysis (SAFEMAP_GUARDED_BY takes a member of the same object or a global).
    bool done = false;
  };

  // Synchronous operations: the caller waits, so the request may capture the caller's
  // arguments by reference. Not a std::future: the owner thread must drop every reference to
  // a thrown exception before the caller can see it, so the exception object is freed on the
  // caller's thread, where ThreadSanitizer sees every access to it (see async()).
  template <class Request>
  auto call(std::string_view operation, Request request) const {
    using result = std::invoke_result_t<Request&, table_type&>;
    reply<result> answer;
    enqueue(operation, [this, &answer, &request] {
      try {
        if constexpr (std::is_void_v<result>) {
          request(table_);
          answer.value.emplace(true);
        } else {
          answer.value.emplace(request(table_));
        }
      } catch (...) {
        answer.error = std::current_exception();
      }
      {
        lock_guard lock{queue_mutex_};
        answer.done = true;
      }
      reply_ready_.notify_all();
    });
    {
      lock_guard lock{queue_mutex_};
      while (!answer.done) queue_mutex_.wait(reply_ready_);
    }
    if (answer.error) std::rethrow_exception(answer.error);
    if constexpr (!std::is_void_v<result>) return std::move(*answer.value);
  }

  // Queues job to run on the owner thread, marked as inside `operation` of this map there.
  template <class Job>
  void enqueue(std::string_view operation, Job job) const {
    reentry_guard guard{this, type_name, operation};
    std::packaged_task<void()> marked_job{[this, operation, job = std::move(job)]() mutable {
      reentry_guard inside{this, type_name, operation};
      job();
    }};
    {
      lock_guard lock{queue_mutex_};
      if (!accepting_) {
        throw map_shut_down{std::string{type_name} + "::" + std::string{operation} +
                            "() called after shutdown()"};
      }
      queue_.push_back(std::move(marked_job));
    }
    queue_changed_.notify_one();
  }

  void serve() {
    for (;;) {
      std::packaged_task<void()> next;
      {
        lock_guard lock{queue_mutex_};
        while (queue_.empty() && accepting_) queue_mutex_.wait(queue_changed_);
        if (queue_.empty()) return;  // not accepting and drained
        next = std::move(queue_.front());
        queue_.pop_front();
      }
      next();
    }
  }

  // mutable: sending a request is not a change of the map; const operations send requests whose
  // lambdas take the table as const.
  mutable mutex queue_mutex_;
  mutable std::condition_variable queue_changed_;
  mutable std::condition_variable reply_ready_;
  mutable std::deque<std::packaged_task<void()>> queue_ SAFEMAP_GUARDED_BY(queue_mutex_);
  bool accepting_ SAFEMAP_GUARDED_BY(queue_mutex_) = true;
  std::once_flag joined_;
  mutable table_type table_;  // touched only by the owner thread
  std::thread owner_;         // last: starts serving once everything above exists
};

}  // namespace safemap
