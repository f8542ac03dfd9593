#include "pipeline/state_store.h"

#include <sqlite3.h>

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/pipeline/test_util.h"

namespace rapport::pipeline {
namespace {

Post MakePost(std::string id, std::string author_id, std::string author, int64_t t, std::string text,
              std::vector<UserRef> mentions = {}, std::string reply_to = "") {
  Post p;
  p.id = std::move(id);
  p.author_id = std::move(author_id);
  p.author_username = std::move(author);
  p.created_at = t;
  p.text = std::move(text);
  p.mentions = std::move(mentions);
  p.reply_to_user_id = std::move(reply_to);
  p.conversation_id = "c";
  return p;
}

nlp::Occurrence Occ(std::string category, std::string key, int mention = -1) {
  nlp::Occurrence o;
  o.category = std::move(category);
  o.key = key;
  o.value = key;
  o.mention_index = mention;
  return o;
}

// Every text cell of every table, for "no trace left" checks.
std::string DumpAll(sqlite3* db) {
  std::string all = "|";
  for (const char* table : {"posts", "occurrences", "cursors", "candidates", "reviews", "runs", "exports"}) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, (std::string("SELECT * FROM ") + table).c_str(), -1, &st, nullptr) != SQLITE_OK) continue;
    while (sqlite3_step(st) == SQLITE_ROW)
      for (int c = 0; c < sqlite3_column_count(st); ++c) {
        const unsigned char* t = sqlite3_column_text(st, c);
        if (t) all += std::string(reinterpret_cast<const char*>(t)) + "|";
      }
    sqlite3_finalize(st);
  }
  return all;
}

class StateStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = StateStore::Open((tmp_.path() / "state").string());
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s.value());
  }
  // Stores the same small history in every test: sam's posts, a birthday for sam from dana.
  void AddHistory() {
    ASSERT_TRUE(store_->BeginRun().ok());
    ASSERT_TRUE(store_->AddPost(MakePost("1", "77", "sam", 1000, "I bake sourdough"), {Occ("topic", "sourdough")}).ok());
    ASSERT_TRUE(store_->AddPost(MakePost("2", "88", "dana", 2000, "Happy birthday @sam!", {{"77", "sam"}}, "77"),
                                {Occ("birthday", "--0101", 0)})
                    .ok());
    ASSERT_TRUE(store_->AddPost(MakePost("3", "88", "dana", 3000, "My dog Rover"), {Occ("pet", "dog rover")}).ok());
    ASSERT_TRUE(store_->SetCursors({{"x:user:77:tweets", "3"}}).ok());
    ASSERT_TRUE(store_->RecordProposals({{"c-sam-1", "x:77", "topic"}, {"c-dana-1", "x:88", "pet"}}, 5000).ok());
    ASSERT_TRUE(store_->CommitRun({}).ok());
    ASSERT_TRUE(store_->SetDecision("c-sam-1", {"accepted", "", 6000}).ok());
  }
  testing::TempDir tmp_{"state-store"};
  std::unique_ptr<StateStore> store_;
};

TEST_F(StateStoreTest, SchemaIsVersionedAndWal) {
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(store_->db(), "PRAGMA user_version", -1, &st, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(st, 0), StateStore::kSchemaVersion);
  sqlite3_finalize(st);
  ASSERT_EQ(sqlite3_prepare_v2(store_->db(), "PRAGMA journal_mode", -1, &st, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)), "wal");
  sqlite3_finalize(st);
  ASSERT_EQ(sqlite3_prepare_v2(store_->db(), "PRAGMA foreign_keys", -1, &st, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(st, 0), 1);
  sqlite3_finalize(st);
}

TEST_F(StateStoreTest, ANewerSchemaIsRefused) {
  ASSERT_EQ(sqlite3_exec(store_->db(), "PRAGMA user_version = 99", nullptr, nullptr, nullptr), SQLITE_OK);
  store_.reset();
  auto again = StateStore::Open((tmp_.path() / "state").string());
  ASSERT_FALSE(again.ok());
  EXPECT_NE(again.status().message().find("upgrade rapport"), std::string::npos);
}

TEST_F(StateStoreTest, AnAbortedRunLeavesNothing) {
  ASSERT_TRUE(store_->BeginRun().ok());
  ASSERT_TRUE(store_->AddPost(MakePost("1", "77", "sam", 1000, "x"), {Occ("topic", "x")}).ok());
  ASSERT_TRUE(store_->SetCursors({{"k", "v"}}).ok());
  EXPECT_TRUE(store_->HasPost("x", "1"));
  store_->AbortRun();
  EXPECT_FALSE(store_->HasPost("x", "1"));
  EXPECT_EQ(store_->GetCursor("k"), "");
  EXPECT_TRUE(store_->LastRuns(5).empty());
}

TEST_F(StateStoreTest, ReplaysPostsWithTheirOccurrencesInTimeOrder) {
  AddHistory();
  std::vector<std::string> ids;
  std::vector<size_t> counts;
  ASSERT_TRUE(store_->ForEachPost(0, [&](const Post& p, const std::vector<nlp::Occurrence>& o) {
    ids.push_back(p.id);
    counts.push_back(o.size());
    if (p.id == "2") {
      EXPECT_EQ(p.mentions.size(), 1u);
      EXPECT_EQ(p.mentions[0].username, "sam");
      EXPECT_EQ(o[0].mention_index, 0);
    }
  }).ok());
  EXPECT_EQ(ids, (std::vector<std::string>{"1", "2", "3"}));
  EXPECT_EQ(counts, (std::vector<size_t>{1, 1, 1}));
  EXPECT_EQ(store_->GetCursor("x:user:77:tweets"), "3");
  EXPECT_EQ(store_->NewestPostTime(), 3000);
  ids.clear();
  ASSERT_TRUE(store_->ForEachPost(2500, [&](const Post& p, const auto&) { ids.push_back(p.id); }).ok());
  EXPECT_EQ(ids, (std::vector<std::string>{"3"}));
}

TEST_F(StateStoreTest, ForgetRemovesEveryTrace) {
  AddHistory();
  uint64_t removed = 0;
  ASSERT_TRUE(store_->Forget("@sam", &removed).ok());
  EXPECT_EQ(removed, 1u);
  std::string all = DumpAll(store_->db());
  EXPECT_EQ(all.find("sam"), std::string::npos) << all;
  EXPECT_EQ(all.find("|77|"), std::string::npos) << "no cell holds sam's id: " << all;
  EXPECT_EQ(all.find(":77"), std::string::npos) << "no cursor or key names sam's id: " << all;
  EXPECT_EQ(all.find("--0101"), std::string::npos) << "the birthday dana gave sam is gone: " << all;
  EXPECT_NE(all.find("dog rover"), std::string::npos) << "dana's own facts stay";
  EXPECT_TRUE(store_->Decisions().empty());
}

TEST_F(StateStoreTest, SuppressPurgesAndRemembers) {
  AddHistory();
  ASSERT_TRUE(store_->Suppress("77").ok());
  EXPECT_EQ(store_->Suppressed(), (std::vector<std::string>{"77"}));
  std::string all = DumpAll(store_->db());
  EXPECT_EQ(all.find("sourdough"), std::string::npos) << all;
  EXPECT_EQ(all.find("@sam"), std::string::npos) << all;
}

TEST_F(StateStoreTest, PurgeOlderThan) {
  AddHistory();
  uint64_t removed = 0;
  ASSERT_TRUE(store_->PurgeOlderThan(2500, &removed).ok());
  EXPECT_EQ(removed, 2u);
  EXPECT_EQ(store_->PostCount(), 1u);
  std::string all = DumpAll(store_->db());
  EXPECT_EQ(all.find("sourdough"), std::string::npos) << "occurrences go with their posts";
}

TEST_F(StateStoreTest, PurgeRemovesCandidatesNotProposedSinceTheCutoffButKeepsRejections) {
  ASSERT_TRUE(store_->RecordProposals({{"old-accepted", "x:1", "pet"}, {"old-rejected", "x:1", "food"},
                                       {"recent", "x:2", "hobby"}},
                                      1000).ok());
  ASSERT_TRUE(store_->RecordProposals({{"recent", "x:2", "hobby"}}, 5000).ok());
  ASSERT_TRUE(store_->SetDecision("old-accepted", {"edited", "dog: Secret Name", 1000}).ok());
  ASSERT_TRUE(store_->SetDecision("old-rejected", {"rejected", "", 1000}).ok());
  ASSERT_TRUE(store_->SetDecision("recent", {"accepted", "", 5000}).ok());
  ASSERT_TRUE(store_->MarkExported("vcard", {{"old-accepted", "f"}, {"recent", "g"}}, 1000).ok());
  uint64_t removed = 0;
  ASSERT_TRUE(store_->PurgeOlderThan(2500, &removed).ok());
  std::string all = DumpAll(store_->db());
  EXPECT_EQ(all.find("old-accepted"), std::string::npos) << all;
  EXPECT_EQ(all.find("Secret Name"), std::string::npos) << "an edited value is personal data";
  auto d = store_->Decisions();
  EXPECT_EQ(d.count("old-rejected"), 1u) << "a rejection stays so the fact never comes back";
  EXPECT_EQ(d.count("recent"), 1u);
  EXPECT_EQ(store_->Exported("vcard").count("recent"), 1u);
  EXPECT_EQ(store_->Exported("vcard").count("old-accepted"), 0u);
}

TEST_F(StateStoreTest, DecisionsAndExports) {
  EXPECT_FALSE(store_->SetDecision("c1", {"maybe", "", 1}).ok());
  ASSERT_TRUE(store_->SetDecision("c1", {"edited", "dog: Rex", 1}).ok());
  ASSERT_TRUE(store_->SetDecision("c1", {"rejected", "", 2}).ok());
  auto d = store_->Decisions();
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d["c1"].status, "rejected");
  ASSERT_TRUE(store_->MarkExported("vcard", {{"c2", "f1"}}, 10).ok());
  ASSERT_TRUE(store_->MarkExported("vcard", {{"c2", "f2"}}, 11).ok());
  EXPECT_EQ(store_->Exported("vcard").at("c2"), "f2");
  EXPECT_TRUE(store_->Exported("hubspot").empty());
}

}  // namespace
}  // namespace rapport::pipeline
