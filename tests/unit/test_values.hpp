// Key and value types that misbehave on purpose, for the exception-safety tests.
#pragma once

#include <atomic>
#include <cstddef>
#include <functional>
#include <stdexcept>

namespace safemap::test {

// Hashing this key throws: a throwing hash must leave the map usable and unlocked.
inline constexpr int poison_key = -1;

struct poison_hash {
  std::size_t operator()(int key) const {
    if (key == poison_key) throw std::runtime_error{"poison_hash: refusing to hash poison_key"};
    return std::hash<int>{}(key);
  }
};

// Copying a copy_bomb throws while copy_bomb::armed is set (moves never throw), so a test can
// make exactly the copies a map makes inside its guard throw.
struct copy_bomb {
  static inline std::atomic<bool> armed{false};

  int value = 0;

  copy_bomb() = default;
  explicit copy_bomb(int initial) : value{initial} {}
  copy_bomb(const copy_bomb& other) : value{other.value} { explode_if_armed(); }
  copy_bomb& operator=(const copy_bomb& other) {
    explode_if_armed();
    value = other.value;
    return *this;
  }
  copy_bomb(copy_bomb&&) noexcept = default;
  copy_bomb& operator=(copy_bomb&&) noexcept = default;
  ~copy_bomb() = default;

  friend bool operator==(const copy_bomb&, const copy_bomb&) = default;

 private:
  static void explode_if_armed() {
    if (armed) throw std::runtime_error{"copy_bomb: copied while armed"};
  }
};

// Arms copy_bomb for one scope.
struct armed_copies {
  armed_copies() { copy_bomb::armed = true; }
  ~armed_copies() { copy_bomb::armed = false; }
  armed_copies(const armed_copies&) = delete;
  armed_copies& operator=(const armed_copies&) = delete;
};

}  // namespace safemap::test
