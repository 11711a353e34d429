#include "op_stream.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <utility>

#include "zipf_distribution.hpp"

namespace safemap::bench {
namespace {

// Draws a key index of the key set: Zipf-distributed ranks, or uniform when skew is 0.
class key_index_source {
 public:
  explicit key_index_source(const workload& load)
      : zipf_{load.key_count, load.zipf_skew},
        uniform_{0, load.key_count - 1},
        skewed_{load.zipf_skew > 0} {}

  std::uint64_t operator()(std::mt19937_64& engine) {
    return skewed_ ? zipf_(engine) : uniform_(engine);
  }

 private:
  zipf_distribution zipf_;
  std::uniform_int_distribution<std::uint64_t> uniform_;
  bool skewed_;
};

std::vector<op> generate(const workload& load) {
  std::mt19937_64 engine{std::hash<std::string>{}(load.name) ^ load.key_count};
  key_index_source next_index{load};
  std::discrete_distribution<int> next_kind{load.mix.find, load.mix.find_missing,
                                            load.mix.insert_or_increment, load.mix.insert_or_assign,
                                            load.mix.erase};
  std::vector<op> stream;
  stream.reserve(load.ops_per_round);
  for (std::uint64_t i = 0; i < load.ops_per_round; ++i) {
    const auto kind = static_cast<op_kind>(next_kind(engine));
    const auto index = next_index(engine);
    const auto key = key_of(kind == op_kind::find_missing ? load.key_count + index : index);
    stream.push_back({key, kind});
  }
  return stream;
}

}  // namespace

std::span<const op> op_stream(const workload& load) {
  static std::mutex mutex;
  static std::map<std::pair<std::string, std::uint64_t>, std::unique_ptr<std::vector<op>>> cache;
  std::lock_guard lock{mutex};
  auto& stream = cache[{load.name, load.key_count}];
  if (!stream) stream = std::make_unique<std::vector<op>>(generate(load));
  return *stream;
}

std::uint64_t count_increments(std::span<const op> stream) {
  return static_cast<std::uint64_t>(
      std::ranges::count(stream, op_kind::insert_or_increment, &op::kind));
}

}  // namespace safemap::bench
