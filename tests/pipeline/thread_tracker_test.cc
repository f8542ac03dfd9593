#include "pipeline/thread_tracker.h"

#include <gtest/gtest.h>

#include "pipeline/evidence_spill.h"
#include "tests/pipeline/shard_feeding.h"
#include "tests/test_files.h"

namespace rapport::pipeline {
namespace {

constexpr int64_t kT0 = 1777842271;  // 2026-05-03T21:04:31Z
constexpr int64_t kDay = 86400;

Post Reply(std::string id, std::string author, std::string to, int64_t t, std::string conv = "c1") {
  Post p;
  p.id = std::move(id);
  p.author_id = std::move(author);
  p.author_username = "u" + p.author_id;
  p.reply_to_user_id = std::move(to);
  p.created_at = t;
  p.conversation_id = std::move(conv);
  p.text = "text " + p.id;
  return p;
}

nlp::Occurrence Topic(std::string key, std::string value, bool conversational = false) {
  nlp::Occurrence o;
  o.category = "topic";
  o.key = std::move(key);
  o.value = std::move(value);
  o.conversational = conversational;
  return o;
}

TEST(ThreadTrackerTest, PairsThatRepliedToEachOtherWithTheirTopics) {
  ThreadTracker tracker({5, 30});
  tracker.Add(Reply("1", "A", "B", kT0), {Topic("velvet jacket", "velvet jacket", /*conversational=*/true),
                                          Topic("jacket", "jacket", true)});
  tracker.Add(Reply("2", "B", "A", kT0 + 60), {Topic("velvet jacket", "velvet jacket"), Topic("australian market", "Australian market")});
  tracker.Add(Reply("3", "C", "A", kT0 + 120), {Topic("golf", "golf")});  // one-way: no thread
  Post later;
  later.id = "9";
  later.author_id = "D";
  later.created_at = kT0 + 40 * kDay;
  tracker.Add(later, {});
  EXPECT_EQ(tracker.pairs(), 2u) << "A-B, and the one-way C-A";
  EXPECT_EQ(tracker.topics(), 4u) << "velvet jacket, jacket, Australian market; golf";
  std::vector<CommonThread> threads = tracker.Finish();
  ASSERT_EQ(threads.size(), 1u);
  const CommonThread& t = threads[0];
  EXPECT_EQ(t.a.id, "A");
  EXPECT_EQ(t.b.id, "B");
  EXPECT_EQ(t.exchanges, 2u);
  EXPECT_EQ(t.conversations, 1u);
  EXPECT_EQ(t.quiet_days, 39);
  ASSERT_EQ(t.topics.size(), 2u) << "'jacket' is inside 'velvet jacket'";
  EXPECT_EQ(t.topics[0].value, "velvet jacket");
  EXPECT_EQ(t.topics[0].mentions, 2u);
  EXPECT_EQ(t.topics[1].value, "Australian market");
  ASSERT_EQ(t.topics[0].evidence.size(), 2u);
  EXPECT_EQ(t.topics[0].evidence[0].id, "2") << "latest evidence first";
  EXPECT_EQ(t.opener, "Last time (2026-05-03) you talked about velvet jacket and Australian market.");
}

// Reply number ++*n, at kT0 + *n.
Post NextReply(int* n, const std::string& author, const std::string& to) {
  ++*n;
  return Reply(std::to_string(*n), author, to, kT0 + *n);
}

TEST(ThreadTrackerTest, AChattyPairKeepsWhatItCameBackToAmongHundredsOfOneOffs) {
  ThreadTracker tracker({3, 30});
  int n = 0;
  // Recurring topics early on, then 500 one-off topics: far past the pruning
  // threshold, so the one-offs are dropped again and again; the recurring
  // ones must survive every pruning.
  for (int i = 0; i < 3; ++i) {
    tracker.Add(NextReply(&n, "A", "B"), {Topic("sourdough", "sourdough")});
    tracker.Add(NextReply(&n, "B", "A"), {Topic("tide pools", "tide pools")});
  }
  tracker.Add(NextReply(&n, "A", "B"), {Topic("tide pools", "tide pools")});
  for (int i = 0; i < 500; ++i) {
    const std::string k = "oneoff" + std::to_string(i);
    tracker.Add(NextReply(&n, i % 2 ? "A" : "B", i % 2 ? "B" : "A"), {Topic(k, k)});
  }
  std::vector<CommonThread> threads = tracker.Finish();
  ASSERT_EQ(threads.size(), 1u);
  ASSERT_EQ(threads[0].topics.size(), 3u);
  EXPECT_EQ(threads[0].topics[0].value, "tide pools");
  EXPECT_EQ(threads[0].topics[0].mentions, 4u);
  EXPECT_EQ(threads[0].topics[1].value, "sourdough");
  EXPECT_EQ(threads[0].topics[1].mentions, 3u);
  EXPECT_EQ(threads[0].topics[2].value, "oneoff499") << "then the most recent one-off";
  EXPECT_EQ(threads[0].exchanges, 507u);
}

TEST(ThreadTrackerTest, ARejectedCandidateOfEitherPersonIsNoTopic) {
  ThreadOptions options;
  options.excluded = {CandidateId("x", "A", "topic", "charm")};  // Post.platform defaults to "x"
  ThreadTracker tracker(options);
  tracker.Add(Reply("1", "A", "B", kT0), {Topic("charm", "charm"), Topic("velvet jacket", "velvet jacket")});
  tracker.Add(Reply("2", "B", "A", kT0 + 60), {Topic("charm", "charm")});
  std::vector<CommonThread> threads = tracker.Finish();
  ASSERT_EQ(threads.size(), 1u);
  ASSERT_EQ(threads[0].topics.size(), 1u);
  EXPECT_EQ(threads[0].topics[0].value, "velvet jacket");
}

TEST(ThreadTrackerTest, NoOpenerWhileThePairIsActive) {
  ThreadTracker tracker({5, 30});
  tracker.Add(Reply("1", "A", "B", kT0), {Topic("chess", "chess")});
  tracker.Add(Reply("2", "B", "A", kT0 + kDay), {Topic("chess", "chess")});
  auto threads = tracker.Finish();
  ASSERT_EQ(threads.size(), 1u);
  EXPECT_EQ(threads[0].quiet_days, 0);
  EXPECT_EQ(threads[0].opener, "");
}

TEST(ThreadTrackerTest, StaleOneWayPairsAreDroppedButMutualOnesStay) {
  ThreadTracker tracker({5, 30, /*max_one_way_pairs=*/4});
  tracker.Add(Reply("1", "A", "B", kT0), {Topic("chess", "chess")});
  tracker.Add(Reply("2", "B", "A", kT0 + 1), {Topic("chess", "chess")});  // mutual
  for (int i = 0; i < 20; ++i)  // one-way replies to 20 different people
    tracker.Add(Reply("x" + std::to_string(i), "C", "P" + std::to_string(i), kT0 + 10 + i), {Topic("golf", "golf")});
  tracker.Add(Reply("y", "P19", "C", kT0 + 100), {Topic("golf", "golf")});  // the latest one becomes mutual
  auto threads = tracker.Finish();
  ASSERT_EQ(threads.size(), 2u);
  EXPECT_EQ(threads[0].a.id, "A");
  EXPECT_EQ(threads[1].b.id, "P19");
  EXPECT_EQ(threads[1].topics[0].mentions, 2u) << "the recent one-way pair kept its topic";
}

TEST(ThreadTrackerTest, ATopicSaidTwiceInOnePostCountsOnce) {
  ThreadTracker tracker({5, 30});
  tracker.Add(Reply("1", "A", "B", kT0), {Topic("chess", "chess")});
  tracker.Add(Reply("2", "B", "A", kT0 + 60), {Topic("chess", "chess"), Topic("chess", "Chess")});
  auto threads = tracker.Finish();
  ASSERT_EQ(threads.size(), 1u);
  ASSERT_EQ(threads[0].topics.size(), 1u);
  EXPECT_EQ(threads[0].topics[0].mentions, 2u) << "once for post 1, once for post 2";
  EXPECT_EQ(threads[0].topics[0].evidence.size(), 2u);
}

TEST(ThreadTrackerTest, TopicsTiedOnEverythingButCategoryAreOrderedByCategory) {
  // Whatever order the two arrive in, the hobby (h < t) comes before the topic.
  for (bool hobby_first : {true, false}) {
    nlp::Occurrence hobby = Topic("vinyl collecting", "vinyl collecting");
    hobby.category = "hobby";
    nlp::Occurrence topic = Topic("vinyl collecting", "vinyl collection");
    ThreadTracker tracker({5, 30});
    tracker.Add(Reply("1", "A", "B", kT0), hobby_first ? std::vector{hobby, topic} : std::vector{topic, hobby});
    tracker.Add(Reply("2", "B", "A", kT0), {});
    auto threads = tracker.Finish();
    ASSERT_EQ(threads.size(), 1u);
    ASSERT_EQ(threads[0].topics.size(), 2u);
    EXPECT_EQ(threads[0].topics[0].category, "hobby");
    EXPECT_EQ(threads[0].topics[1].category, "topic");
  }
}

// Shards fed from four plain threads at once give what Add() gives; under
// ThreadSanitizer (.ci/sanitize) this checks that shards share nothing but
// read-only inputs and the evidence records' atomic counts.
TEST(ThreadTrackerTest, ShardsFedConcurrentlyGiveTheResultOfPlainAdd) {
  PostsWithOccurrences posts;
  for (int i = 0; i < 80; ++i) {
    // Eight pairs, each replying both ways (even i one way, odd i the other).
    std::string a = "P" + std::to_string((i / 2) % 8), b = "Q" + std::to_string((i / 2) % 8);
    if (i % 2) std::swap(a, b);
    Post p = Reply("r" + std::to_string(i), a, b, kT0 + i * 600, "c" + std::to_string(i % 6));
    p.mentions.push_back({b, "u" + b});
    posts.push_back({p, {Topic("chess " + std::to_string(i % 5), "chess"), Topic("velvet jacket", "velvet jacket")}});
  }
  ThreadTracker plain({5, 30});
  for (const auto& [p, occ] : posts) plain.Add(p, occ);
  std::vector<PreparedPost> prepared;
  for (const auto& [p, occ] : posts) prepared.push_back(Aggregator::Prepare(p, occ));
  ThreadTracker threaded({5, 30});
  FeedShardsFromFourThreads(&threaded, posts, prepared);
  const auto x = plain.Finish(), y = threaded.Finish();
  ASSERT_EQ(x.size(), y.size());
  ASSERT_GT(x.size(), 3u);
  for (size_t i = 0; i < x.size(); ++i) {
    EXPECT_EQ(x[i].a.id, y[i].a.id);
    EXPECT_EQ(x[i].b.id, y[i].b.id);
    EXPECT_EQ(x[i].a.username, y[i].a.username);
    EXPECT_EQ(x[i].exchanges, y[i].exchanges);
    ASSERT_EQ(x[i].topics.size(), y[i].topics.size());
    for (size_t t = 0; t < x[i].topics.size(); ++t) {
      EXPECT_EQ(x[i].topics[t].key, y[i].topics[t].key);
      EXPECT_EQ(x[i].topics[t].mentions, y[i].topics[t].mentions);
    }
  }
}

Artifact Cand(std::string person, std::string category, std::string key, std::string value) {
  Artifact a;
  a.person = {"x", person, "u" + person, ""};
  a.category = std::move(category);
  a.key = std::move(key);
  a.value = std::move(value);
  a.evidence.push_back({"p" + a.person.id, "", "", "post by " + a.person.id, ""});
  return a;
}

TEST(ConnectionsTest, SharedDistinctiveKeysLinkPeopleWhoDoNotTalk) {
  std::vector<Artifact> arts = {Cand("A", "name", "globex", "Globex"), Cand("B", "topic", "globex", "globex"),
                                Cand("C", "name", "globex", "Globex"), Cand("A", "pet", "dog", "dog"),
                                Cand("B", "pet", "dog", "dog")};
  CommonThread t;
  t.a = {"x", "A", "", ""};
  t.b = {"x", "C", "", ""};
  auto links = FindConnections(arts, {t});
  ASSERT_EQ(links.size(), 2u) << "A-C already talk; pets are not serendipity";
  EXPECT_EQ(links[0].a.id, "A");
  EXPECT_EQ(links[0].b.id, "B");
  EXPECT_EQ(links[0].key, "globex");
  EXPECT_EQ(links[0].evidence_a.id, "pA");
  EXPECT_EQ(links[0].evidence_b.id, "pB");
  EXPECT_EQ(links[1].a.id, "B");
  EXPECT_EQ(links[1].b.id, "C");
}

TEST(ConnectionsTest, KeysEveryoneSharesAreNotLinks) {
  std::vector<Artifact> arts;
  for (int i = 0; i < 10; ++i) arts.push_back(Cand("P" + std::to_string(i), "topic", "weather", "weather"));
  EXPECT_TRUE(FindConnections(arts, {}).empty());
}

// The tracker makes its own evidence records for posts the Aggregator kept
// none of; with a spill, those too are read back whole.
TEST(ThreadTrackerTest, EvidenceKeptInASpillIsShownAsFromMemory) {
  testing::TempDir dir("tracker-spill");
  auto spill = EvidenceSpill::Create(dir.path().string(), 32);
  ASSERT_TRUE(spill.ok()) << spill.status().ToString();
  ThreadOptions with_spill{5, 30};
  with_spill.spill = spill->get();
  ThreadTracker in_memory({5, 30}), spilled(with_spill);
  for (int i = 0; i < 12; ++i) {
    Post p = Reply("s" + std::to_string(i), i % 2 ? "A" : "B", i % 2 ? "B" : "A", kT0 + i * 60);
    p.text = "about chess, part " + std::to_string(i);
    // Conversational topics only: the Aggregator keeps no evidence of these
    // posts, so the tracker makes (and spills) its own records.
    const std::vector<nlp::Occurrence> occ = {Topic("chess", "chess", /*conversational=*/true),
                                              Topic("golf " + std::to_string(i % 3), "golf", true)};
    EXPECT_FALSE(Aggregator::Prepare(p, occ).evidence) << "the tracker's own path";
    in_memory.Add(p, occ);
    spilled.Add(p, occ);
  }
  const auto x = in_memory.Finish(), y = spilled.Finish();
  EXPECT_TRUE((*spill)->status().ok());
  EXPECT_GT((*spill)->size(), 0u) << "the texts went to the spill";
  ASSERT_EQ(x.size(), 1u);
  ASSERT_EQ(y.size(), 1u);
  ASSERT_EQ(x[0].topics.size(), y[0].topics.size());
  ASSERT_FALSE(x[0].topics.empty());
  for (size_t t = 0; t < x[0].topics.size(); ++t) {
    ASSERT_EQ(x[0].topics[t].evidence.size(), y[0].topics[t].evidence.size());
    for (size_t e = 0; e < x[0].topics[t].evidence.size(); ++e) {
      EXPECT_EQ(x[0].topics[t].evidence[e].id, y[0].topics[t].evidence[e].id);
      EXPECT_EQ(x[0].topics[t].evidence[e].text, y[0].topics[t].evidence[e].text);
      EXPECT_EQ(x[0].topics[t].evidence[e].url, y[0].topics[t].evidence[e].url);
      EXPECT_EQ(x[0].topics[t].evidence[e].author_username, y[0].topics[t].evidence[e].author_username);
    }
  }
  EXPECT_EQ(y[0].topics[0].evidence[0].text, "about chess, part 11");
}

}  // namespace
}  // namespace rapport::pipeline
