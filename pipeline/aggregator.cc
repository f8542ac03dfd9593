#include "pipeline/aggregator.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <map>
#include <memory>
#include <memory_resource>
#include <span>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>

#include "base/fnv.h"
#include "base/string_table.h"
#include "pipeline/evidence_batch.h"
#include "pipeline/internal/distinct_count.h"
#include "pipeline/internal/key_words.h"
#include "pipeline/internal/pool_string.h"
#include "pipeline/internal/shards.h"
#include "pipeline/post_parser.h"

namespace rapport::pipeline {
namespace {


// All of an Aggregator's per-key records, their key and value strings, small
// sets and evidence slots come from one pool per shard, and the tables are
// released as a whole: a record is never destroyed one by one. Not
// thread-safe, like AddShard() on one shard.
using internal::DistinctCount;
using internal::ForEachKeyWord;
using internal::Pool;
using internal::PoolString;

// A sorted set of trivially copyable values: the first N inline, then a
// doubling array in the pool. Most keys are seen once (half of them at 1M
// posts), so most sets never allocate.
template <typename T, uint32_t N>
class SmallSet {
 public:
  SmallSet() : inline_{} {}
  uint32_t size() const { return size_; }
  const T* begin() const { return cap_ > N ? heap_ : inline_; }
  const T* end() const { return begin() + size_; }

  // Returns true if new.
  bool Insert(Pool* pool, T x) {
    T* d = cap_ > N ? heap_ : inline_;
    T* it = std::lower_bound(d, d + size_, x);
    if (it != d + size_ && *it == x) return false;
    const size_t at = static_cast<size_t>(it - d);
    if (size_ == cap_) {
      const uint32_t ncap = cap_ * 2;
      T* nd = static_cast<T*>(pool->allocate(ncap * sizeof(T), alignof(T)));
      std::memcpy(nd, d, at * sizeof(T));
      nd[at] = x;
      std::memcpy(nd + at + 1, d + at, (size_ - at) * sizeof(T));
      if (cap_ > N) pool->deallocate(heap_, cap_ * sizeof(T), alignof(T));
      heap_ = nd;
      cap_ = ncap;
    } else {
      std::memmove(d + at + 1, d + at, (size_ - at) * sizeof(T));
      d[at] = x;
    }
    ++size_;
    return true;
  }

  // A deep copy of `from` (this set must be empty).
  void CopyFrom(Pool* pool, const SmallSet& from) {
    for (T x : from) Insert(pool, x);
  }
  void Release(Pool* pool) {
    if (cap_ > N) pool->deallocate(heap_, cap_ * sizeof(T), alignof(T));
    size_ = 0;
    cap_ = N;
  }

 private:
  uint32_t size_ = 0, cap_ = N;
  union {
    T inline_[N];
    T* heap_;
  };
};

struct EvidenceSlot {
  EvidenceRef post;
  float weight = 0;      // the post's strongest occurrence of the key
  uint32_t id_hash = 0;  // Fnv1a32 of post->id(): another post is told apart without reading it
};
static_assert(sizeof(EvidenceSlot) == 16);

// One (person, key) record. Trivially destructible: it lives in the pool and
// only its evidence slots (counted references) are destroyed explicitly.
// 128 bytes, one of the pool's block sizes (there are 1.5 million of them at
// 1M posts): fields ordered by size, small counters.
struct KeyStats {
  const char* name = nullptr;        // category + '|' + key, in the pool (the table's key)
  EvidenceSlot* evidence = nullptr;  // evidence_cap slots (grown as needed up to the option), n_evidence used:
                                     // strongest statement first, then earliest
  int64_t first = 0, last = 0;
  PoolString value;
  SmallSet<int32_t, 2> days;
  DistinctCount conversations;          // of 32-bit hashes: exact up to DistinctCount::kExact, then an estimate
  SmallSet<uint32_t, 2> interlocutors;
  uint32_t hash = 0;  // of name
  uint32_t mentions = 0;
  float weight_max = 0, weight_sum = 0;
  uint32_t value_post = 0;  // Fnv1a32 of the id of the post the value comes from (the earliest): breaks ties
                            // in time (any fixed order of the ids does; this one takes 4 bytes, not the id)
  uint16_t name_size = 0;
  uint16_t cat_size = 0;  // category = name[0, cat_size), key = name[cat_size + 1, name_size)
  uint8_t n_evidence = 0, evidence_cap = 0;
  bool negative = false;
  bool said_by_other = false;  // every occurrence came from someone else
  bool said_by_self = false;

  std::string_view full() const { return {name, name_size}; }
  std::string_view category() const { return full().substr(0, cat_size); }
  std::string_view key() const { return cat_size < name_size ? full().substr(cat_size + 1) : std::string_view(); }
};
static_assert(sizeof(KeyStats) <= 128);
static_assert(std::is_trivially_destructible_v<KeyStats>);

// Longest category|key kept, and most evidence posts per key (the option is
// clamped to it): what KeyStats' small counters hold.
constexpr size_t kMaxKeySize = 4096;
constexpr int kMaxEvidence = 100;


// One person's records by category|key: open addressing (linear probing) over
// pointers into the pool. A slot keeps the low 16 bits of the key's hash in
// the pointer's unused top bits (user-space addresses on x86-64 and AArch64
// Linux fit in 48 bits), so probing past other keys reads only the slot array,
// not their records: those reads were cache misses, a quarter of AddShard's
// time. The low bits are also the home slot's while the table has at most
// 2^16 slots, so growing it moves the slots without reading the records
// (reading them was another quarter). The price: keys with the same home
// share the home's k bits of the tag, so the tag tells them apart by its
// other 16 - k bits only (a person's ~75 keys: 128 slots, 9 bits); keys of
// other homes it always tells apart. Past 2^16 slots a table rehashes from
// the records. Should a record ever lie above 2^48, the table drops the tags
// and compares records in full.
class KeyTable {
 public:
  size_t size() const { return count_; }

  const KeyStats* Find(std::string_view k) const {
    if (slots_.empty()) return nullptr;
    const uint32_t h = Fnv1a32(k);
    const size_t mask = slots_.size() - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
      const uintptr_t slot = slots_[i];
      if (!slot) return nullptr;
      if (Matches(slot, h, k)) return Record(slot);
    }
  }

  // REQUIRES: h == Fnv1a32(k).
  KeyStats* FindOrInsert(Pool* pool, std::string_view k, uint32_t h) {
    if ((count_ + 1) * 4 > slots_.size() * 3) Grow();
    const size_t mask = slots_.size() - 1;
    size_t i = h & mask;
    for (;; i = (i + 1) & mask) {
      const uintptr_t slot = slots_[i];
      if (!slot) break;
      if (Matches(slot, h, k)) return Record(slot);
    }
    auto* ks = new (pool->allocate(sizeof(KeyStats), alignof(KeyStats))) KeyStats();
    char* name = static_cast<char*>(pool->allocate(std::max<size_t>(k.size(), 1), 1));
    if (!k.empty()) std::memcpy(name, k.data(), k.size());
    ks->name = name;
    ks->name_size = static_cast<uint16_t>(k.size());  // REQUIRES: k.size() <= kMaxKeySize
    ks->hash = h;
    const auto address = reinterpret_cast<uintptr_t>(ks);
    if (tagged_ && (address & ~kAddressMask)) Untag();
    slots_[i] = tagged_ ? address | uintptr_t{TagOf(h)} << kTagShift : address;
    ++count_;
    return ks;
  }

  // Hints for a FindOrInsert(k, h) soon after; neither changes the table.
  // The first starts loading the slot where the probe for h begins.
  void PrefetchSlot(uint32_t h) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[h & (slots_.size() - 1)]);
  }
  // The record FindOrInsert(k, h) will most likely return, judged by the
  // slots' tags alone (no record is read), or null (new, or an untagged table).
  const KeyStats* Likely(uint32_t h) const {
    if (slots_.empty() || !tagged_) return nullptr;
    const size_t mask = slots_.size() - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
      const uintptr_t slot = slots_[i];
      if (!slot) return nullptr;
      if ((slot >> kTagShift) == TagOf(h)) return Record(slot);
    }
  }

  template <typename F>
  void ForEach(F f) const {
    for (uintptr_t slot : slots_)
      if (slot) f(Record(slot));
  }

 private:
  static constexpr int kTagShift = 48;
  static constexpr uintptr_t kAddressMask = (uintptr_t{1} << kTagShift) - 1;
  static_assert(sizeof(uintptr_t) == 8, "tagged slots need 64-bit pointers");

  static uint16_t TagOf(uint32_t h) { return static_cast<uint16_t>(h); }
  KeyStats* Record(uintptr_t slot) const {
    return reinterpret_cast<KeyStats*>(tagged_ ? slot & kAddressMask : slot);
  }
  bool Matches(uintptr_t slot, uint32_t h, std::string_view k) const {
    if (tagged_ && (slot >> kTagShift) != TagOf(h)) return false;  // another key: its record is not read
    const KeyStats* ks = Record(slot);
    return ks->hash == h && ks->full() == k;
  }
  void Untag() {
    for (uintptr_t& slot : slots_) slot &= kAddressMask;
    tagged_ = false;
  }

  void Grow() {
    std::vector<uintptr_t> old = std::move(slots_);
    slots_.assign(old.empty() ? 8 : old.size() * 2, 0);
    const size_t mask = slots_.size() - 1;
    const bool tag_is_home = tagged_ && mask <= 0xFFFF;  // the tag holds every bit the home slot needs
    for (uintptr_t slot : old) {
      if (!slot) continue;
      size_t i = (tag_is_home ? slot >> kTagShift : Record(slot)->hash) & mask;
      while (slots_[i]) i = (i + 1) & mask;
      slots_[i] = slot;
    }
  }

  std::vector<uintptr_t> slots_;  // power-of-two size, at most 3/4 full
  uint32_t count_ = 0;
  bool tagged_ = true;
};

struct PersonState {
  std::string platform, id, username, name;
  KeyTable keys;                                // by category + '|' + key
  std::map<std::string, std::string> aliases;  // bare-name key -> category|key of the fact it names
};

size_t KeyWordCount(std::string_view key) {
  size_t n = 0;
  ForEachKeyWord(key, [&](std::string_view) { ++n; });
  return n;
}

// The least evidence (strength x recurrence) a candidate needs: one
// first-person statement of a plain topic, the unit of occurrence weight.
constexpr double kMinEvidence = 1.0;
// Below it a candidate is not proposed (AggregateOptions::keep_weak: kept,
// its score scaled by this, so it only fills a slot nothing better wants).
constexpr double kWeakEvidenceFactor = 0.1;

// One person's candidate before it becomes an Artifact: the score and where
// its statistics are. Only the chosen top K are turned into Artifacts.
struct Scored {
  double score = 0;
  uint64_t candidate = 0;  // the candidate id's hash: Hex16 of it is the id, in the same order
  const KeyStats* ks = nullptr;
};

// Keeps the best `k` candidates of one person, preferring variety: a candidate
// whose words all appear in candidates already chosen ("diet" after "raw
// diet") is discounted, and so is one whose evidence posts all already back
// chosen candidates (x0.5 per candidate behind its least used post), so the
// top K cover K different facts, and bring new posts to read, where the person
// gave that many. The score kept is the discounted one, so sorting by score
// reproduces the order chosen.
void SelectTopK(std::vector<Scored>* candidates, size_t k) {
  auto by_score = [](const Scored& a, const Scored& b) {
    long long sa = std::llround(a.score * 1e6), sb = std::llround(b.score * 1e6);  // ignore float noise
    return sa != sb ? sa > sb : a.candidate < b.candidate;
  };
  std::sort(candidates->begin(), candidates->end(), by_score);
  std::vector<Scored> chosen;
  std::vector<std::string_view> chosen_words;  // the keys outlive this call
  // How many chosen candidates each evidence post backs, by the post's id: at
  // most k * kMaxEvidence posts, looked up for every candidate of every round,
  // so a flat list told apart by the slots' id hashes before the ids.
  struct PostUse {
    uint32_t id_hash;
    std::string_view id;  // the evidence record's: it outlives this call
    int uses;
  };
  std::vector<PostUse> post_use;
  auto find_use = [&post_use](const EvidenceSlot& slot) -> PostUse* {
    const std::string_view id = slot.post->id();
    for (PostUse& u : post_use)
      if (u.id_hash == slot.id_hash && u.id == id) return &u;
    return nullptr;
  };
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
      ForEachKeyWord(a.ks->key(), [&](std::string_view w) {
        if (std::find(chosen_words.begin(), chosen_words.end(), w) == chosen_words.end()) redundant = false;
      });
      if (redundant) adjusted *= 0.25;
      if (a.ks->n_evidence > 0) {
        // Nothing new to read: every post it cites already backs chosen candidates.
        int least = -1;
        for (uint32_t e = 0; e < a.ks->n_evidence && least != 0; ++e) {
          const PostUse* u = find_use(a.ks->evidence[e]);
          const int uses = u ? u->uses : 0;
          if (least < 0 || uses < least) least = uses;
        }
        adjusted *= std::pow(0.5, least);
      }
      if (adjusted > best + 1e-9) best = adjusted, best_i = i;
    }
    if (best < 0) break;
    taken[best_i] = true;
    Scored a = std::move((*candidates)[best_i]);
    a.score = std::round(best * 1e4) / 1e4;
    for (uint32_t e = 0; e < a.ks->n_evidence; ++e) {
      const EvidenceSlot& slot = a.ks->evidence[e];
      if (PostUse* u = find_use(slot)) ++u->uses;
      else post_use.push_back({slot.id_hash, slot.post->id(), 1});
    }
    ForEachKeyWord(a.ks->key(), [&](std::string_view w) { chosen_words.push_back(w); });
    chosen.push_back(std::move(a));
  }
  *candidates = std::move(chosen);
}

// A candidate's hash is FNV-1a of platform, person id, category and key,
// each followed by '\x1f' but the last. The person's part, hashed once for
// all of their keys:
uint64_t CandidatePersonHash(std::string_view platform, std::string_view person_id) {
  return Fnv1a("\x1f", Fnv1a(person_id, Fnv1a("\x1f", Fnv1a(platform))));
}
// ...and a key's, continuing from it.
uint64_t CandidateKeyHash(uint64_t person_hash, std::string_view category, std::string_view key) {
  return Fnv1a(key, Fnv1a("\x1f", Fnv1a(category, person_hash)));
}

uint64_t CandidateHashOf(std::string_view platform, std::string_view person_id, std::string_view category,
                         std::string_view key) {
  return CandidateKeyHash(CandidatePersonHash(platform, person_id), category, key);
}

std::string CandidateIdOf(std::string_view platform, std::string_view person_id, std::string_view category,
                          std::string_view key) {
  return Hex16(CandidateHashOf(platform, person_id, category, key));
}

}  // namespace

std::string CandidateId(const std::string& platform, const std::string& person_id, const std::string& category,
                        const std::string& key) {
  return CandidateIdOf(platform, person_id, category, key);
}

size_t CountPeople(const std::vector<Artifact>& artifacts) {
  std::unordered_set<std::string> people;
  const PersonRef* last = nullptr;  // a person's artifacts come together: skip the repeats
  for (const Artifact& a : artifacts) {
    if (!last || last->id != a.person.id || last->platform != a.person.platform)
      people.insert(a.person.platform + ":" + a.person.id);
    last = &a.person;
  }
  return people.size();
}

namespace {

// One shard of the tables: the people whose key hashes to it, with their
// records in the shard's own pool. Shards are updated concurrently, each by
// one task at a time (see Aggregator::AddShard).
struct Shard {
  size_t evidence_cap = 0;  // options.evidence
  // Declared before the tables: destroyed after them, it frees their records at once.
  mutable Pool pool;
  StringTable<PersonState> people;  // by platform + ':' + id (or '@' + username)
  std::string scratch_key;  // Person()'s lookup key

  ~Shard() {
    // The records are trivially destructible and go with the pool; only the
    // evidence they pin is released here.
    for (PersonState& person : people.values())
      person.keys.ForEach([&](KeyStats* ks) {
        if (ks->evidence) std::destroy_n(ks->evidence, ks->evidence_cap);
      });
  }

  size_t EvidenceCap() const { return evidence_cap; }

  EvidenceSlot* NewSlots(size_t n) const {
    auto* slots = static_cast<EvidenceSlot*>(pool.allocate(n * sizeof(EvidenceSlot), alignof(EvidenceSlot)));
    std::uninitialized_value_construct_n(slots, n);
    return slots;
  }

  // Room for `want` slots, the used ones moved over.
  void GrowEvidence(KeyStats* ks, size_t want) const {
    EvidenceSlot* slots = NewSlots(want);
    std::move(ks->evidence, ks->evidence + ks->n_evidence, slots);
    const uint8_t n = ks->n_evidence;
    ReleaseEvidence(ks);
    ks->evidence = slots;
    ks->evidence_cap = static_cast<uint8_t>(want);
    ks->n_evidence = n;
  }

  void ReleaseEvidence(KeyStats* ks) const {
    if (!ks->evidence) return;
    std::destroy_n(ks->evidence, ks->evidence_cap);
    pool.deallocate(ks->evidence, ks->evidence_cap * sizeof(EvidenceSlot), alignof(EvidenceSlot));
    ks->evidence = nullptr;
    ks->n_evidence = ks->evidence_cap = 0;
  }

  PersonState& Person(const std::string& platform, const std::string& id, const std::string& username) {
    scratch_key.assign(platform).append(1, ':');
    if (id.empty()) scratch_key.append(1, '@').append(username);
    else scratch_key.append(id);
    return PersonByKey(scratch_key, platform, id, username);
  }

  PersonState& PersonByKey(std::string_view k, const std::string& platform, const std::string& id,
                           const std::string& username) {
    PersonState& p = people.FindOrInsert(k);
    if (p.platform.empty()) {
      p.platform = platform;
      p.id = id.empty() ? "@" + username : id;
    }
    if (!username.empty() && p.username.empty()) p.username = username;
    return p;
  }

  // A copy of `from` with its own sets and evidence slots (the strings are
  // shared: a merged record's value is never rewritten). Undo with Discard().
  KeyStats Copy(const KeyStats& from) const {
    KeyStats to;
    to.name = from.name;
    to.name_size = from.name_size;
    to.hash = from.hash;
    to.cat_size = from.cat_size;
    to.mentions = from.mentions;
    to.weight_max = from.weight_max;
    to.weight_sum = from.weight_sum;
    to.first = from.first;
    to.last = from.last;
    to.negative = from.negative;
    to.said_by_other = from.said_by_other;
    to.said_by_self = from.said_by_self;
    to.value = from.value;
    to.value_post = from.value_post;
    to.days.CopyFrom(&pool, from.days);
    to.conversations.Merge(&pool, from.conversations);
    to.interlocutors.CopyFrom(&pool, from.interlocutors);
    if (from.evidence) {
      to.evidence = NewSlots(from.evidence_cap);
      std::copy_n(from.evidence, from.n_evidence, to.evidence);
      to.n_evidence = from.n_evidence;
      to.evidence_cap = from.evidence_cap;
    }
    return to;
  }

  void Discard(KeyStats* ks) const {
    ks->days.Release(&pool);
    ks->conversations.Release(&pool);
    ks->interlocutors.Release(&pool);
    ReleaseEvidence(ks);
  }

  void Merge(KeyStats* to, const KeyStats& from) const {
    to->mentions += from.mentions;
    to->said_by_self |= from.said_by_self;
    to->said_by_other |= from.said_by_other;
    to->weight_max = std::max(to->weight_max, from.weight_max);
    to->weight_sum += from.weight_sum;
    to->first = std::min(to->first, from.first);
    to->last = std::max(to->last, from.last);
    for (int32_t d : from.days) to->days.Insert(&pool, d);
    to->conversations.Merge(&pool, from.conversations);
    for (uint32_t c : from.interlocutors) to->interlocutors.Insert(&pool, c);
    for (uint32_t i = 0; i < from.n_evidence; ++i)
      AddEvidence(to, from.evidence[i].post, from.evidence[i].id_hash, from.evidence[i].weight);
  }

  // Keeps the `options.evidence` posts that state the fact most strongly (the
  // weight of their strongest occurrence: "I have a dog" before "dogs are
  // great"), the earliest first among equals, so the evidence an analyst reads
  // first is the post that actually says it.
  // `id_hash` is Fnv1a32(ev->id()).
  void AddEvidence(KeyStats* ks, const EvidenceRef& ev, uint32_t id_hash, float weight) const {
    const size_t cap = EvidenceCap();
    if (cap == 0) return;
    EvidenceSlot* slots = ks->evidence;
    size_t n = ks->n_evidence;
    for (size_t i = 0; i < n; ++i) {
      // The same post: the same record, or (read only when the hashes agree) the same id.
      if (slots[i].post.get() != ev.get() && (slots[i].id_hash != id_hash || slots[i].post->id() != ev->id()))
        continue;
      if (weight <= slots[i].weight) return;
      // Stronger now: placed again below.
      for (size_t j = i; j + 1 < n; ++j) slots[j] = std::move(slots[j + 1]);
      slots[n - 1] = EvidenceSlot();
      --n;
      break;
    }
    auto ranks_before = [&](size_t i) {
      if (weight != slots[i].weight) return weight > slots[i].weight;
      const EvidencePost& p = *slots[i].post;
      return ev->ts() != p.ts() ? ev->ts() < p.ts() : ev->id() < p.id();
    };
    size_t at = 0;
    while (at < n && !ranks_before(at)) ++at;
    if (at >= cap) {
      ks->n_evidence = static_cast<uint8_t>(n);
      return;
    }
    if (n == cap) slots[--n] = EvidenceSlot();  // the last one falls out
    if (n + 1 > ks->evidence_cap) {
      // Half the keys are seen once: start with one slot, grow by doubling.
      ks->n_evidence = static_cast<uint8_t>(n);
      GrowEvidence(ks, std::min(cap, std::max<size_t>(n + 1, 2 * size_t{ks->evidence_cap})));
      slots = ks->evidence;
    }
    for (size_t j = n; j > at; --j) slots[j] = std::move(slots[j - 1]);
    slots[at].post = ev;
    slots[at].weight = weight;
    slots[at].id_hash = id_hash;
    ks->n_evidence = static_cast<uint8_t>(n + 1);
  }
};

size_t ShardOf(std::string_view person_key) { return Fnv1a(person_key) % Aggregator::kShards; }

// Fnv1a(platform + sep + id), continuing from h, without building the key
// (FNV-1a hashes a string piece by piece as it hashes it whole).
uint64_t KeyFnv(std::string_view platform, std::string_view sep, std::string_view id, uint64_t h = kFnvOffset) {
  return Fnv1a(id, Fnv1a(sep, Fnv1a(platform, h)));
}
uint8_t KeyShard(std::string_view platform, std::string_view sep, std::string_view id) {
  return static_cast<uint8_t>(KeyFnv(platform, sep, id) % Aggregator::kShards);
}
// Fnv1a32(prefix + s), as Fnv1a32 folds it.
uint32_t Fnv1a32Of(std::string_view prefix, std::string_view s) {
  const uint64_t h = Fnv1a(s, Fnv1a(prefix));
  return static_cast<uint32_t>(h ^ (h >> 32));
}

}  // namespace

struct Aggregator::Impl {
  AggregateOptions options;
  std::array<std::unique_ptr<Shard>, kShards> shards;

  explicit Impl(AggregateOptions o) : options(std::move(o)) {
    for (auto& s : shards) {
      s = std::make_unique<Shard>();
      s->evidence_cap = static_cast<size_t>(std::clamp(options.evidence, 0, kMaxEvidence));
    }
  }
  // Millions of records and the evidence they pin: released shard by shard in parallel.
  ~Impl() {
    internal::ForEachShard(kShards, [&](size_t s) { shards[s].reset(); });
  }
};

Aggregator::Aggregator(AggregateOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}
Aggregator::~Aggregator() = default;
size_t Aggregator::PersonShard(std::string_view person_key) { return ShardOf(person_key); }

uint64_t Aggregator::people() const {
  uint64_t n = 0;
  for (const auto& s : impl_->shards) n += s->people.size();
  return n;
}

uint64_t Aggregator::keys() const {
  uint64_t n = 0;
  for (const auto& s : impl_->shards)
    for (const PersonState& person : s->people.values()) n += person.keys.size();
  return n;
}


static_assert(Aggregator::kShards <= 16, "PreparedPost::aggregator_shards is a 16-bit mask");

uint64_t Aggregator::DedupKey(const Post& post) {
  return std::hash<std::string_view>{}(post.id) * 0x9E3779B97F4A7C15ull ^ std::hash<std::string_view>{}(post.platform);
}

PreparedPost Aggregator::Prepare(const Post& post, const std::vector<nlp::Occurrence>& occurrences,
                                 EvidenceSpill* spill) {
  PreparedPost p;
  const std::string_view author_sep = post.author_id.empty() ? ":@" : ":";
  const std::string_view author_id = post.author_id.empty() ? post.author_username : post.author_id;
  p.author_key.reserve(post.platform.size() + author_sep.size() + author_id.size());
  p.author_key.append(post.platform).append(author_sep).append(author_id);
  p.author_shard = static_cast<uint8_t>(ShardOf(p.author_key));
  // Each mentioned person's shard (kNoShard without an id: the tracker keys people by id).
  p.mention_shards.reserve(post.mentions.size());
  for (const UserRef& m : post.mentions)
    p.mention_shards.push_back(m.id.empty() ? kNoShard : KeyShard(post.platform, ":", m.id));
  bool any = false;
  p.post_id_hash = Fnv1a32(post.id);
  p.dedup_key = DedupKey(post);
  size_t key_bytes = 0;
  for (const nlp::Occurrence& o : occurrences) key_bytes += o.category.size() + 1 + o.key.size();
  p.key_bytes.reserve(key_bytes);
  p.key_refs.reserve(occurrences.size());
  p.shards.reserve(occurrences.size());
  for (const nlp::Occurrence& o : occurrences) {
    const size_t begin = p.key_bytes.size();
    p.key_bytes.append(o.category).append(1, '|').append(o.key);
    p.key_refs.push_back({static_cast<uint32_t>(p.key_bytes.size()),
                          Fnv1a32(std::string_view(p.key_bytes).substr(begin))});
    any |= !o.conversational;
    // Whose fact it is decides the shard; kNoShard: nobody's (a thread topic, a bad mention, oneself).
    uint8_t shard = kNoShard;
    if (!o.conversational) {
      if (o.mention_index < 0) {
        shard = p.author_shard;
      } else if (static_cast<size_t>(o.mention_index) < post.mentions.size()) {
        const UserRef& m = post.mentions[o.mention_index];
        if (m.id != post.author_id)
          shard = m.id.empty() ? KeyShard(post.platform, ":@", m.username) : p.mention_shards[o.mention_index];
      }
    }
    p.shards.push_back(shard);
    if (shard != kNoShard) p.aggregator_shards |= static_cast<uint16_t>(1u << shard);
  }
  p.aggregator_shards |= static_cast<uint16_t>(1u << p.author_shard);
  if (!post.reply_to_user_id.empty() && post.reply_to_user_id != post.author_id) {
    // The pair's shard: Fnv1a(lesser key + '\x1f' + greater key) of the two
    // person keys (platform + ':' + id); they share the platform, so the ids'
    // order is the keys' order.
    const std::string_view author = post.author_id, partner = post.reply_to_user_id;
    const std::string_view first = author < partner ? author : partner, second = author < partner ? partner : author;
    p.reply_shard = KeyShard(post.platform, ":", partner);
    p.pair_shard = static_cast<uint8_t>(
        KeyFnv(post.platform, ":", second, Fnv1a("\x1f", KeyFnv(post.platform, ":", first))) % kShards);
  }
  p.tracker_shards = static_cast<uint16_t>(1u << p.author_shard);
  for (uint8_t m : p.mention_shards)
    if (m != kNoShard) p.tracker_shards |= static_cast<uint16_t>(1u << m);
  if (p.reply_shard != kNoShard) p.tracker_shards |= static_cast<uint16_t>(1u << p.reply_shard | 1u << p.pair_shard);
  p.conversation = Fnv1a32(post.conversation_id.empty() ? post.id : post.conversation_id);  // the tracker's too
  if (!any) return p;
  p.day = static_cast<int32_t>(post.created_at >= 0 ? post.created_at / 86400 : -1);
  if (!post.reply_to_user_id.empty() && post.reply_to_user_id != post.author_id)
    p.partners.push_back(Fnv1a32(post.reply_to_user_id));
  for (const UserRef& m : post.mentions)
    if (m.id != post.author_id) p.partners.push_back(m.id.empty() ? Fnv1a32Of("@", m.username) : Fnv1a32(m.id));
  p.evidence = EvidencePost::Of(post, spill);
  p.evidence_id_hash = Fnv1a32(p.evidence->id());
  return p;
}

void Aggregator::Add(const Post& post, const std::vector<nlp::Occurrence>& occurrences) {
  Add(post, occurrences, Prepare(post, occurrences, impl_->options.spill));
}

void Aggregator::Add(const Post& post, const std::vector<nlp::Occurrence>& occurrences, const PreparedPost& prepared) {
  for (size_t s = 0; s < kShards; ++s) AddShard(s, post, occurrences, prepared);
}

void Aggregator::AddShard(size_t s, const Post& post, const std::vector<nlp::Occurrence>& occurrences,
                          const PreparedPost& prepared) {
  const PostRef one{&post, &occurrences, &prepared};
  AddShard(s, std::span<const PostRef>(&one, 1));
}

void Aggregator::AddShard(size_t s, std::span<const PostRef> posts) {
  Shard& shard = *impl_->shards[s];
  Pool* pool = &shard.pool;
  // The keys' records lie all over the shard's pool (1.5 million of them at
  // 1M posts): updating them one after the other waits for each one's cache
  // misses in turn. So the occurrences of a run of posts go in windows, in
  // passes: find each subject (in input order, as one pass would) and start
  // loading the table slot its key probes first; then, by the slots' tags,
  // start loading each key's likely record; then what that record points to
  // (the key's bytes, which the lookup compares, and the evidence slots);
  // then update the records, in input order. The hints change nothing but
  // timing: every update sees the tables as it would have without them.
  constexpr size_t kWindow = 32;
  struct Pending {
    PersonState* subject;
    const PostRef* post;
    uint32_t occurrence;
    const KeyStats* likely;
  };
  std::array<Pending, kWindow> pending;
  size_t n = 0;
  auto flush = [&] {
    for (size_t c = 0; c < n; ++c) {
      Pending& p = pending[c];
      p.likely = p.subject->keys.Likely(p.post->prepared->key_hash(p.occurrence));
      if (p.likely) {
        __builtin_prefetch(p.likely);
        __builtin_prefetch(reinterpret_cast<const char*>(p.likely) + 64);
      }
    }
    for (size_t c = 0; c < n; ++c) {
      if (!pending[c].likely) continue;
      __builtin_prefetch(pending[c].likely->name);
      __builtin_prefetch(pending[c].likely->evidence);
    }
    for (size_t c = 0; c < n; ++c) {
      const Pending& p = pending[c];
      const Post& post = *p.post->post;
      const PreparedPost& prepared = *p.post->prepared;
      const nlp::Occurrence& o = (*p.post->occurrences)[p.occurrence];
      const std::string_view key = prepared.key(p.occurrence);
      if (!o.alias.empty()) p.subject->aliases.emplace("name|" + o.alias, key);
      KeyStats& ks = *p.subject->keys.FindOrInsert(pool, key, prepared.key_hash(p.occurrence));
      if (ks.mentions == 0) {
        // The table's key is category + '|' + key: both are read from it.
        ks.cat_size = static_cast<uint16_t>(std::min<size_t>(o.category.size(), ks.name_size));
        ks.negative = o.negative;
        ks.first = ks.last = post.created_at;
      }
      // The value shown is the earliest occurrence's, whatever the arrival order.
      if (ks.mentions == 0 || post.created_at < ks.first ||
          (post.created_at == ks.first && prepared.post_id_hash < ks.value_post)) {
        ks.value.Assign(pool, o.value);
        ks.value_post = prepared.post_id_hash;
      }
      ++ks.mentions;
      (o.mention_index >= 0 ? ks.said_by_other : ks.said_by_self) = true;
      ks.weight_max = std::max(ks.weight_max, o.weight);
      ks.weight_sum += o.weight;
      ks.first = std::min(ks.first, post.created_at);
      ks.last = std::max(ks.last, post.created_at);
      ks.days.Insert(pool, prepared.day);
      ks.conversations.Insert(pool, prepared.conversation);
      for (uint32_t partner : prepared.partners) ks.interlocutors.Insert(pool, partner);
      shard.AddEvidence(&ks, prepared.evidence, prepared.evidence_id_hash, o.weight);
    }
    n = 0;
  };
  for (const PostRef& ref : posts) {
    const Post& post = *ref.post;
    const PreparedPost& prepared = *ref.prepared;
    if (!(prepared.aggregator_shards >> s & 1)) continue;  // nothing for this shard
    PersonState* author = nullptr;
    if (prepared.author_shard == s) {
      author = &shard.PersonByKey(prepared.author_key, post.platform, post.author_id, post.author_username);
      if (!post.author_username.empty() && author->username != post.author_username) author->username = post.author_username;
      if (!post.author_name.empty() && author->name != post.author_name) author->name = post.author_name;
    }
    if (!prepared.evidence) continue;
    const std::vector<nlp::Occurrence>& occurrences = *ref.occurrences;
    for (size_t i = 0; i < occurrences.size(); ++i) {
      if (prepared.shards[i] != s) continue;  // someone else's shard, or nobody's fact
      if (prepared.key(i).size() > kMaxKeySize) continue;  // no phrase is that long: not a fact
      const nlp::Occurrence& o = occurrences[i];
      PersonState* subject = author;
      if (o.mention_index >= 0) {
        const UserRef& m = post.mentions[o.mention_index];
        subject = &shard.Person(post.platform, m.id, m.username);
      }
      subject->keys.PrefetchSlot(prepared.key_hash(i));
      pending[n++] = {subject, &ref, static_cast<uint32_t>(i), nullptr};
      if (n == kWindow) flush();
    }
  }
  flush();
}

namespace {

// In how many people's vocabulary each key occurs, by the 64-bit hash of
// category|key, in kShards parts (by hash) so that it is built in parallel.
struct DocumentFrequency {
  std::array<std::unordered_map<uint64_t, uint32_t>, Aggregator::kShards> parts;
  uint32_t Of(uint64_t h) const { return parts[h % Aggregator::kShards].at(h); }
};

// One person's top K as Artifacts, scored against the background `df`
// (in how many people's vocabulary each key occurs) of `n_people` people.
void FinishPerson(const Shard& shard, const PersonState& person, const AggregateOptions& options,
                  const DocumentFrequency& df, double n_people,
                  std::vector<Scored>* mine, std::vector<Artifact>* out, EvidenceBatch* evidence) {
  mine->clear();
  // "Rover" said alone is the dog of "my dog Rover": fold the bare name into
  // that fact. Only the facts that absorb a name are copied.
  std::unordered_map<std::string_view, KeyStats> merged;
  std::unordered_set<std::string_view> absorbed;
  for (const auto& [name_key, target] : person.aliases) {
    const KeyStats* from = person.keys.Find(name_key);
    const KeyStats* to = person.keys.Find(target);
    if (!from || !to || absorbed.count(name_key)) continue;
    auto slot = merged.find(to->full());
    if (slot == merged.end()) slot = merged.emplace(to->full(), shard.Copy(*to)).first;
    shard.Merge(&slot->second, *from);
    absorbed.insert(from->full());
  }
  const uint64_t person_hash = CandidatePersonHash(person.platform, person.id);
  person.keys.ForEach([&](const KeyStats* original) {
    const std::string_view k = original->full();
    if (absorbed.count(k)) return;
    auto m = merged.find(k);
    const KeyStats& ks = m == merged.end() ? *original : m->second;
    // Recurring: distinct days and conversations count more than repeats in one post.
    const double recurrence = 1.0 + std::log2(static_cast<double>(ks.days.size())) +
                              0.5 * std::log2(static_cast<double>(ks.conversations.size())) +
                              0.25 * std::log2(static_cast<double>(ks.mentions));
    const double strength = ks.weight_max + 0.25 * (ks.weight_sum - ks.weight_max);
    // Evidence strength: a candidate needs at least the evidence of one
    // first-person statement of a plain topic (weight 1). A lone impersonal,
    // negated, hypothetical or someone else's mention of a plain topic or a
    // name is not enough to call it this person's fact (said again on
    // another day, or typed by a pattern, "I have a dog", it is): it is not
    // proposed. A person with few facts gets fewer than K candidates rather
    // than padding an analyst's list with words they merely used. Checked
    // first: over a third of the keys stop here, before the costlier terms.
    const bool below = strength * recurrence < kMinEvidence;
    if (below && !options.keep_weak) return;
    const double weak = below ? kWeakEvidenceFactor : 1.0;
    // Distinctive for this person: inverse document frequency over people.
    const double idf = std::log((n_people + 1.0) / (df.Of(Fnv1a(k)) + 0.5));
    // A phrase says more than a lone word ("horror movies" vs "movies").
    const double specificity = 1.0 + 0.5 * static_cast<double>(std::min<size_t>(KeyWordCount(ks.key()), 3) - 1);
    const uint64_t candidate = CandidateKeyHash(person_hash, ks.category(), ks.key());
    if (!options.excluded.empty() && options.excluded.count(Hex16(candidate))) return;
    mine->push_back({weak * strength * specificity * recurrence * (0.6 + 0.4 * std::min(1.0, idf / std::log(20.0))),
                     candidate, &ks});
  });
  SelectTopK(mine, static_cast<size_t>(options.top_k));
  for (Scored& c : *mine) {
    const KeyStats& ks = *c.ks;
    Artifact a;
    a.score = c.score;
    a.candidate_id = Hex16(c.candidate);
    a.person = {person.platform, person.id, person.username, person.name};
    a.category = ks.category();
    a.value = ks.value.view();
    a.key = ks.key();
    a.polarity = ks.negative ? "negative" : "positive";
    a.said_by = ks.said_by_self ? "self" : "other";
    a.mentions = ks.mentions;
    a.days = ks.days.size();
    a.conversations = ks.conversations.size();
    a.interlocutors = ks.interlocutors.size();
    a.first_seen = FormatTimestamp(ks.first);
    a.last_seen = FormatTimestamp(ks.last);
    a.evidence.resize(ks.n_evidence);  // their texts are read at the end of Finish: moved, the vector stays put
    for (uint32_t i = 0; i < ks.n_evidence; ++i) evidence->Add(*ks.evidence[i].post, &a.evidence[i]);
    out->push_back(std::move(a));
  }
  for (auto& [_, ks] : merged) shard.Discard(&ks);
}

// The EvidenceBatch of Finish() holds pointers into each artifact's evidence
// vector until the end: growing a vector of artifacts must move them (the
// evidence buffer keeps its address), not copy them.
static_assert(std::is_nothrow_move_constructible_v<Artifact>);

bool PersonBefore(const PersonState* a, const PersonState* b) {
  return a->platform != b->platform ? a->platform < b->platform : a->id < b->id;
}

}  // namespace

std::vector<Artifact> Aggregator::Finish() {
  auto& shards = impl_->shards;
  // Background model: in how many people's vocabulary does each key occur?
  // Keyed by a 64-bit hash of category|key, so that it does not point into
  // the shards' memory. Two parallel passes: each person shard sorts its keys'
  // hashes into parts by hash, then each part is counted.
  std::array<std::array<std::vector<uint64_t>, kShards>, kShards> hashes;  // [person shard][part]
  internal::ForEachShard(kShards, [&](size_t s) {
    for (const PersonState& person : shards[s]->people.values())
      person.keys.ForEach([&](const KeyStats* ks) {
        const uint64_t h = Fnv1a(ks->full());
        hashes[s][h % kShards].push_back(h);
      });
  });
  DocumentFrequency df;
  internal::ForEachShard(kShards, [&](size_t part) {
    for (size_t s = 0; s < kShards; ++s) {
      for (uint64_t h : hashes[s][part]) ++df.parts[part][h];
      std::vector<uint64_t>().swap(hashes[s][part]);
    }
  });
  const double n_people = std::max<double>(1, static_cast<double>(people()));

  // Each shard scores its people in (platform, id) order, in parallel, and is
  // freed as soon as it is done, so the tables shrink while the results grow.
  // The runs of artifacts, one per person, are then put in that order overall.
  struct Run {
    size_t shard, begin, end;
  };
  std::array<std::vector<Artifact>, kShards> found;
  std::array<std::vector<Run>, kShards> runs;
  std::array<EvidenceBatch, kShards> evidence;
  internal::ForEachShard(kShards, [&](size_t s) {
    std::vector<const PersonState*> order;
    order.reserve(shards[s]->people.size());
    for (const PersonState& person : shards[s]->people.values()) order.push_back(&person);
    std::sort(order.begin(), order.end(), PersonBefore);
    std::vector<Scored> mine;
    for (const PersonState* person : order) {
      const size_t begin = found[s].size();
      FinishPerson(*shards[s], *person, impl_->options, df, n_people, &mine, &found[s], &evidence[s]);
      if (found[s].size() > begin) runs[s].push_back({s, begin, found[s].size()});
    }
    shards[s] = std::make_unique<Shard>();  // empty: the tables are consumed
  });
  std::vector<Run> all;
  size_t total = 0;
  for (size_t s = 0; s < kShards; ++s) {
    all.insert(all.end(), runs[s].begin(), runs[s].end());
    total += found[s].size();
  }
  auto person_of = [&](const Run& r) -> const PersonRef& { return found[r.shard][r.begin].person; };
  std::sort(all.begin(), all.end(), [&](const Run& a, const Run& b) {
    const PersonRef &x = person_of(a), &y = person_of(b);
    return x.platform != y.platform ? x.platform < y.platform : x.id < y.id;
  });
  std::vector<Artifact> out;
  out.reserve(total);
  for (const Run& r : all)
    for (size_t i = r.begin; i < r.end; ++i) out.push_back(std::move(found[r.shard][i]));
  // The evidence texts, all at once in the spill's order (a read error is kept by the spill).
  for (size_t s = 1; s < kShards; ++s) evidence[0].Append(std::move(evidence[s]));
  evidence[0].ReadAll(impl_->options.spill);
  return out;
}

}  // namespace rapport::pipeline
