#include "pipeline/thread_tracker.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>
#include <memory>

#include "pipeline/aggregator.h"
#include "pipeline/post_parser.h"

namespace rapport::pipeline {
namespace {

struct TopicState {
  std::string category, value, key;
  int64_t value_ts = 0;
  std::string value_post;
  uint32_t mentions = 0;
  int64_t last = 0;
  std::vector<std::shared_ptr<const EvidencePost>> evidence;  // latest first, at most 2 (shared, not copied)
};

// Memory per pair grows with the conversations and topics of the pair, not
// with its posts: conversations are kept as hashes, evidence is shared.
struct PairState {
  uint32_t a_to_b = 0, b_to_a = 0;
  uint64_t touched = 0;  // arrival sequence of the latest reply, for evicting stale one-way pairs
  std::vector<uint64_t> conversations;  // sorted hashes
  int64_t first = INT64_MAX, last = INT64_MIN;
  std::unordered_map<std::string, TopicState> topics;  // by category|key
};

uint64_t Hash(std::string_view s) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  return h;
}

std::string PersonKey(const std::string& platform, const std::string& id) { return platform + ":" + id; }

// Topics kept per pair: when a pair has twice this many, the least mentioned
// (then least recent) are dropped, so a pair's memory stops growing with its
// posts. Finish shows the first few only.
constexpr size_t kMaxTopicsPerPair = 32;
constexpr size_t kMaxSharing = 20;       // a key shared by more people is not distinctive
constexpr int kMaxLinksPerPerson = 5;     // links proposed per person

std::string Day(int64_t t) { return FormatTimestamp(t).substr(0, 10); }

// What a pair came back to most, then what was most recent; key for a fixed order.
bool Before(const TopicState& x, const TopicState& y) {
  if (x.mentions != y.mentions) return x.mentions > y.mentions;
  if (x.last != y.last) return x.last > y.last;
  return x.key < y.key;
}

void KeepTopTopics(PairState* pair) {
  std::vector<const TopicState*> order;
  for (const auto& [_, t] : pair->topics) order.push_back(&t);
  std::nth_element(order.begin(), order.begin() + kMaxTopicsPerPair - 1, order.end(),
                   [](const TopicState* x, const TopicState* y) { return Before(*x, *y); });
  const TopicState cut = *order[kMaxTopicsPerPair - 1];
  std::erase_if(pair->topics, [&](const auto& entry) { return Before(cut, entry.second); });
}

}  // namespace

struct ThreadTracker::Impl {
  ThreadOptions options;
  std::unordered_map<std::string, PersonRef> people;
  struct PairHash {
    size_t operator()(const std::pair<std::string, std::string>& p) const {
      return std::hash<std::string>{}(p.first) * 31 + std::hash<std::string>{}(p.second);
    }
  };
  std::unordered_map<std::pair<std::string, std::string>, PairState, PairHash> pairs;
  int64_t newest = INT64_MIN;
  uint64_t sequence = 0;
  size_t one_way = 0;  // pairs where only one of the two has replied so far

  // Bounded memory: when too many pairs are still one-way (someone replied and
  // the other never answered), the least recently active quarter is dropped.
  // Mutual pairs are never dropped.
  void EvictStaleOneWayPairs() {
    std::vector<uint64_t> ages;
    for (const auto& [_, p] : pairs)
      if (p.a_to_b == 0 || p.b_to_a == 0) ages.push_back(p.touched);
    if (ages.empty()) return;
    auto cut = ages.begin() + static_cast<std::ptrdiff_t>(ages.size() / 4);
    std::nth_element(ages.begin(), cut, ages.end());
    const uint64_t cutoff = *cut;
    for (auto it = pairs.begin(); it != pairs.end();) {
      if ((it->second.a_to_b == 0 || it->second.b_to_a == 0) && it->second.touched <= cutoff) {
        it = pairs.erase(it);
        --one_way;
      } else {
        ++it;
      }
    }
  }

  void Remember(const std::string& platform, const std::string& id, const std::string& username,
                const std::string& name) {
    if (id.empty()) return;
    PersonRef& p = people[PersonKey(platform, id)];
    p.platform = platform;
    p.id = id;
    if (!username.empty()) p.username = username;
    if (!name.empty()) p.name = name;
  }
};

ThreadTracker::ThreadTracker(ThreadOptions options) : impl_(std::make_unique<Impl>()) { impl_->options = options; }
ThreadTracker::~ThreadTracker() = default;

void ThreadTracker::Add(const Post& post, const std::vector<nlp::Occurrence>& occurrences,
                        const PreparedPost* prepared) {
  impl_->newest = std::max(impl_->newest, post.created_at);
  impl_->Remember(post.platform, post.author_id, post.author_username, post.author_name);
  for (const UserRef& m : post.mentions) impl_->Remember(post.platform, m.id, m.username, "");
  if (post.reply_to_user_id.empty() || post.reply_to_user_id == post.author_id) return;
  impl_->Remember(post.platform, post.reply_to_user_id, "", "");

  const std::string author = PersonKey(post.platform, post.author_id);
  const std::string partner = PersonKey(post.platform, post.reply_to_user_id);
  const bool author_first = author < partner;
  auto [it, created] =
      impl_->pairs.try_emplace(author_first ? std::make_pair(author, partner) : std::make_pair(partner, author));
  PairState& pair = it->second;
  const bool was_one_way = pair.a_to_b == 0 || pair.b_to_a == 0;
  (author_first ? pair.a_to_b : pair.b_to_a)++;
  pair.touched = ++impl_->sequence;
  if (created) ++impl_->one_way;
  else if (was_one_way && pair.a_to_b > 0 && pair.b_to_a > 0) --impl_->one_way;
  const uint64_t conversation = Hash(post.conversation_id.empty() ? post.id : post.conversation_id);
  auto at = std::lower_bound(pair.conversations.begin(), pair.conversations.end(), conversation);
  if (at == pair.conversations.end() || *at != conversation) pair.conversations.insert(at, conversation);
  pair.first = std::min(pair.first, post.created_at);
  pair.last = std::max(pair.last, post.created_at);

  std::shared_ptr<const EvidencePost> ev = prepared ? prepared->evidence : nullptr;
  std::vector<std::string> seen_here;
  for (size_t i = 0; i < occurrences.size(); ++i) {
    const nlp::Occurrence& o = occurrences[i];
    if (o.category == "birthday" || o.category == "anniversary") continue;  // greetings, not topics
    std::string k = o.category + "|" + o.key;
    if (std::find(seen_here.begin(), seen_here.end(), k) != seen_here.end()) continue;
    TopicState& t = pair.topics[k];
    seen_here.push_back(std::move(k));
    if (t.mentions == 0 || post.created_at < t.value_ts || (post.created_at == t.value_ts && post.id < t.value_post)) {
      t.category = o.category;
      t.key = o.key;
      t.value = o.value;
      t.value_ts = post.created_at;
      t.value_post = post.id;
    }
    ++t.mentions;
    t.last = std::max(t.last, post.created_at);
    if (!ev) {
      ev = EvidencePost::Of(post);
    }
    // Keep the two latest.
    auto later = [](const std::shared_ptr<const EvidencePost>& x, const std::shared_ptr<const EvidencePost>& y) {
      return x->ts != y->ts ? x->ts > y->ts : x->id > y->id;
    };
    if (t.evidence.size() < 2 || later(ev, t.evidence.back())) {
      if (t.evidence.size() == 2) t.evidence.pop_back();
      t.evidence.insert(std::upper_bound(t.evidence.begin(), t.evidence.end(), ev, later), ev);
    }
  }
  if (pair.topics.size() > 2 * kMaxTopicsPerPair) KeepTopTopics(&pair);
  if (impl_->one_way > static_cast<size_t>(impl_->options.max_one_way_pairs)) impl_->EvictStaleOneWayPairs();
}

std::vector<CommonThread> ThreadTracker::Finish() const {
  std::vector<CommonThread> out;
  // Pairs in a fixed order, whatever the hash table's.
  std::vector<const std::pair<const std::pair<std::string, std::string>, PairState>*> ordered;
  for (const auto& entry : impl_->pairs) ordered.push_back(&entry);
  std::sort(ordered.begin(), ordered.end(), [](const auto* x, const auto* y) { return x->first < y->first; });
  for (const auto* entry : ordered) {
    const auto& key = entry->first;
    const PairState& pair = entry->second;
    if (pair.a_to_b == 0 || pair.b_to_a == 0) continue;  // they must have replied to each other
    CommonThread t;
    t.a = impl_->people.at(key.first);
    t.b = impl_->people.at(key.second);
    t.exchanges = pair.a_to_b + pair.b_to_a;
    t.conversations = static_cast<uint32_t>(pair.conversations.size());
    t.first_talked = FormatTimestamp(pair.first);
    t.last_talked = FormatTimestamp(pair.last);
    t.quiet_days = (impl_->newest - pair.last) / 86400;
    std::vector<const TopicState*> topics;
    for (const auto& [_, ts] : pair.topics) topics.push_back(&ts);  // sorted below: order-independent
    std::sort(topics.begin(), topics.end(), [](const TopicState* x, const TopicState* y) { return Before(*x, *y); });
    // A head word inside a longer phrase of the same pair says less: keep "velvet jacket", not "jacket".
    auto words_of = [](const std::string& key) {
      std::set<std::string> words;
      size_t b = 0;
      while (b <= key.size()) {
        size_t e = key.find(' ', b);
        if (e == std::string::npos) e = key.size();
        if (e > b) words.insert(key.substr(b, e - b));
        b = e + 1;
      }
      return words;
    };
    for (const TopicState* ts : topics) {
      if (t.topics.size() >= static_cast<size_t>(impl_->options.topics)) break;
      const std::set<std::string> mine = words_of(ts->key);
      bool covered = false;
      for (const TopicState* other : topics) {
        if (other == ts || other->key.size() <= ts->key.size()) continue;
        const std::set<std::string> theirs = words_of(other->key);
        covered |= std::includes(theirs.begin(), theirs.end(), mine.begin(), mine.end());
      }
      if (covered) continue;
      const auto& ex = impl_->options.excluded;
      if (!ex.empty() && (ex.count(CandidateId(t.a.platform, t.a.id, ts->category, ts->key)) ||
                          ex.count(CandidateId(t.b.platform, t.b.id, ts->category, ts->key))))
        continue;
      ThreadTopic topic{ts->category, ts->value, ts->key, ts->mentions, FormatTimestamp(ts->last), {}};
      for (const auto& e : ts->evidence)
        topic.evidence.push_back({e->id, e->Url(), e->CreatedAt(), e->text, e->author_username});
      t.topics.push_back(std::move(topic));
    }
    if (t.quiet_days > impl_->options.quiet_days && !t.topics.empty()) {
      t.opener = "Last time (" + Day(pair.last) + ") you talked about ";
      for (size_t i = 0; i < t.topics.size() && i < 3; ++i) {
        if (i) t.opener += i + 1 == std::min<size_t>(t.topics.size(), 3) ? " and " : ", ";
        std::string value = t.topics[i].value;  // "daughter: Maya" reads "daughter Maya" in a sentence
        if (size_t colon = value.find(": "); colon != std::string::npos) value.erase(colon, 1);
        t.opener += value;
      }
      t.opener += ".";
    }
    out.push_back(std::move(t));
  }
  return out;
}

std::vector<Connection> FindConnections(const std::vector<Artifact>& artifacts,
                                        const std::vector<CommonThread>& threads) {
  static const std::set<std::string> kKinds = {"name", "place", "job", "school", "topic", "hobby", "sport"};
  std::set<std::pair<std::string, std::string>> talking;
  for (const CommonThread& t : threads)
    talking.emplace(PersonKey(t.a.platform, t.a.id), PersonKey(t.b.platform, t.b.id));
  std::map<std::string, std::vector<const Artifact*>> by_key;
  std::set<std::string> people;
  for (const Artifact& a : artifacts) {
    people.insert(PersonKey(a.person.platform, a.person.id));
    if (!kKinds.count(a.category) || a.said_by != "self" || a.evidence.empty()) continue;
    by_key[a.key].push_back(&a);
  }
  std::vector<Connection> out;
  const size_t max_sharing = std::min<size_t>(kMaxSharing, std::max<size_t>(5, people.size() / 100));
  // Rarest keys first: two of three people sharing a topic is more telling than two of twenty.
  std::vector<std::pair<size_t, const std::string*>> keys;
  for (const auto& [key, list] : by_key)
    if (list.size() >= 2 && list.size() <= max_sharing) keys.emplace_back(list.size(), &key);
  std::stable_sort(keys.begin(), keys.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
  std::map<std::string, int> links_of;  // per person, capped so the output grows with people, not pairs
  std::set<std::pair<std::string, std::string>> linked;
  for (const auto& [_, key_ptr] : keys) {
    const std::string& key = *key_ptr;
    const auto& list = by_key[key];
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
  std::sort(out.begin(), out.end(), [](const Connection& x, const Connection& y) {
    return std::tie(x.key, x.a.platform, x.a.id, x.b.platform, x.b.id) <
           std::tie(y.key, y.a.platform, y.a.id, y.b.platform, y.b.id);
  });
  return out;
}

}  // namespace rapport::pipeline
