#include "base/table_hash.h"

#include <cstdint>
#include <random>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include <gtest/gtest.h>

namespace rapport {
namespace {

// Distinct strings get distinct hashes: every string of up to 6 bytes over
// an alphabet with NUL and a high byte (the short paths), and random ones of
// 7 to 40 bytes (the overlapping loads and the long path).
TEST(TableHashTest, DistinctStringsDiffer) {
  const char alphabet[] = {'a', '\0', 'b', '\xff'};
  std::set<std::string> strings;
  std::vector<std::string> level = {""};
  for (int n = 0; n <= 6; ++n) {
    std::vector<std::string> next;
    for (const std::string& s : level) {
      strings.insert(s);
      for (char c : alphabet) next.push_back(s + c);
    }
    level = std::move(next);
  }
  std::mt19937_64 rng(11);
  while (strings.size() < 20000) {
    std::string s(7 + rng() % 34, 'x');
    for (char& c : s) c = alphabet[rng() % 4];
    strings.insert(s);
  }
  std::set<uint64_t> hashes;
  for (const std::string& s : strings) hashes.insert(TableHash(s));
  EXPECT_EQ(hashes.size(), strings.size());
}

TEST(TableHashTest, SizeCountsApartFromTheBytes) {
  EXPECT_NE(TableHash(std::string_view("ab", 2)), TableHash(std::string_view("ab\0", 3)));
  EXPECT_NE(TableHash(std::string_view("\0", 1)), TableHash(std::string_view("", 0)));
  EXPECT_NE(TableHash(std::string(8, '\0')), TableHash(std::string(9, '\0')));
  EXPECT_NE(TableHash(std::string(17, 'z')), TableHash(std::string(18, 'z')));
}

// Words as the extractor sees them: the low bits (a table's mask) and the
// high ones (a slot's tag) both spread over their range.
TEST(TableHashTest, LowAndHighBitsSpread) {
  std::vector<std::string> words;
  for (int i = 0; i < 16384; ++i) {
    std::string w = i % 5 == 0 ? "prefix-shared-by-many-w" : "w";  // the long path, and short ones
    w += std::to_string(i * 7919);
    if (i % 3 == 0) w += "ing";
    words.push_back(w);
  }
  constexpr size_t kBuckets = 1024;  // 16 words a bucket on average
  std::vector<int> low(kBuckets), high(kBuckets);
  for (const std::string& w : words) {
    const uint64_t h = TableHash(w);
    ++low[h & (kBuckets - 1)];
    ++high[h >> 54];
  }
  for (size_t b = 0; b < kBuckets; ++b) {
    EXPECT_LT(low[b], 40) << "low bucket " << b;
    EXPECT_LT(high[b], 40) << "high bucket " << b;
  }
}

TEST(TableHashTest, TransparentHasherFindsByView) {
  std::unordered_map<std::string, int, TableHasher, std::equal_to<>> m;
  m.emplace("rover", 1);
  m.emplace("marathon", 2);
  EXPECT_EQ(m.find(std::string_view("rover"))->second, 1);
  EXPECT_EQ(m.find(std::string_view("marathon"))->second, 2);
  EXPECT_EQ(m.find(std::string_view("rove")), m.end());
}

}  // namespace
}  // namespace rapport
