#include "pipeline/aggregator.h"

#include <gtest/gtest.h>

#include <set>
#include <span>

#include "base/fnv.h"
#include "pipeline/evidence_spill.h"
#include "pipeline/internal/distinct_count.h"
#include "tests/pipeline/shard_feeding.h"
#include "tests/test_files.h"

namespace rapport::pipeline {
namespace {

Post MakePost(std::string id, std::string author, int64_t t, std::string conversation, std::string reply_to_user = "") {
  Post p;
  p.id = std::move(id);
  p.author_id = std::move(author);
  p.author_username = "user" + p.author_id;
  p.created_at = t;
  p.conversation_id = std::move(conversation);
  p.reply_to_user_id = std::move(reply_to_user);
  p.text = "text of " + p.id;
  return p;
}

nlp::Occurrence Occ(std::string category, std::string key, std::string value, float weight = 1.0f) {
  nlp::Occurrence o;
  o.category = std::move(category);
  o.key = std::move(key);
  o.value = std::move(value);
  o.weight = weight;
  return o;
}

constexpr int64_t kDay = 86400;
constexpr int64_t kT0 = 1777842271;

const Artifact* Find(const std::vector<Artifact>& all, const std::string& person, const std::string& key) {
  for (const Artifact& a : all)
    if (a.person.id == person && a.key == key) return &a;
  return nullptr;
}

TEST(AggregatorTest, CountsItsPeopleAndTheirKeys) {
  Aggregator agg({2, 10});
  EXPECT_EQ(agg.keys(), 0u);
  agg.Add(MakePost("1", "A", kT0, "c1"), {Occ("hobby", "marathon", "marathon"), Occ("pet", "dog", "dog")});
  agg.Add(MakePost("2", "A", kT0 + 60, "c1"), {Occ("hobby", "marathon", "marathon")});  // the same key again
  agg.Add(MakePost("3", "B", kT0 + 120, "c2"), {Occ("hobby", "marathon", "marathon")});  // another person's
  EXPECT_EQ(agg.people(), 2u);
  EXPECT_EQ(agg.keys(), 3u) << "one record per (person, key)";
}

TEST(AggregatorTest, PrepareNamesEachOccurrencesKeyOnceWithItsHash) {
  const PreparedPost p = Aggregator::Prepare(
      MakePost("1", "A", kT0, "c1"),
      {Occ("hobby", "marathon", "marathon"), Occ("family", "granddaught", "granddaughter"), Occ("topic", "", "")});
  ASSERT_EQ(p.key_refs.size(), 3u);
  EXPECT_EQ(p.key(0), "hobby|marathon");
  EXPECT_EQ(p.key(1), "family|granddaught");
  EXPECT_EQ(p.key(2), "topic|");
  for (size_t i = 0; i < 3; ++i) EXPECT_EQ(p.key_hash(i), Fnv1a32(p.key(i))) << i;
  EXPECT_EQ(p.post_id_hash, Fnv1a32("1"));
}

// Prepare hashes person and pair keys piece by piece; the shards must be
// those of the whole keys, whichever side of a pair posts.
TEST(AggregatorTest, PrepareShardsPeopleAndPairsByTheirWholeKeys) {
  Post post = MakePost("1", "A", kT0, "c1", /*reply_to_user=*/"B");
  post.mentions.push_back({"C", "carol"});
  post.mentions.push_back({"", "dana"});
  nlp::Occurrence about_dana = Occ("pet", "dog", "dog");
  about_dana.mention_index = 1;
  const PreparedPost p = Aggregator::Prepare(post, {Occ("hobby", "marathon", "marathon"), about_dana});
  const std::string a = post.platform + ":A", b = post.platform + ":B";
  EXPECT_EQ(p.author_key, a);
  EXPECT_EQ(p.author_shard, Aggregator::PersonShard(a));
  ASSERT_EQ(p.mention_shards.size(), 2u);
  EXPECT_EQ(p.mention_shards[0], Aggregator::PersonShard(post.platform + ":C"));
  EXPECT_EQ(p.mention_shards[1], Aggregator::kNoShard);
  ASSERT_EQ(p.shards.size(), 2u);
  EXPECT_EQ(p.shards[0], p.author_shard);
  EXPECT_EQ(p.shards[1], Aggregator::PersonShard(post.platform + ":@dana"));
  EXPECT_EQ(p.reply_shard, Aggregator::PersonShard(b));
  EXPECT_EQ(p.pair_shard, Fnv1a(b, Fnv1a("\x1f", Fnv1a(a))) % Aggregator::kShards);
  EXPECT_EQ(p.partners, (std::vector<uint32_t>{Fnv1a32("B"), Fnv1a32("C"), Fnv1a32("@dana")}));

  const PreparedPost back = Aggregator::Prepare(MakePost("2", "B", kT0, "c1", "A"), {Occ("hobby", "chess", "chess")});
  EXPECT_EQ(back.pair_shard, p.pair_shard) << "both sides of a pair meet in one shard";
  EXPECT_EQ(back.reply_shard, p.author_shard);
}

TEST(AggregatorTest, ConversationsAreExactUpToALimitThenEstimated) {
  // Bounded memory per key (DistinctCount): the count of distinct
  // conversations is exact up to kExact, then an estimate.
  const uint32_t exact = internal::DistinctCount::kExact;
  for (uint32_t n : {exact, 60u}) {
    Aggregator agg({1, 10});
    for (uint32_t i = 0; i < n; ++i)  // each conversation twice
      for (int rep = 0; rep < 2; ++rep)
        agg.Add(MakePost(std::to_string(i * 2 + rep), "A", kT0 + i * kDay, "conv" + std::to_string(i)),
                {Occ("hobby", "marathon", "marathon")});
    std::vector<Artifact> out = agg.Finish();
    const Artifact* a = Find(out, "A", "marathon");
    ASSERT_NE(a, nullptr);
    EXPECT_EQ(a->mentions, 2 * n);
    EXPECT_EQ(a->days, n) << "days stay exact";
    if (n == exact) {
      EXPECT_EQ(a->conversations, n);
    } else {
      // What a DistinctCount of the same conversation hashes estimates (not
      // necessarily n), and near n.
      internal::Pool pool;
      internal::DistinctCount expected;
      for (uint32_t i = 0; i < n; ++i) expected.Insert(&pool, Fnv1a32("conv" + std::to_string(i)));
      EXPECT_FALSE(expected.exact());
      EXPECT_EQ(a->conversations, expected.size());
      EXPECT_NEAR(a->conversations, n, 0.15 * n);
      expected.Release(&pool);
    }
  }
}

TEST(AggregatorTest, APersonWithMoreKeysThanATagHoldsFindsEveryKeyAgain) {
  // Past 2^16 slots (49,153 keys) a person's key table rehashes from its
  // records, not from the slots' 16-bit tags: every key must still be found.
  constexpr int kKeys = 50000;
  Aggregator agg({1, 10});
  for (int round = 0; round < 2; ++round)
    for (int i = 0; i < kKeys; ++i)
      agg.Add(MakePost(std::to_string(round * kKeys + i), "A", kT0 + i, "c" + std::to_string(i)),
              {Occ("topic", "word" + std::to_string(i), "word")});
  EXPECT_EQ(agg.people(), 1u);
  EXPECT_EQ(agg.keys(), static_cast<uint64_t>(kKeys)) << "a key not found again is inserted twice";
}

TEST(AggregatorTest, CountsMentionsDaysConversationsAndInterlocutors) {
  Aggregator agg({/*evidence=*/2, /*top_k=*/10});
  agg.Add(MakePost("1", "A", kT0, "c1", "B"), {Occ("hobby", "marathon", "marathon")});
  agg.Add(MakePost("2", "A", kT0 + 60, "c1", "C"), {Occ("hobby", "marathon", "marathon")});
  agg.Add(MakePost("3", "A", kT0 + 3 * kDay, "c2"), {Occ("hobby", "marathon", "Marathon")});
  std::vector<Artifact> out = agg.Finish();
  const Artifact* a = Find(out, "A", "marathon");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->mentions, 3u);
  EXPECT_EQ(a->days, 2u);
  EXPECT_EQ(a->conversations, 2u);
  EXPECT_EQ(a->interlocutors, 2u);
  EXPECT_EQ(a->first_seen, "2026-05-03T21:04:31Z");
  EXPECT_EQ(a->last_seen, "2026-05-06T21:04:31Z");
  ASSERT_EQ(a->evidence.size(), 2u) << "capped at the configured number";
  EXPECT_EQ(a->evidence[0].id, "1") << "earliest evidence first";
  EXPECT_EQ(a->evidence[1].id, "2");
  EXPECT_EQ(a->value, "marathon") << "the value of the earliest occurrence";
  EXPECT_EQ(a->said_by, "self");
  EXPECT_EQ(a->candidate_id, CandidateId("x", "A", "hobby", "marathon"));
}

TEST(AggregatorTest, RecurrenceOutranksAOneOff) {
  Aggregator agg({3, 10});
  for (int d = 0; d < 5; ++d)
    agg.Add(MakePost("r" + std::to_string(d), "A", kT0 + d * kDay, "c" + std::to_string(d)),
            {Occ("hobby", "climb", "climbing")});
  agg.Add(MakePost("o", "A", kT0, "c9"), {Occ("topic", "pizza", "pizza"), Occ("topic", "pizza", "pizza")});
  std::vector<Artifact> out = agg.Finish();
  ASSERT_GE(out.size(), 2u);
  EXPECT_EQ(out[0].key, "climb");
  EXPECT_GT(out[0].score, out[1].score);
}

TEST(AggregatorTest, DistinctiveKeysOutrankWhatEveryoneSays) {
  Aggregator agg({3, 10});
  // Everyone talks about the weather; only A talks about falconry, as often.
  for (int p = 0; p < 20; ++p) {
    std::string person = "P" + std::to_string(p);
    agg.Add(MakePost("w" + person, person, kT0, "c" + person), {Occ("topic", "weather", "weather")});
  }
  agg.Add(MakePost("f", "P0", kT0 + 10, "cx"), {Occ("topic", "falconri", "falconry")});
  std::vector<Artifact> out = agg.Finish();
  const Artifact* weather = Find(out, "P0", "weather");
  const Artifact* falconry = Find(out, "P0", "falconri");
  ASSERT_NE(weather, nullptr);
  ASSERT_NE(falconry, nullptr);
  EXPECT_GT(falconry->score, weather->score);
}

TEST(AggregatorTest, TopKPerPersonSortedByScoreAndVaried) {
  Aggregator agg({3, 2});
  agg.Add(MakePost("1", "A", kT0, "c1"),
          {Occ("topic", "raw diet", "raw diet", 2.0f), Occ("topic", "diet", "diet", 1.9f), Occ("topic", "chess", "chess", 1.0f)});
  std::vector<Artifact> out = agg.Finish();
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].key, "raw diet");
  EXPECT_EQ(out[1].key, "chess") << "'diet' repeats 'raw diet' and is discounted";
  EXPECT_GE(out[0].score, out[1].score);
}

// A candidate whose evidence posts all back candidates already chosen has
// nothing new to read and is discounted (x0.5); one that also cites a post not
// yet shown is not, even if its strongest post is already shown.
TEST(AggregatorTest, TopKPrefersCandidatesThatBringAPostNotYetShown) {
  for (bool dog_has_its_own_post : {true, false}) {
    Aggregator agg({3, 2});
    agg.Add(MakePost("1", "A", kT0, "c1"), {Occ("hobby", "chess", "chess", 3.0f), Occ("pet", "dog", "dog", 2.0f)});
    agg.Add(MakePost("2", "A", kT0 + 60, "c1"), {Occ("topic", "golf", "golf", 2.4f)});
    if (dog_has_its_own_post) agg.Add(MakePost("3", "A", kT0 + 120, "c1"), {Occ("pet", "dog", "dog", 0.5f)});
    std::vector<Artifact> out = agg.Finish();
    ASSERT_EQ(out.size(), 2u);
    EXPECT_EQ(out[0].key, "chess");
    // dog: 2.125 x 1.25 (two mentions) = 2.66 undiscounted, against golf's 2.4;
    // alone in post 1 it is 2.0 x 0.5 = 1.0.
    EXPECT_EQ(out[1].key, dog_has_its_own_post ? "dog" : "golf") << dog_has_its_own_post;
  }
}

TEST(AggregatorTest, OtherDirectedFactsGoToTheMentionedPerson) {
  Aggregator agg({3, 10});
  Post p = MakePost("9", "A", kT0, "c1");
  p.mentions.push_back({"S", "sam"});
  nlp::Occurrence o = Occ("birthday", "--0503", "birthday: --0503", 2.0f);
  o.mention_index = 0;
  agg.Add(p, {o});
  std::vector<Artifact> out = agg.Finish();
  const Artifact* b = Find(out, "S", "--0503");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->person.username, "sam");
  EXPECT_EQ(b->said_by, "other");
  ASSERT_EQ(b->evidence.size(), 1u);
  EXPECT_EQ(b->evidence[0].author_username, "userA") << "the replier's post is the evidence";
  EXPECT_EQ(Find(out, "A", "--0503"), nullptr);
}

TEST(AggregatorTest, BareNameMergesIntoTheNamedPet) {
  Aggregator agg({3, 10});
  nlp::Occurrence pet = Occ("pet", "dog rover", "dog: Rover", 2.0f);
  pet.alias = "rover";
  agg.Add(MakePost("1", "A", kT0, "c1"), {pet});
  agg.Add(MakePost("2", "A", kT0 + 2 * kDay, "c2"), {Occ("name", "rover", "Rover")});
  std::vector<Artifact> out = agg.Finish();
  const Artifact* a = Find(out, "A", "dog rover");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->mentions, 2u);
  EXPECT_EQ(a->days, 2u);
  EXPECT_EQ(Find(out, "A", "rover"), nullptr);
}

TEST(AggregatorTest, ResultDoesNotDependOnArrivalOrderOfDifferentPeople) {
  auto run = [](bool reversed) {
    Aggregator agg({3, 10});
    std::vector<std::pair<Post, std::vector<nlp::Occurrence>>> items = {
        {MakePost("1", "A", kT0, "c1"), {Occ("topic", "chess", "chess")}},
        {MakePost("2", "B", kT0 + 5, "c2"), {Occ("topic", "golf", "golf")}},
    };
    if (reversed) std::swap(items[0], items[1]);
    for (auto& [p, o] : items) agg.Add(p, o);
    return agg.Finish();
  };
  std::vector<Artifact> a = run(false), b = run(true);
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) EXPECT_EQ(a[i].candidate_id, b[i].candidate_id);
}

TEST(AggregatorTest, WeakEvidenceIsNotProposedUnlessKeptForExport) {
  // "cheap flight deals" is said once, negated (weight 0.7, under one
  // first-person statement), in a three-word phrase that the score alone
  // would rank first; "chess" is one first-person statement (weight 1).
  auto run = [](bool keep_weak) {
    AggregateOptions options;
    options.keep_weak = keep_weak;
    Aggregator agg(options);
    agg.Add(MakePost("1", "A", kT0, "c1"), {Occ("topic", "cheap flight deal", "cheap flight deals", 0.7f)});
    agg.Add(MakePost("2", "A", kT0 + 60, "c1"), {Occ("topic", "chess", "chess", 1.0f)});
    return agg.Finish();
  };
  std::vector<Artifact> out = run(false);
  ASSERT_EQ(out.size(), 1u) << "fewer than K candidates rather than a weak one";
  EXPECT_EQ(out[0].key, "chess");
  // Kept (to export what an analyst accepted earlier), it ranks below the others.
  out = run(true);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].key, "chess");
  EXPECT_EQ(out[1].key, "cheap flight deal");
  EXPECT_GT(out[0].score, out[1].score);
}

TEST(AggregatorTest, SaidAgainOnAnotherDayAWeakMentionIsEnoughEvidence) {
  // The same impersonal mention on two days in two conversations is a
  // recurring topic: it is ranked on its score like any other.
  Aggregator agg({3, 10});
  agg.Add(MakePost("1", "A", kT0, "c1"), {Occ("topic", "cheap flight deal", "cheap flight deals", 0.5f)});
  agg.Add(MakePost("2", "A", kT0 + 3 * kDay, "c2"), {Occ("topic", "cheap flight deal", "cheap flight deals", 0.5f)});
  agg.Add(MakePost("3", "A", kT0 + 60, "c1"), {Occ("topic", "chess", "chess", 1.0f)});
  std::vector<Artifact> out = agg.Finish();
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].key, "cheap flight deal");
  EXPECT_EQ(out[1].key, "chess");
}

TEST(AggregatorTest, EvidenceIsThePostThatStatesTheFactMostStrongly) {
  Aggregator agg({/*evidence=*/2, 10});
  // An early passing mention, then the post that says it, then another passing one.
  agg.Add(MakePost("1", "A", kT0, "c1"), {Occ("pet", "dog", "dogs", 1.25f)});
  agg.Add(MakePost("2", "A", kT0 + kDay, "c2"), {Occ("pet", "dog", "dog", 3.75f)});
  agg.Add(MakePost("3", "A", kT0 + 2 * kDay, "c3"), {Occ("pet", "dog", "dog", 1.25f)});
  std::vector<Artifact> out = agg.Finish();
  const Artifact* a = Find(out, "A", "dog");
  ASSERT_NE(a, nullptr);
  ASSERT_EQ(a->evidence.size(), 2u);
  EXPECT_EQ(a->evidence[0].id, "2") << "the strongest statement first";
  EXPECT_EQ(a->evidence[1].id, "1") << "then the earliest of equals";
  EXPECT_EQ(a->value, "dogs") << "the value is still the earliest occurrence's";
  // A post seen again with a stronger occurrence moves up.
  Aggregator again({2, 10});
  again.Add(MakePost("1", "A", kT0, "c1"), {Occ("pet", "dog", "dog", 1.25f)});
  again.Add(MakePost("2", "A", kT0 + kDay, "c2"), {Occ("pet", "dog", "dog", 1.25f)});
  again.Add(MakePost("3", "A", kT0 + 2 * kDay, "c3"), {Occ("pet", "dog", "dog", 1.25f), Occ("pet", "dog", "dog", 3.75f)});
  out = again.Finish();
  a = Find(out, "A", "dog");
  ASSERT_NE(a, nullptr);
  ASSERT_EQ(a->evidence.size(), 2u);
  EXPECT_EQ(a->evidence[0].id, "3");
  EXPECT_EQ(a->evidence[1].id, "1");
}

// Equal statements are kept earliest first, then by id within one second,
// whatever the times: before 1970 and after 2106 too (times that do not fit
// the 32 bits the slots compare without reading the posts).
TEST(AggregatorTest, EvidenceOfEqualWeightIsEarliestFirstAtAnyTime) {
  Aggregator agg({/*evidence=*/3, 10});
  const int64_t t2128 = 5000000000;
  agg.Add(MakePost("a", "A", t2128, "c1"), {Occ("pet", "dog", "dog")});
  agg.Add(MakePost("d", "A", kT0, "c2"), {Occ("pet", "dog", "dog")});
  agg.Add(MakePost("b", "A", -100, "c3"), {Occ("pet", "dog", "dog")});
  agg.Add(MakePost("c", "A", kT0, "c4"), {Occ("pet", "dog", "dog")});
  agg.Add(MakePost("e", "A", t2128 - 1, "c5"), {Occ("pet", "dog", "dog")});
  std::vector<Artifact> out = agg.Finish();
  const Artifact* a = Find(out, "A", "dog");
  ASSERT_NE(a, nullptr);
  ASSERT_EQ(a->evidence.size(), 3u);
  EXPECT_EQ(a->evidence[0].id, "b") << "1969 first";
  EXPECT_EQ(a->evidence[1].id, "c") << "same second as d: by id";
  EXPECT_EQ(a->evidence[2].id, "d");
  // With room for all, the two after 2106 come last, earliest first.
  Aggregator all({/*evidence=*/5, 10});
  all.Add(MakePost("a", "A", t2128, "c1"), {Occ("pet", "dog", "dog")});
  all.Add(MakePost("e", "A", t2128 - 1, "c5"), {Occ("pet", "dog", "dog")});
  all.Add(MakePost("b", "A", -100, "c3"), {Occ("pet", "dog", "dog")});
  out = all.Finish();
  a = Find(out, "A", "dog");
  ASSERT_NE(a, nullptr);
  ASSERT_EQ(a->evidence.size(), 3u);
  EXPECT_EQ(a->evidence[0].id, "b");
  EXPECT_EQ(a->evidence[1].id, "e");
  EXPECT_EQ(a->evidence[2].id, "a");
}

TEST(CandidateIdTest, StableAndDistinct) {
  EXPECT_EQ(CandidateId("x", "1", "pet", "dog rover"), CandidateId("x", "1", "pet", "dog rover"));
  EXPECT_NE(CandidateId("x", "1", "pet", "dog rover"), CandidateId("x", "1", "pet", "dog"));
  EXPECT_NE(CandidateId("x", "1", "pet", "a"), CandidateId("x", "1a", "pet", ""));
  EXPECT_EQ(CandidateId("x", "1", "pet", "dog").size(), 16u);
  // Pinned: state stores keep analysts' decisions by these ids, so the hash
  // (FNV-1a of "x\x1f" "1\x1f" "pet\x1f" "dog rover", kFnvOffset) must never move.
  EXPECT_EQ(CandidateId("x", "1", "pet", "dog rover"), "8efd356c47ee40a6");
}

// The pipeline feeds each shard its part of every batch, shards concurrently:
// the result must be the one of plain Add() in input order, whichever order
// the shards are visited in.
TEST(AggregatorTest, ShardsFedInAnyOrderGiveTheResultOfPlainAdd) {
  PostsWithOccurrences posts;
  for (int i = 0; i < 60; ++i) {
    Post p = MakePost(std::to_string(100 + i), "P" + std::to_string(i % 7), kT0 + i * 3600, "c" + std::to_string(i % 5),
                      i % 3 ? "P" + std::to_string((i + 1) % 7) : "");
    p.author_name = "Name " + std::to_string(i);  // the latest name wins, per person
    p.mentions.push_back({"P" + std::to_string((i + 2) % 7), "userP" + std::to_string((i + 2) % 7)});
    nlp::Occurrence about_them = Occ("birthday", "05-03", "May 3");
    about_them.mention_index = 0;
    posts.push_back({p, {Occ("hobby", "chess " + std::to_string(i % 4), "chess"), Occ("pet", "dog", "dog"), about_them}});
  }
  Aggregator plain({2, 10});
  for (const auto& [p, occ] : posts) plain.Add(p, occ);
  Aggregator sharded({2, 10});
  std::vector<PreparedPost> prepared;
  for (const auto& [p, occ] : posts) prepared.push_back(Aggregator::Prepare(p, occ));
  for (size_t k = 0; k < Aggregator::kShards; ++k) {
    const size_t s = (k * 7 + 3) % Aggregator::kShards;  // a permutation of the shards
    for (size_t i = 0; i < posts.size(); ++i) sharded.AddShard(s, posts[i].first, posts[i].second, prepared[i]);
  }
  const std::vector<Artifact> a = plain.Finish(), b = sharded.Finish();
  ASSERT_EQ(a.size(), b.size());
  ASSERT_GT(a.size(), 7u);
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].candidate_id, b[i].candidate_id);
    EXPECT_EQ(a[i].person.name, b[i].person.name);
    EXPECT_EQ(a[i].mentions, b[i].mentions);
    EXPECT_EQ(a[i].score, b[i].score);
    ASSERT_EQ(a[i].evidence.size(), b[i].evidence.size());
    for (size_t e = 0; e < a[i].evidence.size(); ++e) EXPECT_EQ(a[i].evidence[e].id, b[i].evidence[e].id);
  }
  std::set<size_t> used;
  for (const auto& [p, occ] : posts) used.insert(Aggregator::PersonShard("x:" + p.author_id));
  EXPECT_GT(used.size(), 1u) << "the people are spread over several shards";

  // The same from four plain threads at once (checked by TSan).
  Aggregator threaded({2, 10});
  FeedShardsFromFourThreads(&threaded, posts, prepared);
  const std::vector<Artifact> c = threaded.Finish();
  ASSERT_EQ(c.size(), a.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].candidate_id, c[i].candidate_id);
    EXPECT_EQ(a[i].mentions, c[i].mentions);
  }
}

// AddShard() over a run of posts defers each window of updates behind its
// prefetch passes: the result must be that of one post at a time, with
// windows that end inside a post, new people met mid-window, a key repeated
// within one window and bare names folded into the facts they name.
TEST(AggregatorTest, ARunOfPostsGivesTheResultOfOnePostAtATime) {
  PostsWithOccurrences posts;
  for (int i = 0; i < 90; ++i) {
    Post p = MakePost(std::to_string(700 + i), "P" + std::to_string(i % 4), kT0 + (i % 11) * kDay + i,
                      "c" + std::to_string(i % 6), i % 2 ? "P" + std::to_string((i + 1) % 4) : "");
    p.author_name = "Name " + std::to_string(i % 9);
    p.mentions.push_back({"Q" + std::to_string(i), "userQ" + std::to_string(i)});  // someone new, each post
    std::vector<nlp::Occurrence> occ;
    for (int k = 0; k < i % 13; ++k) occ.push_back(Occ("topic", "word " + std::to_string((i + k) % 17), "word"));
    nlp::Occurrence pet = Occ("pet", "dog rover", "dog: Rover " + std::to_string(i % 3), 2.0f);
    pet.alias = "rover";
    occ.push_back(pet);
    occ.push_back(Occ("name", "rover", "Rover"));
    nlp::Occurrence about_them = Occ("job", "nurse", "nurse");
    about_them.mention_index = 0;
    occ.push_back(about_them);
    occ.push_back(Occ("topic", "word 3", "word"));  // again, in the same post
    posts.push_back({p, occ});
  }
  Aggregator one({3, 10}), run({3, 10});
  std::vector<PreparedPost> prepared;
  for (const auto& [p, occ] : posts) prepared.push_back(Aggregator::Prepare(p, occ));
  std::vector<Aggregator::PostRef> refs;
  for (size_t i = 0; i < posts.size(); ++i) refs.push_back({&posts[i].first, &posts[i].second, &prepared[i]});
  for (size_t s = 0; s < Aggregator::kShards; ++s) {
    for (size_t i = 0; i < posts.size(); ++i) one.AddShard(s, posts[i].first, posts[i].second, prepared[i]);
    run.AddShard(s, std::span<const Aggregator::PostRef>(refs).first(40));  // two runs, as two batches
    run.AddShard(s, std::span<const Aggregator::PostRef>(refs).subspan(40));
  }
  EXPECT_EQ(one.people(), run.people());
  EXPECT_EQ(one.keys(), run.keys());
  const std::vector<Artifact> a = one.Finish(), b = run.Finish();
  ASSERT_EQ(a.size(), b.size());
  ASSERT_GT(a.size(), 20u);
  bool folded = false;
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].candidate_id, b[i].candidate_id);
    EXPECT_EQ(a[i].person.name, b[i].person.name);
    EXPECT_EQ(a[i].value, b[i].value);
    EXPECT_EQ(a[i].mentions, b[i].mentions);
    EXPECT_EQ(a[i].score, b[i].score);
    ASSERT_EQ(a[i].evidence.size(), b[i].evidence.size());
    for (size_t e = 0; e < a[i].evidence.size(); ++e) EXPECT_EQ(a[i].evidence[e].id, b[i].evidence[e].id);
    folded |= a[i].category == "pet" && a[i].mentions > 90 / 4;
  }
  EXPECT_TRUE(folded) << "the bare name 'rover' was folded into the pet fact";
}

// With a spill, the tables keep ids and times and read the rest back at the
// end: what is exported must be byte for byte what memory would have given.
TEST(AggregatorTest, EvidenceKeptInASpillIsExportedAsFromMemory) {
  PostsWithOccurrences posts;
  for (int i = 0; i < 40; ++i) {
    Post p = MakePost(std::to_string(500 + i), "P" + std::to_string(i % 5), kT0 + i * 3600, "c" + std::to_string(i % 3),
                      i % 2 ? "P" + std::to_string((i + 1) % 5) : "");
    p.text = "post " + std::to_string(i) + std::string(static_cast<size_t>(i * 7), '.') + " \xC3\xA9";
    if (i % 4 == 0) p.url = "https://example.social/@P/" + p.id;  // an address of another form is spilled too
    posts.push_back({p, {Occ("hobby", "chess " + std::to_string(i % 3), "chess"), Occ("pet", "dog", "dog", 0.5f)}});
  }
  testing::TempDir dir("aggregator-spill");
  auto spill = EvidenceSpill::Create(dir.path().string(), 100);  // small blocks: most evidence is read from the file
  ASSERT_TRUE(spill.ok()) << spill.status().ToString();
  AggregateOptions with_spill{2, 10};
  with_spill.spill = spill->get();
  Aggregator in_memory({2, 10}), spilled(with_spill);
  std::vector<PreparedPost> prepared;
  for (const auto& [p, occ] : posts) {
    in_memory.Add(p, occ);
    prepared.push_back(Aggregator::Prepare(p, occ, spill->get()));
    EXPECT_TRUE(prepared.back().evidence->spilled());
  }
  FeedShardsFromFourThreads(&spilled, posts, prepared);
  const std::vector<Artifact> a = in_memory.Finish(), b = spilled.Finish();
  EXPECT_TRUE((*spill)->status().ok()) << (*spill)->status().ToString();
  ASSERT_EQ(a.size(), b.size());
  size_t evidence = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].candidate_id, b[i].candidate_id);
    ASSERT_EQ(a[i].evidence.size(), b[i].evidence.size());
    for (size_t e = 0; e < a[i].evidence.size(); ++e, ++evidence) {
      const Evidence &x = a[i].evidence[e], &y = b[i].evidence[e];
      EXPECT_EQ(x.id, y.id);
      EXPECT_EQ(x.url, y.url);
      EXPECT_EQ(x.created_at, y.created_at);
      EXPECT_EQ(x.text, y.text);
      EXPECT_EQ(x.author_username, y.author_username);
    }
  }
  EXPECT_GT(evidence, 10u);
}

}  // namespace
}  // namespace rapport::pipeline
