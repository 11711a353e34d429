// The maps differential programs run on: every concurrent variant of the library, and
// safemap::checked_map through the same standard-API adapter as the model, each with integer and
// with string keys and values (which pick different table implementations inside sharded_map).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <safemap/checked_map.hpp>
#include <safemap/mutex_map.hpp>
#include <safemap/owner_thread_map.hpp>
#include <safemap/read_mostly_map.hpp>
#include <safemap/sharded_map.hpp>
#include <safemap/shared_mutex_map.hpp>

#include "stress/differential/run.hpp"

namespace safemap::stress::differential {

// Calls visit.template operator()<Map>(name) for each map under test.
template <class Visit>
void for_each_variant(Visit&& visit) {
  const auto of_types = [&visit]<class Key, class Value>(std::string_view types) {
    const std::string suffix{types};
    visit.template operator()<mutex_map<Key, Value>>("safemap::mutex_map" + suffix);
    visit.template operator()<shared_mutex_map<Key, Value>>("safemap::shared_mutex_map" + suffix);
    visit.template operator()<sharded_map<Key, Value>>("safemap::sharded_map" + suffix);
    visit.template operator()<read_mostly_map<Key, Value>>("safemap::read_mostly_map" + suffix);
    visit.template operator()<owner_thread_map<Key, Value>>("safemap::owner_thread_map" + suffix);
    visit.template operator()<table_api<checked_map<Key, Value>>>("safemap::checked_map" + suffix);
  };
  of_types.template operator()<std::uint64_t, std::uint64_t>("<uint64, uint64>");
  of_types.template operator()<std::string, std::string>("<string, string>");
}

}  // namespace safemap::stress::differential
