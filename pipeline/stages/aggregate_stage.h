// AggregateStage: the serial_in_order output filter. Drops posts already seen
// (platform, id), writes rejected records to the dead-letter file, counts,
// and feeds the Aggregator and the ThreadTracker in input order: their shards
// take each batch in parallel (one task per shard), so the tables are updated
// on every thread while the result stays independent of the thread count.
#ifndef RAPPORT_PIPELINE_STAGES_AGGREGATE_STAGE_H_
#define RAPPORT_PIPELINE_STAGES_AGGREGATE_STAGE_H_

#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <unordered_set>
#include <vector>

#include <tbb/partitioner.h>

#include "pipeline/aggregator.h"
#include "pipeline/forgotten.h"
#include "pipeline/internal/hash_set64.h"
#include "pipeline/internal/shards.h"
#include "pipeline/state_store.h"
#include "pipeline/thread_tracker.h"
#include "pipeline/export/dead_letter.h"
#include "pipeline/export/exporters.h"
#include "pipeline/stages/batch.h"

namespace rapport::pipeline {

// Mutable state of the serial stage (TBB requires a const operator()).
struct AggregateState {
  Aggregator* aggregator = nullptr;   // null in a stateful run (it replays the store afterwards)
  ThreadTracker* threads = nullptr;
  StateStore* store = nullptr;        // null in a stateless run
  Status store_status;
  std::unordered_set<std::string> suppressed;  // ids and handles never processed
  DeadLetterWriter* dead_letters = nullptr;  // may be null (eval)
  RunSummary* summary = nullptr;
  std::map<std::string, uint64_t> rejected_by_reason;
  internal::HashSet64 seen;  // hashes of "platform:id"
  Status dead_letter_status;
  std::function<void(const RunSummary&)> progress;  // called after each batch; may be empty
  std::vector<uint32_t> kept;  // scratch: the batch's posts that go to the tables
  std::vector<Aggregator::PostRef> kept_refs;  // scratch: the same posts, as Aggregator::AddShard takes them
  tbb::affinity_partitioner shard_affinity;  // a shard tends to stay on one thread from batch to batch
};

// FreeStage: a parallel filter that frees a batch: many small strings, which
// would otherwise be freed on the serial path.
struct FreeStage {
  void operator()(Batch* batch) const { delete batch; }
};

class AggregateStage {
 public:
  explicit AggregateStage(AggregateState* state) : state_(state) {}

  // Returns the batch so that freeing it happens in the parallel stage after
  // this one (see FreeStage), not here on the serial path.
  Batch* operator()(Batch* batch) const {
    AggregateState& st = *state_;
    RunSummary& sum = *st.summary;
    for (const Rejected& r : batch->parsed.rejected) {
      ++sum.rejected;
      ++st.rejected_by_reason[ReasonKind(r.reason)];
      if (st.dead_letters && st.dead_letter_status.ok())
        st.dead_letter_status = st.dead_letters->Write(r.origin, r.reason, r.raw);
    }
    const auto& api_errors = batch->parsed.api_errors;
    const auto& api_origins = batch->parsed.api_error_origins;
    for (size_t i = 0; i < api_errors.size(); ++i) {
      ++sum.api_errors;
      const std::string origin = i < api_origins.size() && !api_origins[i].empty() ? api_origins[i] : "api";
      if (st.dead_letters && st.dead_letter_status.ok())
        st.dead_letter_status = st.dead_letters->Write(origin, "api error: " + api_errors[i], "");
    }
    const auto& posts = batch->parsed.posts;
    Post scrubbed;  // StoredForm's scratch
    std::vector<uint32_t>& kept = st.kept;
    kept.clear();
    // The dedup set's slots are cache misses at a million posts: start
    // loading them a few posts ahead. The keys were hashed in parallel (Prepare).
    constexpr size_t kAhead = 8;
    const auto& prepared = batch->prepared;
    for (size_t i = 0; i < kAhead && i < prepared.size(); ++i) st.seen.Prefetch(prepared[i].dedup_key);
    for (size_t i = 0; i < posts.size(); ++i) {
      if (i + kAhead < prepared.size()) st.seen.Prefetch(prepared[i + kAhead].dedup_key);
      const Post& p = posts[i];
      if (!st.suppressed.empty() && (st.suppressed.count(p.author_id) || st.suppressed.count(p.author_username))) {
        ++sum.posts_suppressed;
        continue;
      }
      if (!st.seen.Insert(prepared[i].dedup_key) ||
          (st.store && st.store->HasPost(p.platform, p.id))) {
        ++sum.posts_duplicate;
        continue;
      }
      ++sum.posts_read;
      if (batch->status[i] == nlp::ExtractStatus::kNonEnglish) ++sum.posts_non_english;
      if (i < batch->withheld.size()) sum.sensitive_withheld += batch->withheld[i];
      if (st.store) {
        if (st.store_status.ok())
          st.store_status = st.store->AddPost(StoredForm(p, st, &scrubbed), DropSuppressed(p, batch->occurrences[i], st));
        continue;
      }
      kept.push_back(static_cast<uint32_t>(i));
    }
    if (!kept.empty() && st.aggregator) {
      std::vector<Aggregator::PostRef>& refs = st.kept_refs;
      refs.clear();
      for (uint32_t i : kept) refs.push_back({&posts[i], &batch->occurrences[i], &batch->prepared[i]});
      internal::ForEachShard(Aggregator::kShards, st.shard_affinity, [&](size_t s) {
        st.aggregator->AddShard(s, refs);
        if (st.threads)
          for (uint32_t i : kept) st.threads->AddShard(s, posts[i], batch->occurrences[i], batch->prepared[i]);
      });
    }
    if (st.progress) st.progress(sum);
    return batch;
  }

  // Facts about suppressed people are not kept, even from others' posts.
  static std::vector<nlp::Occurrence> DropSuppressed(const Post& p, const std::vector<nlp::Occurrence>& occ,
                                                     const AggregateState& st) {
    if (st.suppressed.empty()) return occ;
    std::vector<nlp::Occurrence> kept;
    for (const nlp::Occurrence& o : occ) {
      if (o.mention_index >= 0 && static_cast<size_t>(o.mention_index) < p.mentions.size()) {
        const UserRef& m = p.mentions[o.mention_index];
        if (st.suppressed.count(m.id) || st.suppressed.count(m.username)) continue;
      }
      kept.push_back(o);
    }
    return kept;
  }

  // A post as stored: a suppressed person it mentions or replies to leaves
  // no trace, as `rapport forget` leaves none in posts stored before
  // (mention emptied in place so indexes stay, "@handle" -> "@[forgotten]").
  // Returns `p` itself unless it names a suppressed person; then a scrubbed
  // copy in *scratch.
  static const Post& StoredForm(const Post& p, const AggregateState& st, Post* scratch) {
    auto is_suppressed = [&](const std::string& v) { return !v.empty() && st.suppressed.count(v) > 0; };
    auto names_them = [&](const UserRef& m) { return is_suppressed(m.id) || is_suppressed(m.username); };
    if (st.suppressed.empty() ||
        (!is_suppressed(p.reply_to_user_id) && std::none_of(p.mentions.begin(), p.mentions.end(), names_them)))
      return p;
    *scratch = p;
    if (is_suppressed(scratch->reply_to_user_id)) scratch->reply_to_user_id.clear();
    for (UserRef& m : scratch->mentions) {
      if (!names_them(m)) continue;
      ForgetHandle(&scratch->text, m.username);
      m = UserRef{};
    }
    return *scratch;
  }

  // "bad created_at '...'" -> "bad created_at": the stable part of a reason, for counting.
  static std::string ReasonKind(const std::string& reason) {
    size_t cut = reason.find_first_of("':");
    std::string kind = reason.substr(0, cut);
    while (!kind.empty() && kind.back() == ' ') kind.pop_back();
    return kind;
  }

 private:
  AggregateState* state_;
};

}  // namespace rapport::pipeline

#endif  // RAPPORT_PIPELINE_STAGES_AGGREGATE_STAGE_H_
