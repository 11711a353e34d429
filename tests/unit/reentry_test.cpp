// A callback that calls back into its own map must throw safemap::reentrant_call (naming the map
// and both operations), never hang; and the map must be usable afterwards.
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "variant_families.hpp"

namespace safemap::test {
namespace {

template <class Family>
class reentry : public ::testing::Test {
 protected:
  using map_type = typename Family::template map<int, int>;

  // Each operation that runs a callback, running `inner` from inside that callback.
  static std::vector<
      std::pair<std::string, std::function<void(map_type&, const std::function<void()>&)>>>
  callback_operations() {
    return {
        {"update", [](map_type& map, const auto& inner) { map.update(1, [&](int&) { inner(); }); }},
        {"upsert",
         [](map_type& map, const auto& inner) {
           map.upsert(
               2,
               [&] {
                 inner();
                 return 0;
               },
               [](int&) {});
         }},
        {"upsert",
         [](map_type& map, const auto& inner) {
           map.upsert(1, [] { return 0; }, [&](int&) { inner(); });
         }},
        {"for_each",
         [](map_type& map, const auto& inner) {
           map.for_each([&](const int&, const int&) { inner(); });
         }},
    };
  }

  // Every operation of the API, as a call from inside a callback.
  static std::vector<std::pair<std::string, std::function<void(map_type&)>>> inner_calls() {
    return {
        {"find", [](map_type& map) { static_cast<void>(map.find(1)); }},
        {"contains", [](map_type& map) { static_cast<void>(map.contains(1)); }},
        {"size", [](map_type& map) { static_cast<void>(map.size()); }},
        {"insert", [](map_type& map) { map.insert(5, 5); }},
        {"insert_or_assign", [](map_type& map) { map.insert_or_assign(1, 5); }},
        {"erase", [](map_type& map) { map.erase(1); }},
        {"clear", [](map_type& map) { map.clear(); }},
        {"update", [](map_type& map) { map.update(1, [](int&) {}); }},
        {"upsert", [](map_type& map) { map.upsert(1, [] { return 0; }, [](int&) {}); }},
        {"for_each", [](map_type& map) { map.for_each([](const int&, const int&) {}); }},
        {"snapshot", [](map_type& map) { static_cast<void>(map.snapshot()); }},
    };
  }
};
TYPED_TEST_SUITE(reentry, mutating_families, family_name);

TYPED_TEST(reentry, EveryCallBackIntoTheSameMapThrowsNamingMapAndOperations) {
  typename TestFixture::map_type map;
  map.insert(1, 1);
  for (const auto& [outer_name, outer] : TestFixture::callback_operations()) {
    for (const auto& [inner_name, inner] : TestFixture::inner_calls()) {
      SCOPED_TRACE(inner_name + " inside " + outer_name);
      try {
        outer(map, [&, &inner_call = inner] { inner_call(map); });
        ADD_FAILURE() << "no reentrant_call";
      } catch (const reentrant_call& error) {
        const std::string_view message = error.what();
        EXPECT_NE(
            message.find(std::string{TestFixture::map_type::type_name} + "::" + inner_name + "()"),
            std::string_view::npos)
            << message;
        EXPECT_NE(message.find(outer_name + "()"), std::string_view::npos) << message;
      }
      // The failed call released everything: the map still answers and accepts writes.
      EXPECT_EQ(map.find(1), 1);
      map.insert_or_assign(1, 1);
      map.erase(2);
    }
  }
}

TYPED_TEST(reentry, CallingAnotherMapFromACallbackIsAllowed) {
  typename TestFixture::map_type first;
  typename TestFixture::map_type second;
  first.insert(1, 10);
  // Always first, then second: calling in both orders would be a lock-order inversion
  // (a potential deadlock between the two maps, which TSan reports), as with any two mutexes.
  first.for_each([&](const int& key, const int& value) { second.insert(key, value); });
  first.update(1, [&](int& value) { value += *second.find(1); });
  EXPECT_EQ(first.find(1), 20);
}

TEST(reentry_guard, NestedGuardsOfDifferentMapsAreFineAndUnwindCleanly) {
  const int first = 0;
  const int second = 0;
  {
    const reentry_guard outer{&first, "first_map", "for_each"};
    const reentry_guard inner{&second, "second_map", "insert"};
    EXPECT_THROW((reentry_guard{&first, "first_map", "find"}), reentrant_call);
    EXPECT_THROW((reentry_guard{&second, "second_map", "find"}), reentrant_call);
  }
  // Both guards are gone: entering either map again is fine.
  EXPECT_NO_THROW((reentry_guard{&first, "first_map", "find"}));
  EXPECT_NO_THROW((reentry_guard{&second, "second_map", "find"}));
}

}  // namespace
}  // namespace safemap::test
