#include "base/string_table.h"

#include <map>
#include <random>
#include <string>

#include <gtest/gtest.h>

namespace rapport {
namespace {

TEST(StringTableTest, FindsWhatWasInsertedAndNothingElse) {
  StringTable<int> t;
  EXPECT_EQ(t.Find("x:1"), nullptr);  // empty: no slots yet
  bool inserted = false;
  t.FindOrInsert("x:1", &inserted) = 7;
  EXPECT_TRUE(inserted);
  t.FindOrInsert("x:1", &inserted) += 1;
  EXPECT_FALSE(inserted);
  ASSERT_NE(t.Find("x:1"), nullptr);
  EXPECT_EQ(*t.Find("x:1"), 8);
  EXPECT_EQ(t.Find("x:10"), nullptr);  // a longer key with the same start
  EXPECT_EQ(t.Find("x:"), nullptr);    // a prefix
  EXPECT_EQ(t.Find(""), nullptr);
  EXPECT_EQ(t.size(), 1u);
}

TEST(StringTableTest, AgreesWithAMapOverManyKeysAndKeepsReferences) {
  StringTable<std::string> t;
  std::map<std::string, std::string> want;
  std::mt19937 rng(42);
  t.FindOrInsert("x:first") = "first";
  std::string* first = t.Find("x:first");  // must stay valid through every growth
  want["x:first"] = "first";
  for (int i = 0; i < 20000; ++i) {
    // Keys of the shapes the tables see: long numeric ids and @handles.
    std::string key = (i % 3 ? "x:" : "bluesky:@") + std::to_string(rng() % 15000) + std::to_string(rng() % 7);
    bool inserted;
    std::string& v = t.FindOrInsert(key, &inserted);
    EXPECT_EQ(inserted, want.find(key) == want.end()) << key;
    v += "a";
    want[key] += "a";
  }
  EXPECT_EQ(t.size(), want.size());
  EXPECT_EQ(first, t.Find("x:first"));
  EXPECT_EQ(*first, "first");
  for (const auto& [k, v] : want) {
    const std::string* got = t.Find(k);
    ASSERT_NE(got, nullptr) << k;
    EXPECT_EQ(*got, v) << k;
  }
  // values() holds each value once, in insertion order: "first" came first.
  EXPECT_EQ(t.values().size(), want.size());
  EXPECT_EQ(t.values().front(), "first");
}

TEST(StringTableTest, KeysWithEmbeddedNulsAndEmptyKeyAreDistinct) {
  StringTable<int> t;
  t.FindOrInsert(std::string_view("a\0b", 3)) = 1;
  t.FindOrInsert(std::string_view("a\0c", 3)) = 2;
  t.FindOrInsert("") = 3;
  EXPECT_EQ(*t.Find(std::string_view("a\0b", 3)), 1);
  EXPECT_EQ(*t.Find(std::string_view("a\0c", 3)), 2);
  EXPECT_EQ(*t.Find(""), 3);
  EXPECT_EQ(t.Find("a"), nullptr);
}

TEST(StringTableTest, EraseIfKeepsTheRestFindableAndForEachSeesEachOnce) {
  StringTable<int> t;
  std::map<std::string, int> want;
  for (int i = 0; i < 5000; ++i) {
    const std::string key = "x:" + std::to_string(i * 7919 % 100003);
    t.FindOrInsert(key) = i;
    want[key] = i;
  }
  const size_t erased = t.EraseIf([](std::string_view key, int v) { return v % 3 == 0 && key.size() > 3; });
  size_t expected_erased = 0;
  for (auto it = want.begin(); it != want.end();) {
    if (it->second % 3 == 0 && it->first.size() > 3) {
      it = want.erase(it);
      ++expected_erased;
    } else {
      ++it;
    }
  }
  EXPECT_EQ(erased, expected_erased);
  EXPECT_GT(erased, 1000u);
  EXPECT_EQ(t.size(), want.size());
  for (int i = 0; i < 5000; ++i) {
    const std::string key = "x:" + std::to_string(i * 7919 % 100003);
    const int* got = t.Find(key);
    if (want.count(key)) {
      ASSERT_NE(got, nullptr) << key;
      EXPECT_EQ(*got, want[key]);
    } else {
      EXPECT_EQ(got, nullptr) << key;
    }
  }
  std::map<std::string, int> seen;
  t.ForEach([&](std::string_view key, int& v) { EXPECT_TRUE(seen.emplace(std::string(key), v).second) << key; });
  EXPECT_EQ(seen, want);
  // Inserting after a removal finds free room and the old entries still.
  bool inserted = false;
  t.FindOrInsert("x:new", &inserted) = -1;
  EXPECT_TRUE(inserted);
  EXPECT_EQ(*t.Find("x:new"), -1);
  EXPECT_EQ(t.EraseIf([](std::string_view, int) { return true; }), want.size() + 1);
  EXPECT_EQ(t.Find("x:new"), nullptr);
  EXPECT_EQ(t.size(), 0u);
}

TEST(StringTableTest, ClearForgetsEveryKeyAndTheTableFillsAgain) {
  StringTable<int> t;
  for (int i = 0; i < 3000; ++i) t.FindOrInsert("w" + std::to_string(i)) = i;
  t.Clear();
  EXPECT_EQ(t.size(), 0u);
  for (int i = 0; i < 3000; ++i) ASSERT_EQ(t.Find("w" + std::to_string(i)), nullptr) << i;
  int visited = 0;
  t.ForEach([&](std::string_view, int&) { ++visited; });
  EXPECT_EQ(visited, 0);
  // Refilled with other values: each key gets the new one, inserted anew.
  for (int i = 0; i < 3000; i += 2) {
    bool inserted = false;
    t.FindOrInsert("w" + std::to_string(i), &inserted) = -i;
    ASSERT_TRUE(inserted) << i;
  }
  EXPECT_EQ(t.size(), 1500u);
  for (int i = 0; i < 3000; ++i) {
    const int* got = t.Find("w" + std::to_string(i));
    if (i % 2) {
      EXPECT_EQ(got, nullptr) << i;
    } else {
      ASSERT_NE(got, nullptr) << i;
      EXPECT_EQ(*got, -i);
    }
  }
}

}  // namespace
}  // namespace rapport
