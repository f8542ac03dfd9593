#include "pipeline/thread_tracker.h"

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>
#include <cstring>
#include <cstdint>
#include <memory>

#include "pipeline/aggregator.h"
#include "base/fnv.h"
#include "base/string_table.h"
#include "pipeline/evidence_batch.h"
#include "pipeline/internal/distinct_count.h"
#include "pipeline/internal/intern_table.h"
#include "pipeline/internal/key_words.h"
#include "pipeline/internal/pool_string.h"
#include "pipeline/internal/shards.h"
#include "pipeline/post_parser.h"

namespace rapport::pipeline {
namespace {

using internal::DistinctCount;
using internal::InternTable;
using internal::Pool;
using internal::PoolString;

// One topic of a pair. Its name is interned in the shard (one copy for every
// pair that talked about it), its value lives in the shard's pool; the
// evidence posts are shared with the Aggregator, not copied. 80 bytes: there
// are millions (3.7 million at 3M posts).
struct TopicState {
  const char* name = nullptr;  // category + '|' + key, interned (TrackerShard::names)
  PoolString value;
  int64_t value_ts = 0;
  int64_t last = 0;
  EvidenceRef evidence[2];  // latest first
  uint32_t hash = 0;        // Fnv1a32 of name
  uint32_t name_size = 0;
  uint32_t mentions = 0;
  uint32_t value_post = 0;  // Fnv1a32 of the id of the post the value comes from (the earliest; breaks ties in time)
  uint16_t cat_size = 0;    // category = name[0, cat_size), key = the rest after '|'
  uint8_t n_evidence = 0;

  std::string_view full() const { return {name, name_size}; }
  std::string_view category() const { return full().substr(0, cat_size); }
  std::string_view key() const { return cat_size < name_size ? full().substr(cat_size + 1) : std::string_view(); }
  void Release(Pool* pool) { value.Release(pool); }
};
static_assert(sizeof(TopicState) <= 80);

// Memory per pair is bounded, whatever its posts: conversations are counted
// in a DistinctCount (exact up to a few, then an estimate), evidence is
// shared, and the topics are capped (kMaxTopicsPerPair).
struct PairState {
  uint32_t a_to_b = 0, b_to_a = 0;
  uint64_t touched = 0;  // arrival sequence of the latest reply, for evicting stale one-way pairs
  DistinctCount conversations;  // of 32-bit conversation hashes (was 64-bit: a pair's few never collide in practice)
  int64_t first = INT64_MAX, last = INT64_MIN;
  std::vector<TopicState> topics;  // at most 2 x kMaxTopicsPerPair: found by a linear scan

  void Release(Pool* pool) {
    conversations.Release(pool);
    for (TopicState& t : topics) t.Release(pool);
  }
};


std::string PersonKey(const std::string& platform, const std::string& id) { return platform + ":" + id; }

// A pair's key in its shard's table: the length of the lower person key
// (4 bytes), then the lower and the higher person key (platform:id), so that
// no two pairs share a key whatever bytes the ids hold.
void MakePairKey(std::string_view platform, std::string_view lower_id, std::string_view higher_id, std::string* out) {
  const auto n = static_cast<uint32_t>(platform.size() + 1 + lower_id.size());
  out->assign(reinterpret_cast<const char*>(&n), sizeof n);
  out->append(platform).append(1, ':').append(lower_id).append(platform).append(1, ':').append(higher_id);
}
std::pair<std::string_view, std::string_view> SplitPairKey(std::string_view key) {
  uint32_t n;
  std::memcpy(&n, key.data(), sizeof n);
  return {key.substr(sizeof n, n), key.substr(sizeof n + n)};
}

// Topics kept per pair: when a pair has twice this many, the least mentioned
// (then least recent) are dropped, so a pair's memory stops growing with its
// posts. Finish shows the first few only.
constexpr size_t kMaxTopicsPerPair = 32;
constexpr size_t kMaxSharing = 20;       // a key shared by more people is not distinctive
constexpr int kMaxLinksPerPerson = 5;     // links proposed per person

std::string Day(int64_t t) { return FormatTimestamp(t).substr(0, 10); }

// What a pair came back to most, then what was most recent; key and category for a fixed order.
bool Before(const TopicState& x, const TopicState& y) {
  if (x.mentions != y.mentions) return x.mentions > y.mentions;
  if (x.last != y.last) return x.last > y.last;
  if (x.key() != y.key()) return x.key() < y.key();
  return x.category() < y.category();  // "hobby|vinyl collecting" and "topic|vinyl collecting"
}

void KeepTopTopics(PairState* pair, Pool* pool) {
  std::vector<const TopicState*> order;
  for (const TopicState& t : pair->topics) order.push_back(&t);
  std::nth_element(order.begin(), order.begin() + kMaxTopicsPerPair - 1, order.end(),
                   [](const TopicState* x, const TopicState* y) { return Before(*x, *y); });
  const TopicState* cut = order[kMaxTopicsPerPair - 1];
  // Everything after the cut goes; the cut itself stays.
  std::vector<TopicState> kept;
  kept.reserve(kMaxTopicsPerPair);
  for (TopicState& t : pair->topics) {
    if (&t != cut && Before(*cut, t)) t.Release(pool);
    else kept.push_back(std::move(t));
  }
  pair->topics = std::move(kept);
}

// One shard of the tables: the people and the pairs whose key hashes to it
// (Aggregator::Prepare computes the shards). Updated by one task at a time.
struct TrackerShard {
  // Declared before the tables: destroyed after them, it frees their strings at once.
  Pool pool;
  InternTable names{&pool};  // interned topic names, in the pool
  std::string scratch_key;   // Remember()'s lookup key
  std::string scratch_pair_key;  // AddShard's pair key (MakePairKey)
  StringTable<PersonRef> people;
  // Flat (one slot read, the keys back to back): a node-based map's chains
  // were a quarter of AddShard's samples at 1M posts (docs/PERFORMANCE.md).
  StringTable<PairState> pairs;  // by MakePairKey
  int64_t newest = INT64_MIN;
  uint64_t sequence = 0;
  size_t one_way = 0;  // pairs where only one of the two has replied so far
  std::vector<uint32_t> counted;  // AddShard's scratch

  // Bounded memory: when too many pairs are still one-way (someone replied and
  // the other never answered), the least recently active quarter is dropped.
  // Mutual pairs are never dropped.
  void EvictStaleOneWayPairs() {
    std::vector<uint64_t> ages;
    for (const PairState& p : pairs.values())
      if (p.a_to_b == 0 || p.b_to_a == 0) ages.push_back(p.touched);
    if (ages.empty()) return;
    auto cut = ages.begin() + static_cast<std::ptrdiff_t>(ages.size() / 4);
    std::nth_element(ages.begin(), cut, ages.end());
    const uint64_t cutoff = *cut;
    one_way -= pairs.EraseIf([&](std::string_view, PairState& p) {
      if ((p.a_to_b != 0 && p.b_to_a != 0) || p.touched > cutoff) return false;
      p.Release(&pool);
      return true;
    });
  }

  // Looked up with a reused key buffer, and written only when a name changed:
  // called for the author, each mention and the person replied to of every post.
  void Remember(const std::string& platform, const std::string& id, const std::string& username,
                const std::string& name) {
    if (id.empty()) return;
    scratch_key.assign(platform).append(1, ':').append(id);
    bool inserted;
    PersonRef& p = people.FindOrInsert(scratch_key, &inserted);
    if (inserted) {
      p.platform = platform;
      p.id = id;
    }
    if (!username.empty() && p.username != username) p.username = username;
    if (!name.empty() && p.name != name) p.name = name;
  }
};

constexpr size_t kShards = Aggregator::kShards;

}  // namespace

struct ThreadTracker::Impl {
  ThreadOptions options;
  size_t max_one_way = 1;  // per shard
  std::array<std::unique_ptr<TrackerShard>, kShards> shards;

  explicit Impl(ThreadOptions o) : options(std::move(o)) {
    max_one_way = std::max<size_t>(1, static_cast<size_t>(std::max(0, options.max_one_way_pairs)) / kShards);
    for (auto& s : shards) s = std::make_unique<TrackerShard>();
  }
  ~Impl() {
    internal::ForEachShard(kShards, [&](size_t s) { shards[s].reset(); });
  }
};

ThreadTracker::ThreadTracker(ThreadOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}
ThreadTracker::~ThreadTracker() = default;

void ThreadTracker::Add(const Post& post, const std::vector<nlp::Occurrence>& occurrences,
                        const PreparedPost* prepared) {
  PreparedPost local;
  if (!prepared) {
    local = Aggregator::Prepare(post, occurrences, impl_->options.spill);
    prepared = &local;
  }
  for (size_t s = 0; s < kShards; ++s) AddShard(s, post, occurrences, *prepared);
}

void ThreadTracker::AddShard(size_t s, const Post& post, const std::vector<nlp::Occurrence>& occurrences,
                             const PreparedPost& prepared) {
  if (!(prepared.tracker_shards >> s & 1)) return;  // nothing for this shard
  TrackerShard& shard = *impl_->shards[s];
  if (prepared.author_shard == s) {
    shard.newest = std::max(shard.newest, post.created_at);  // Finish takes the newest over the shards
    shard.Remember(post.platform, post.author_id, post.author_username, post.author_name);
  }
  for (size_t k = 0; k < post.mentions.size() && k < prepared.mention_shards.size(); ++k)
    if (prepared.mention_shards[k] == s) shard.Remember(post.platform, post.mentions[k].id, post.mentions[k].username, "");
  if (post.reply_to_user_id.empty() || post.reply_to_user_id == post.author_id) return;
  if (prepared.reply_shard == s) shard.Remember(post.platform, post.reply_to_user_id, "", "");
  if (prepared.pair_shard != s) return;

  // The pair's key, built in a reused buffer. Both person keys start with
  // "platform:", so their order is their ids' order.
  const bool author_first = post.author_id < post.reply_to_user_id;
  MakePairKey(post.platform, author_first ? post.author_id : post.reply_to_user_id,
              author_first ? post.reply_to_user_id : post.author_id, &shard.scratch_pair_key);
  // A hint, while the pair is looked up: the interned names a new topic would take.
  for (size_t i = 0; i < occurrences.size(); ++i) shard.names.Prefetch(prepared.key_hash(i));
  bool created;
  PairState& pair = shard.pairs.FindOrInsert(shard.scratch_pair_key, &created);
  const bool was_one_way = pair.a_to_b == 0 || pair.b_to_a == 0;
  (author_first ? pair.a_to_b : pair.b_to_a)++;
  pair.touched = ++shard.sequence;
  if (created) ++shard.one_way;
  else if (was_one_way && pair.a_to_b > 0 && pair.b_to_a > 0) --shard.one_way;
  pair.conversations.Insert(&shard.pool, prepared.conversation);
  pair.first = std::min(pair.first, post.created_at);
  pair.last = std::max(pair.last, post.created_at);

  EvidenceRef ev = prepared.evidence;
  Pool* pool = &shard.pool;
  std::vector<uint32_t>& counted = shard.counted;  // topics this post has counted already
  counted.clear();
  for (size_t i = 0; i < occurrences.size(); ++i) {
    const nlp::Occurrence& o = occurrences[i];
    if (o.category == "birthday" || o.category == "anniversary") continue;  // greetings, not topics
    const std::string_view k = prepared.key(i);
    const uint32_t h = prepared.key_hash(i);
    TopicState* t = nullptr;
    for (TopicState& x : pair.topics)
      if (x.hash == h && x.full() == k) {
        t = &x;
        break;
      }
    if (!t) {
      // Grown by 8, not doubled: millions of these vectors are alive at once.
      if (pair.topics.size() == pair.topics.capacity()) pair.topics.reserve(pair.topics.size() + 8);
      t = &pair.topics.emplace_back();
      t->hash = h;
      t->name = shard.names.Intern(k, h);
      t->name_size = static_cast<uint32_t>(k.size());
      t->cat_size = static_cast<uint16_t>(std::min({o.category.size(), k.size(), size_t{UINT16_MAX}}));
    }
    const auto index = static_cast<uint32_t>(t - pair.topics.data());
    if (std::find(counted.begin(), counted.end(), index) != counted.end()) continue;  // said twice here: once
    counted.push_back(index);
    if (t->mentions == 0 || post.created_at < t->value_ts ||
        (post.created_at == t->value_ts && prepared.post_id_hash < t->value_post)) {
      t->value.Assign(pool, o.value);
      t->value_ts = post.created_at;
      t->value_post = prepared.post_id_hash;
    }
    ++t->mentions;
    t->last = std::max(t->last, post.created_at);
    if (!ev) ev = EvidencePost::Of(post, impl_->options.spill);
    // Keep the two latest.
    auto later = [](const EvidencePost& x, const EvidencePost& y) {
      return x.ts() != y.ts() ? x.ts() > y.ts() : x.id() > y.id();
    };
    if (t->n_evidence < 2 || later(*ev, *t->evidence[1])) {
      uint32_t at = std::min<uint32_t>(t->n_evidence, 1);
      if (t->n_evidence == 0 || later(*ev, *t->evidence[0])) at = 0;
      if (at == 0) t->evidence[1] = std::move(t->evidence[0]);
      t->evidence[at] = ev;
      t->n_evidence = static_cast<uint8_t>(std::min(t->n_evidence + 1, 2));
    }
  }
  if (pair.topics.size() > 2 * kMaxTopicsPerPair) KeepTopTopics(&pair, pool);
  if (shard.one_way > impl_->max_one_way) shard.EvictStaleOneWayPairs();
}

namespace {

// The distinct words of a key, sorted (views of the key).
void WordsOf(std::string_view key, std::vector<std::string_view>* words) {
  words->clear();
  internal::ForEachKeyWord(key, [&](std::string_view w) { words->push_back(w); });
  std::sort(words->begin(), words->end());
  words->erase(std::unique(words->begin(), words->end()), words->end());
}

}  // namespace

uint64_t ThreadTracker::pairs() const {
  uint64_t n = 0;
  for (const auto& s : impl_->shards) n += s->pairs.size();
  return n;
}

uint64_t ThreadTracker::topics() const {
  uint64_t n = 0;
  for (const auto& s : impl_->shards)
    for (const PairState& pair : s->pairs.values()) n += pair.topics.size();
  return n;
}

// As in Aggregator::Finish(): the evidence batch points into topics' evidence
// vectors, which must be moved, never copied, as the topics and threads are.
static_assert(std::is_nothrow_move_constructible_v<ThreadTopic>);
static_assert(std::is_nothrow_move_constructible_v<CommonThread>);

std::vector<CommonThread> ThreadTracker::Finish() {
  const auto& shards = impl_->shards;
  const ThreadOptions& options = impl_->options;
  const EvidenceSpill* spill = options.spill;
  int64_t newest = INT64_MIN;
  for (const auto& sh : shards) newest = std::max(newest, sh->newest);
  auto person = [&](std::string_view key) -> PersonRef {
    if (const PersonRef* p = shards[Aggregator::PersonShard(key)]->people.Find(key)) return *p;
    // Not remembered (no id to key it by): what the key itself says.
    const size_t colon = key.find(':');
    PersonRef p;
    p.platform = std::string(key.substr(0, colon));
    if (colon != std::string::npos) p.id = std::string(key.substr(colon + 1));
    return p;
  };
  using PairKey = std::pair<std::string, std::string>;
  struct Found {
    PairKey key;
    size_t shard, index;
  };
  std::array<std::vector<CommonThread>, kShards> built;
  std::array<std::vector<Found>, kShards> found;
  std::array<EvidenceBatch, kShards> evidence;  // read at the end, in the spill's order
  internal::ForEachShard(kShards, [&](size_t s) {
    std::vector<std::vector<std::string_view>> words;  // per topic of a pair
    shards[s]->pairs.ForEach([&](std::string_view pair_key, const PairState& pair) {
      if (pair.a_to_b == 0 || pair.b_to_a == 0) return;  // they must have replied to each other
      const auto [lower, higher] = SplitPairKey(pair_key);
      const PairKey key(lower, higher);
      CommonThread t;
      t.a = person(key.first);
      t.b = person(key.second);
      t.exchanges = pair.a_to_b + pair.b_to_a;
      t.conversations = static_cast<uint32_t>(pair.conversations.size());
      t.first_talked = FormatTimestamp(pair.first);
      t.last_talked = FormatTimestamp(pair.last);
      t.quiet_days = (newest - pair.last) / 86400;
      std::vector<const TopicState*> topics;
      for (const TopicState& ts : pair.topics) topics.push_back(&ts);  // sorted below: order-independent
      std::sort(topics.begin(), topics.end(), [](const TopicState* x, const TopicState* y) { return Before(*x, *y); });
      words.resize(std::max(words.size(), topics.size()));
      for (size_t i = 0; i < topics.size(); ++i) WordsOf(topics[i]->key(), &words[i]);
      for (size_t i = 0; i < topics.size(); ++i) {
        const TopicState* ts = topics[i];
        if (t.topics.size() >= static_cast<size_t>(options.topics)) break;
        // A head word inside a longer phrase of the same pair says less: keep "velvet jacket", not "jacket".
        bool covered = false;
        for (size_t j = 0; j < topics.size() && !covered; ++j) {
          if (j == i || topics[j]->key().size() <= ts->key().size()) continue;
          covered = std::includes(words[j].begin(), words[j].end(), words[i].begin(), words[i].end());
        }
        if (covered) continue;
        const auto& ex = options.excluded;
        const std::string category(ts->category()), key(ts->key());
        if (!ex.empty() && (ex.count(CandidateId(t.a.platform, t.a.id, category, key)) ||
                            ex.count(CandidateId(t.b.platform, t.b.id, category, key))))
          continue;
        ThreadTopic topic{category, std::string(ts->value.view()), key, ts->mentions, FormatTimestamp(ts->last), {}};
        topic.evidence.resize(ts->n_evidence);  // moved with the topic, the vector stays put
        for (uint32_t e = 0; e < ts->n_evidence; ++e) evidence[s].Add(*ts->evidence[e], &topic.evidence[e]);
        t.topics.push_back(std::move(topic));
      }
      if (t.quiet_days > options.quiet_days && !t.topics.empty()) {
        t.opener = "Last time (" + Day(pair.last) + ") you talked about ";
        for (size_t i = 0; i < t.topics.size() && i < 3; ++i) {
          if (i) t.opener += i + 1 == std::min<size_t>(t.topics.size(), 3) ? " and " : ", ";
          std::string value = t.topics[i].value;  // "daughter: Maya" reads "daughter Maya" in a sentence
          if (size_t colon = value.find(": "); colon != std::string::npos) value.erase(colon, 1);
          t.opener += value;
        }
        t.opener += ".";
      }
      found[s].push_back({key, s, built[s].size()});
      built[s].push_back(std::move(t));
    });
    // The shard's pairs are done: free them (and the evidence they pin) now.
    // Its people stay: other shards' pairs still read their names.
    TrackerShard& shard = *shards[s];
    shard.pairs = decltype(shard.pairs)();
    shard.names.Clear();
    shard.pool.release();
  });
  // Pairs in a fixed order, whatever the hash tables'.
  std::vector<Found> all;
  for (const auto& f : found) all.insert(all.end(), f.begin(), f.end());
  std::sort(all.begin(), all.end(), [](const Found& x, const Found& y) { return x.key < y.key; });
  std::vector<CommonThread> out;
  out.reserve(all.size());
  for (const Found& f : all) out.push_back(std::move(built[f.shard][f.index]));
  for (size_t s = 1; s < kShards; ++s) evidence[0].Append(std::move(evidence[s]));
  evidence[0].ReadAll(spill);  // a read error is kept by the spill
  return out;
}

std::vector<Connection> FindConnections(const std::vector<Artifact>& artifacts,
                                        const std::vector<CommonThread>& threads) {
  static const std::set<std::string> kKinds = {"name", "place", "job", "school", "topic", "hobby", "sport"};
  std::set<std::pair<std::string, std::string>> talking;
  for (const CommonThread& t : threads)
    talking.emplace(PersonKey(t.a.platform, t.a.id), PersonKey(t.b.platform, t.b.id));
  // Views into `artifacts`, which outlive this call. Serial code: hash
  // tables, and the keys sorted once below for a deterministic order.
  std::unordered_map<std::string_view, std::vector<const Artifact*>> by_key;
  for (const Artifact& a : artifacts) {
    if (!kKinds.count(a.category) || a.said_by != "self" || a.evidence.empty()) continue;
    by_key[a.key].push_back(&a);
  }
  std::vector<Connection> out;
  const size_t max_sharing = std::min<size_t>(kMaxSharing, std::max<size_t>(5, CountPeople(artifacts) / 100));
  // Rarest keys first: two of three people sharing a topic is more telling
  // than two of twenty; keys shared by as many people in key order.
  struct Shared {
    size_t people;
    std::string_view key;
    const std::vector<const Artifact*>* list;
  };
  std::vector<Shared> keys;
  for (const auto& [key, list] : by_key)
    if (list.size() >= 2 && list.size() <= max_sharing) keys.push_back({list.size(), key, &list});
  std::sort(keys.begin(), keys.end(),
            [](const Shared& x, const Shared& y) { return std::tie(x.people, x.key) < std::tie(y.people, y.key); });
  std::map<std::string, int> links_of;  // per person, capped so the output grows with people, not pairs
  std::set<std::pair<std::string, std::string>> linked;
  for (const Shared& shared : keys) {
    const std::string key(shared.key);
    const auto& list = *shared.list;
    for (size_t i = 0; i < list.size(); ++i)
      for (size_t j = i + 1; j < list.size(); ++j) {
        const Artifact* x = list[i];
        const Artifact* y = list[j];
        std::string kx = PersonKey(x->person.platform, x->person.id), ky = PersonKey(y->person.platform, y->person.id);
        if (kx == ky) continue;
        if (ky < kx) std::swap(x, y), std::swap(kx, ky);
        if (talking.count({kx, ky}) || linked.count({kx, ky})) continue;
        if (links_of[kx] >= kMaxLinksPerPerson || links_of[ky] >= kMaxLinksPerPerson) continue;
        ++links_of[kx];
        ++links_of[ky];
        linked.emplace(kx, ky);
        out.push_back({x->person, y->person, x->category, x->value, key, x->evidence.front(), y->evidence.front()});
      }
  }
  // Sorted by index, then moved into place once: a Connection is a dozen
  // strings, too heavy to swap around in the sort.
  std::vector<uint32_t> order(out.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](uint32_t i, uint32_t j) {
    const Connection &x = out[i], &y = out[j];
    return std::tie(x.key, x.a.platform, x.a.id, x.b.platform, x.b.id) <
           std::tie(y.key, y.a.platform, y.a.id, y.b.platform, y.b.id);
  });
  std::vector<Connection> sorted;
  sorted.reserve(out.size());
  for (uint32_t i : order) sorted.push_back(std::move(out[i]));
  return sorted;
}

}  // namespace rapport::pipeline
