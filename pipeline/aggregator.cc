#include "pipeline/aggregator.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "pipeline/post_parser.h"

namespace rapport::pipeline {
namespace {

uint64_t Fnv1a(std::string_view s, uint64_t h = 1469598103934665603ull) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

// Inserts into a sorted vector used as a small set; returns true if new.
template <typename T>
bool InsertSorted(std::vector<T>* v, T x) {
  auto it = std::lower_bound(v->begin(), v->end(), x);
  if (it != v->end() && *it == x) return false;
  v->insert(it, x);
  return true;
}

struct KeyStats {
  std::string category, key, value;
  std::string value_post;  // id of the post the value comes from (the earliest)
  bool negative = false;
  bool said_by_other = false;  // every occurrence came from someone else
  bool said_by_self = false;
  uint32_t mentions = 0;
  float weight_max = 0, weight_sum = 0;
  int64_t first = 0, last = 0;
  std::vector<int32_t> days;
  std::vector<uint64_t> conversations;
  std::vector<uint64_t> interlocutors;
  std::vector<std::shared_ptr<const EvidencePost>> evidence;  // strongest statement first, then earliest
  std::vector<float> evidence_weight;                         // per evidence post: its strongest occurrence
};

struct PersonState {
  std::string platform, id, username, name;
  std::unordered_map<std::string, KeyStats> keys;  // by category + '|' + key
  std::map<std::string, std::string> aliases;      // bare-name key -> category|key of the fact it names
};

// Splits a key into its words.
std::vector<std::string_view> KeyWords(std::string_view key) {
  std::vector<std::string_view> words;
  size_t b = 0;
  while (b < key.size()) {
    size_t e = key.find(' ', b);
    if (e == std::string_view::npos) e = key.size();
    if (e > b) words.push_back(key.substr(b, e - b));
    b = e + 1;
  }
  return words;
}

// The least evidence (strength x recurrence) a candidate needs: one
// first-person statement of a plain topic, the unit of occurrence weight.
constexpr double kMinEvidence = 1.0;
// Below it a candidate's score is scaled by this: it is proposed only when the
// person has too few candidates with enough evidence to fill the top K.
constexpr double kWeakEvidenceFactor = 0.1;

// One person's candidate before it becomes an Artifact: the score and where
// its statistics are. Only the chosen top K are turned into Artifacts.
struct Scored {
  double score = 0;
  std::string candidate_id;
  const KeyStats* ks = nullptr;
};

// Keeps the best `k` candidates of one person, preferring variety: a candidate
// whose words all appear in candidates already chosen ("diet" after "raw
// diet") is discounted, and so is one whose evidence post already backs
// chosen candidates, so the top K cover K different facts where the person
// gave that many. The score kept is the discounted one, so sorting by score
// reproduces the order chosen.
void SelectTopK(std::vector<Scored>* candidates, size_t k) {
  auto by_score = [](const Scored& a, const Scored& b) {
    long long sa = std::llround(a.score * 1e6), sb = std::llround(b.score * 1e6);  // ignore float noise
    return sa != sb ? sa > sb : a.candidate_id < b.candidate_id;
  };
  std::sort(candidates->begin(), candidates->end(), by_score);
  std::vector<Scored> chosen;
  std::vector<std::string> chosen_words;
  std::unordered_map<std::string, int> post_use;
  std::vector<bool> taken(candidates->size(), false);
  while (chosen.size() < k) {
    double best = -1;
    size_t best_i = 0;
    for (size_t i = 0; i < candidates->size(); ++i) {
      if (taken[i]) continue;
      const Scored& a = (*candidates)[i];
      if (a.score <= best) break;  // sorted: no later one can beat `best`
      double adjusted = a.score;
      bool redundant = !chosen_words.empty();
      for (std::string_view w : KeyWords(a.ks->key))
        if (std::find(chosen_words.begin(), chosen_words.end(), w) == chosen_words.end()) redundant = false;
      if (redundant) adjusted *= 0.25;
      if (!a.ks->evidence.empty())
        if (auto it = post_use.find(a.ks->evidence.front()->id); it != post_use.end())
          adjusted *= std::pow(0.8, it->second);
      if (adjusted > best + 1e-9) best = adjusted, best_i = i;
    }
    if (best < 0) break;
    taken[best_i] = true;
    Scored a = std::move((*candidates)[best_i]);
    a.score = std::round(best * 1e4) / 1e4;
    for (const auto& e : a.ks->evidence) ++post_use[e->id];
    for (std::string_view w : KeyWords(a.ks->key)) chosen_words.emplace_back(w);
    chosen.push_back(std::move(a));
  }
  *candidates = std::move(chosen);
}

}  // namespace

std::string CandidateId(const std::string& platform, const std::string& person_id, const std::string& category,
                        const std::string& key) {
  uint64_t h = Fnv1a(platform);
  h = Fnv1a("\x1f", h);
  h = Fnv1a(person_id, h);
  h = Fnv1a("\x1f", h);
  h = Fnv1a(category, h);
  h = Fnv1a("\x1f", h);
  h = Fnv1a(key, h);
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

struct Aggregator::Impl {
  AggregateOptions options;
  std::unordered_map<std::string, PersonState> people;  // by platform + ':' + id (or '@' + username)

  PersonState& Person(const std::string& platform, const std::string& id, const std::string& username) {
    return PersonByKey(platform + ":" + (id.empty() ? "@" + username : id), platform, id, username);
  }

  PersonState& PersonByKey(const std::string& k, const std::string& platform, const std::string& id,
                           const std::string& username) {
    PersonState& p = people[k];
    if (p.platform.empty()) {
      p.platform = platform;
      p.id = id.empty() ? "@" + username : id;
    }
    if (!username.empty() && p.username.empty()) p.username = username;
    return p;
  }

  void Merge(KeyStats* to, const KeyStats& from) const {
    to->mentions += from.mentions;
    to->said_by_self |= from.said_by_self;
    to->said_by_other |= from.said_by_other;
    to->weight_max = std::max(to->weight_max, from.weight_max);
    to->weight_sum += from.weight_sum;
    to->first = std::min(to->first, from.first);
    to->last = std::max(to->last, from.last);
    for (int32_t d : from.days) InsertSorted(&to->days, d);
    for (uint64_t c : from.conversations) InsertSorted(&to->conversations, c);
    for (uint64_t c : from.interlocutors) InsertSorted(&to->interlocutors, c);
    for (size_t i = 0; i < from.evidence.size(); ++i) AddEvidence(to, from.evidence[i], from.evidence_weight[i]);
  }

  // Keeps the `options.evidence` posts that state the fact most strongly (the
  // weight of their strongest occurrence: "I have a dog" before "dogs are
  // great"), the earliest first among equals, so the evidence an analyst reads
  // first is the post that actually says it.
  void AddEvidence(KeyStats* ks, const std::shared_ptr<const EvidencePost>& ev, float weight) const {
    auto& posts = ks->evidence;
    auto& weights = ks->evidence_weight;
    for (size_t i = 0; i < posts.size(); ++i) {
      if (posts[i]->id != ev->id) continue;
      if (weight <= weights[i]) return;
      posts.erase(posts.begin() + static_cast<std::ptrdiff_t>(i));  // stronger now: placed again below
      weights.erase(weights.begin() + static_cast<std::ptrdiff_t>(i));
      break;
    }
    const size_t cap = static_cast<size_t>(std::max(0, options.evidence));
    auto ranks_before = [&](size_t i) {
      if (weight != weights[i]) return weight > weights[i];
      return ev->ts != posts[i]->ts ? ev->ts < posts[i]->ts : ev->id < posts[i]->id;
    };
    size_t at = 0;
    while (at < posts.size() && !ranks_before(at)) ++at;
    if (at >= cap) return;
    posts.insert(posts.begin() + static_cast<std::ptrdiff_t>(at), ev);
    weights.insert(weights.begin() + static_cast<std::ptrdiff_t>(at), weight);
    if (posts.size() > cap) posts.pop_back(), weights.pop_back();
  }
};

Aggregator::Aggregator(AggregateOptions options) : impl_(std::make_unique<Impl>()) { impl_->options = options; }
Aggregator::~Aggregator() = default;
uint64_t Aggregator::people() const { return impl_->people.size(); }

PreparedPost Aggregator::Prepare(const Post& post, const std::vector<nlp::Occurrence>& occurrences) {
  PreparedPost p;
  p.author_key = post.platform + ":" + (post.author_id.empty() ? "@" + post.author_username : post.author_id);
  bool any = false;
  p.keys.reserve(occurrences.size());
  for (const nlp::Occurrence& o : occurrences) {
    p.keys.push_back(o.conversational ? std::string() : o.category + "|" + o.key);
    any |= !o.conversational;
  }
  if (!any) return p;
  p.day = static_cast<int32_t>(post.created_at >= 0 ? post.created_at / 86400 : -1);
  p.conversation = Fnv1a(post.conversation_id.empty() ? post.id : post.conversation_id);
  if (!post.reply_to_user_id.empty() && post.reply_to_user_id != post.author_id)
    p.partners.push_back(Fnv1a(post.reply_to_user_id));
  for (const UserRef& m : post.mentions)
    if (m.id != post.author_id) p.partners.push_back(Fnv1a(m.id.empty() ? "@" + m.username : m.id));
  auto e = std::make_shared<EvidencePost>();
  e->id = post.id;
  e->url = PostUrl(post);
  e->created_at = FormatTimestamp(post.created_at);
  e->text = post.text;
  e->author_username = post.author_username;
  e->ts = post.created_at;
  p.evidence = std::move(e);
  return p;
}

void Aggregator::Add(const Post& post, const std::vector<nlp::Occurrence>& occurrences, const PreparedPost& prepared) {
  PersonState& author = impl_->PersonByKey(prepared.author_key, post.platform, post.author_id, post.author_username);
  if (!post.author_username.empty() && author.username != post.author_username) author.username = post.author_username;
  if (!post.author_name.empty() && author.name != post.author_name) author.name = post.author_name;
  if (!prepared.evidence) return;

  for (size_t i = 0; i < occurrences.size(); ++i) {
    const nlp::Occurrence& o = occurrences[i];
    if (o.conversational) continue;  // a thread topic, not a fact about anyone
    PersonState* subject = &author;
    if (o.mention_index >= 0) {
      if (static_cast<size_t>(o.mention_index) >= post.mentions.size()) continue;
      const UserRef& m = post.mentions[o.mention_index];
      if (m.id == post.author_id) continue;
      subject = &impl_->Person(post.platform, m.id, m.username);
    }
    if (!o.alias.empty()) subject->aliases.emplace("name|" + o.alias, prepared.keys[i]);
    KeyStats& ks = subject->keys[prepared.keys[i]];
    if (ks.mentions == 0) {
      ks.category = o.category;
      ks.key = o.key;
      ks.negative = o.negative;
      ks.first = ks.last = post.created_at;
    }
    // The value shown is the earliest occurrence's, whatever the arrival order.
    if (ks.mentions == 0 || post.created_at < ks.first ||
        (post.created_at == ks.first && post.id < ks.value_post)) {
      ks.value = o.value;
      ks.value_post = post.id;
    }
    ++ks.mentions;
    (o.mention_index >= 0 ? ks.said_by_other : ks.said_by_self) = true;
    ks.weight_max = std::max(ks.weight_max, o.weight);
    ks.weight_sum += o.weight;
    ks.first = std::min(ks.first, post.created_at);
    ks.last = std::max(ks.last, post.created_at);
    InsertSorted(&ks.days, prepared.day);
    InsertSorted(&ks.conversations, prepared.conversation);
    for (uint64_t p : prepared.partners) InsertSorted(&ks.interlocutors, p);
    impl_->AddEvidence(&ks, prepared.evidence, o.weight);
  }
}

std::vector<Artifact> Aggregator::Finish() const {
  // Background model: in how many people's vocabulary does each key occur?
  std::unordered_map<std::string, uint32_t> df;
  for (const auto& [_, person] : impl_->people)
    for (const auto& [k, _ks] : person.keys) ++df[k];
  const double n_people = std::max<double>(1, static_cast<double>(impl_->people.size()));

  std::vector<const PersonState*> order;
  for (const auto& [_, person] : impl_->people) order.push_back(&person);
  std::sort(order.begin(), order.end(), [](const PersonState* a, const PersonState* b) {
    return a->platform != b->platform ? a->platform < b->platform : a->id < b->id;
  });

  std::vector<Artifact> out;
  std::vector<Scored> mine;
  for (const PersonState* person : order) {
    mine.clear();
    // "Rover" said alone is the dog of "my dog Rover": fold the bare name into
    // that fact. Only the facts that absorb a name are copied.
    std::unordered_map<std::string, KeyStats> merged;
    std::unordered_set<std::string> absorbed;
    for (const auto& [name_key, target] : person->aliases) {
      auto from = person->keys.find(name_key);
      auto to = person->keys.find(target);
      if (from == person->keys.end() || to == person->keys.end() || absorbed.count(name_key)) continue;
      auto [slot, fresh] = merged.try_emplace(target, to->second);
      (void)fresh;
      impl_->Merge(&slot->second, from->second);
      absorbed.insert(name_key);
    }
    for (const auto& [k, original] : person->keys) {
      if (absorbed.count(k)) continue;
      auto m = merged.find(k);
      const KeyStats& ks = m == merged.end() ? original : m->second;
      // Distinctive for this person: inverse document frequency over people.
      const double idf = std::log((n_people + 1.0) / (df[k] + 0.5));
      // Recurring: distinct days and conversations count more than repeats in one post.
      const double recurrence = 1.0 + std::log2(static_cast<double>(ks.days.size())) +
                                0.5 * std::log2(static_cast<double>(ks.conversations.size())) +
                                0.25 * std::log2(static_cast<double>(ks.mentions));
      const double strength = ks.weight_max + 0.25 * (ks.weight_sum - ks.weight_max);
      // A phrase says more than a lone word ("horror movies" vs "movies").
      const double specificity = 1.0 + 0.5 * static_cast<double>(std::min<size_t>(KeyWords(ks.key).size(), 3) - 1);
      std::string candidate_id = CandidateId(person->platform, person->id, ks.category, ks.key);
      if (impl_->options.excluded.count(candidate_id)) continue;
      // Evidence strength: a candidate needs at least the evidence of one
      // first-person statement of a plain topic (weight 1). A lone impersonal,
      // negated, hypothetical or someone else's mention of a plain topic or a
      // name is not enough to call it this person's fact (said again on
      // another day, or typed by a pattern, "I have a dog", it is): it is
      // scaled down so that it only fills a slot nothing better wants.
      const double weak = strength * recurrence < kMinEvidence ? kWeakEvidenceFactor : 1.0;
      mine.push_back({weak * strength * specificity * recurrence * (0.6 + 0.4 * std::min(1.0, idf / std::log(20.0))),
                      std::move(candidate_id), &ks});
    }
    SelectTopK(&mine, static_cast<size_t>(impl_->options.top_k));
    for (Scored& c : mine) {
      const KeyStats& ks = *c.ks;
      Artifact a;
      a.score = c.score;
      a.candidate_id = std::move(c.candidate_id);
      a.person = {person->platform, person->id, person->username, person->name};
      a.category = ks.category;
      a.value = ks.value;
      a.key = ks.key;
      a.polarity = ks.negative ? "negative" : "positive";
      a.said_by = ks.said_by_self ? "self" : "other";
      a.mentions = ks.mentions;
      a.days = static_cast<uint32_t>(ks.days.size());
      a.conversations = static_cast<uint32_t>(ks.conversations.size());
      a.interlocutors = static_cast<uint32_t>(ks.interlocutors.size());
      a.first_seen = FormatTimestamp(ks.first);
      a.last_seen = FormatTimestamp(ks.last);
      for (const auto& e : ks.evidence) a.evidence.push_back({e->id, e->url, e->created_at, e->text, e->author_username});
      out.push_back(std::move(a));
    }
  }
  return out;
}

}  // namespace rapport::pipeline
