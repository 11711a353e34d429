// Findings of the oracles are located at the member function behind the operation: a
// component's own function when it defines one, the library's when it inherits it.
#include <gtest/gtest.h>

#include <cstdint>

#include <safemap/mutex_map.hpp>
#include <safemap/owner_thread_map.hpp>
#include <safemap/read_mostly_map.hpp>
#include <safemap/sharded_map.hpp>
#include <safemap/shared_mutex_map.hpp>

#include "stress/invariants/findings.hpp"
#include "stress/map/operation_sites.hpp"

namespace safemap::stress {

// A component with an upsert of its own; everything else it inherits from the library. Outside
// the anonymous namespace, as a real component is: a function with internal linkage carries no
// qualified name in the debug info.
struct own_upsert_map : mutex_map<std::uint64_t, std::uint64_t> {
  static constexpr int upsert_line = __LINE__ + 2;
  template <class Make, class Mutate>
  bool upsert(const std::uint64_t& key, Make&& make, Mutate&& mutate) {
    return mutex_map<std::uint64_t, std::uint64_t>::upsert(key, make, mutate);
  }
};

namespace {

TEST(OperationSites, NameTheComponentsOwnMemberFunction) {
  const auto upsert = operation_sites::of<own_upsert_map>().frame_of(operation_kind::upsert);
  ASSERT_TRUE(upsert.has_value());
  EXPECT_TRUE(upsert->file.ends_with("tests/stress/operation_sites_test.cpp")) << upsert->file;
  EXPECT_EQ(upsert->line, own_upsert_map::upsert_line);
  EXPECT_TRUE(upsert->function.starts_with("safemap::stress::")) << upsert->function;
  EXPECT_NE(upsert->function.find("own_upsert_map::upsert"), std::string::npos) << upsert->function;
  EXPECT_FALSE(upsert->function.ends_with(")")) << upsert->function;  // no parameter list
}

TEST(OperationSites, InheritedOperationsResolveToTheLibrary) {
  const auto find = operation_sites::of<own_upsert_map>().frame_of(operation_kind::find);
  ASSERT_TRUE(find.has_value());
  EXPECT_TRUE(find->file.ends_with("src/safemap/locked_map.hpp")) << find->file;
}

template <class Map>
class EveryLibraryVariant : public ::testing::Test {};
using library_variants = ::testing::Types<
    mutex_map<std::uint64_t, std::uint64_t>, shared_mutex_map<std::uint64_t, std::uint64_t>,
    sharded_map<std::uint64_t, std::uint64_t>, read_mostly_map<std::uint64_t, std::uint64_t>,
    owner_thread_map<std::uint64_t, std::uint64_t>>;
TYPED_TEST_SUITE(EveryLibraryVariant, library_variants);

TYPED_TEST(EveryLibraryVariant, HasASiteForEveryOperation) {
  const auto sites = operation_sites::of<TypeParam>();
  for (std::size_t kind = 0; kind < operation_names.size(); ++kind) {
    const auto site = sites.frame_of(static_cast<operation_kind>(kind));
    ASSERT_TRUE(site.has_value()) << operation_names[kind];
    EXPECT_TRUE(site->file.find("/src/safemap/") != std::string::npos)
        << operation_names[kind] << ": " << site->file;
    EXPECT_GT(site->line, 0) << operation_names[kind];
  }
}

TEST(InvariantReport, LocatesAtTheOperationThatShowedIt) {
  findings found{operation_sites::of<own_upsert_map>()};
  found.report("lost update", "13 lost", operation_kind::upsert);
  found.report("lost update", "14 lost", operation_kind::upsert);
  const auto violations = found.violations();
  ASSERT_EQ(violations.size(), 1u);
  const auto finding = found.invariant_report(violations[0]);
  EXPECT_EQ(finding.tool, "SafemapInvariant");
  EXPECT_EQ(finding.kind, "lost update");
  EXPECT_EQ(finding.messages.at(0), "13 lost (and 1 more like it)");
  ASSERT_EQ(finding.stacks.size(), 1u);
  ASSERT_EQ(finding.stacks[0].frames.size(), 1u);
  EXPECT_EQ(finding.stacks[0].frames[0].line, own_upsert_map::upsert_line);
}

}  // namespace
}  // namespace safemap::stress
