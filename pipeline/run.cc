#include "pipeline/run.h"

#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <cstring>
#include <ctime>

#include <array>
#include <chrono>
#include <limits>
#include <map>
#include <tuple>
#include <type_traits>
#include <cstdio>
#include <filesystem>
#include <thread>

#include <tbb/enumerable_thread_specific.h>
#include <tbb/global_control.h>
#include <tbb/parallel_pipeline.h>
#include <tbb/task_arena.h>

#include "nlp/sensitive.h"
#include "nlp/sensitive_memo.h"
#include "pipeline/aggregator.h"
#include "pipeline/evidence_spill.h"
#include "pipeline/export/dead_letter.h"
#include "pipeline/export/relations_exporters.h"
#include "pipeline/thread_tracker.h"
#include "pipeline/state_store.h"
#include "pipeline/log.h"
#include "pipeline/internal/release_memory.h"
#include "pipeline/internal/shards.h"
#include "pipeline/stages/aggregate_stage.h"
#include "pipeline/stages/analyse_stage.h"
#include "pipeline/stages/parse_stage.h"
#include "pipeline/stages/read_stage.h"

namespace rapport::pipeline {
namespace {

// ThreadSanitizer cannot see the synchronisation inside an uninstrumented
// libtbb: tell it about parallel_pipeline's hand-offs. A filter's output
// batch is released and the next filter acquires it; a serial filter's calls
// are ordered through its own sync object; everything a filter did is
// released to `done`, which the caller acquires once parallel_pipeline has
// returned. Compiled only under -fsanitize=thread.
#if defined(__SANITIZE_THREAD__)
extern "C" void __tsan_acquire(void* addr);
extern "C" void __tsan_release(void* addr);
#define RAPPORT_TSAN_ACQUIRE(p) __tsan_acquire(const_cast<void*>(static_cast<const void*>(p)))
#define RAPPORT_TSAN_RELEASE(p) __tsan_release(const_cast<void*>(static_cast<const void*>(p)))
#else
#define RAPPORT_TSAN_ACQUIRE(p) ((void)(p))
#define RAPPORT_TSAN_RELEASE(p) ((void)(p))
#endif

template <typename F, bool kSerial>
struct Announced {
  F f;
  const char* done;
  const char* order;  // serial filters only
  // TBB destroys its copy of the filter after parallel_pipeline has returned.
  ~Announced() { RAPPORT_TSAN_ACQUIRE(done); }
  Batch* operator()(tbb::flow_control& fc) const {
    if (kSerial) RAPPORT_TSAN_ACQUIRE(order);
    Batch* out = f(fc);
    if (out) RAPPORT_TSAN_RELEASE(out);
    if (kSerial) RAPPORT_TSAN_RELEASE(order);
    RAPPORT_TSAN_RELEASE(done);
    return out;
  }
  auto operator()(Batch* in) const {
    RAPPORT_TSAN_ACQUIRE(in);
    if (kSerial) RAPPORT_TSAN_ACQUIRE(order);
    if constexpr (std::is_void_v<decltype(f(in))>) {
      RAPPORT_TSAN_RELEASE(done);
      f(in);
    } else {
      auto out = f(in);
      if (out) RAPPORT_TSAN_RELEASE(out);
      if (kSerial) RAPPORT_TSAN_RELEASE(order);
      RAPPORT_TSAN_RELEASE(done);
      return out;
    }
  }
};
template <bool kSerial, typename F>
Announced<F, kSerial> Announce(F f, const char* done, const char* order) {
  return {std::move(f), done, order};
}

int64_t NowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// The run-history row of a run, from its outcome.
RunRecord RecordOf(const RunOutcome& o, int64_t started, int64_t ended, std::string message) {
  RunRecord r;
  r.started_at = started;
  r.ended_at = ended;
  r.posts_read = o.summary.posts_read + o.summary.posts_duplicate;
  r.posts_new = o.summary.posts_read;
  r.rejected = o.summary.rejected;
  r.candidates = o.summary.candidates;
  r.exit_code = o.exit_code();
  r.message = std::move(message);
  return r;
}

nlp::SensitiveSet AllowedSensitive(const config::Config& c) {
  nlp::SensitiveSet allowed = nlp::kNoSensitive;
  for (const std::string& name : c.allow_sensitive)
    allowed |= name == "all" ? nlp::kAllSensitive : nlp::SensitiveBit(nlp::SensitiveFromName(name));
  return allowed & nlp::kAllSensitive;
}

int ThreadCount(const config::Config& c) {
  if (c.threads > 0) return c.threads;
  unsigned hw = std::thread::hardware_concurrency();
  return hw ? static_cast<int>(hw) : 1;
}

// Test hook for crash tests: RAPPORT_CRASH_POINT=<name> kills the process
// with SIGKILL at that point, as a power cut or the OOM killer would.
void CrashPoint(const char* name) {
  static const char* wanted = std::getenv("RAPPORT_CRASH_POINT");
  if (wanted && std::strcmp(wanted, name) == 0) std::raise(SIGKILL);
}

// Logs, at debug level, how long each phase of a run took (wall and this
// process's CPU seconds): "phase name=aggregate-finish wall_s=2.91 cpu_s=5.60".
class PhaseLog {
 public:
  PhaseLog() : wall_(std::chrono::steady_clock::now()), cpu_(std::clock()) {}
  void Done(const char* name) {
    const auto wall = std::chrono::steady_clock::now();
    const std::clock_t cpu = std::clock();
    char line[160];
    std::snprintf(line, sizeof line, "phase name=%s wall_s=%.2f cpu_s=%.2f", name,
                  std::chrono::duration<double>(wall - wall_).count(), static_cast<double>(cpu - cpu_) / CLOCKS_PER_SEC);
    Log(LogLevel::kDebug, line);
    wall_ = wall;
    cpu_ = cpu;
  }

 private:
  std::chrono::steady_clock::time_point wall_;
  std::clock_t cpu_;
};

// Runs f() on a TBB arena of `threads` threads (--threads holds for the work
// after the pipeline too). Under TSan f() runs on the calling thread, whose
// ForEachShard loops are serial there (see pipeline/internal/shards.h).
template <typename F>
void InArena(int threads, F&& f) {
#if defined(__SANITIZE_THREAD__)
  (void)threads;
  f();
#else
  tbb::task_arena arena(threads);
  arena.execute(f);
#endif
}

struct RunResults {
  std::vector<Artifact> artifacts;
  std::vector<CommonThread> threads;
};

// Unless `free` is set, hands the results over, when the run returns, to a
// list that lives until the process exits: reachable from a global, so
// LeakSanitizer does not count it as a leak, and never freed one by one.
class KeepUntilExitUnless {
 public:
  KeepUntilExitUnless(std::unique_ptr<RunResults>* results, bool free) : results_(results), free_(free) {}
  ~KeepUntilExitUnless() {
    if (free_) return;
    static auto* kept = new std::vector<std::unique_ptr<RunResults>>();
    kept->push_back(std::move(*results_));
  }

 private:
  std::unique_ptr<RunResults>* results_;
  bool free_;
};

bool ShowProgress(const config::Config& c) {
  if (c.progress == "on") return true;
  if (c.progress == "off") return false;
  return isatty(STDERR_FILENO) != 0;
}

RunOutcome Process(const config::Config& config, std::vector<std::unique_ptr<connectors::Source>>* sources,
                   DeadLetterWriter* dead_letters, std::vector<Artifact>* artifacts,
                   std::vector<CommonThread>* common_threads = nullptr, StateStore* store = nullptr,
                   const std::string* spill_dir = nullptr) {
  RunOutcome outcome;
  const auto start = std::chrono::steady_clock::now();
  const int threads = ThreadCount(config);
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);

  AggregateOptions options;
  options.evidence = config.evidence;
  options.top_k = config.top_k;
  // Evidence texts wait on disk, in the output folder, for the few that are
  // exported: memory then holds ids and times, not the texts of every post
  // kept as evidence (docs/PERFORMANCE.md).
  std::unique_ptr<EvidenceSpill> spill;
  if (spill_dir) {
    auto created = EvidenceSpill::Create(*spill_dir);
    if (!created.ok()) {
      outcome.output_status = created.status();
      return outcome;
    }
    spill = std::move(*created);
    options.spill = spill.get();
  }
  std::map<std::string, Decision> decisions;
  if (store) {
    decisions = store->Decisions();
    for (const auto& [id, d] : decisions)
      if (d.status == "rejected") options.excluded.insert(id);  // rejected candidates never come back
  }
  // Held by pointer so that each table is freed as soon as its result is
  // built: the tables and both results never all exist at once.
  auto aggregator = std::make_unique<Aggregator>(options);
  ThreadOptions thread_options;
  thread_options.quiet_days = config.quiet_days;
  thread_options.excluded = options.excluded;  // rejected candidates are no thread topics either
  thread_options.spill = options.spill;
  auto tracker = std::make_unique<ThreadTracker>(thread_options);
  AggregateState state;
  state.aggregator = store ? nullptr : aggregator.get();
  state.threads = store || !common_threads ? nullptr : tracker.get();
  state.store = store;
  if (store)
    for (const std::string& s : store->Suppressed()) state.suppressed.insert(s);
  state.dead_letters = dead_letters;
  state.summary = &outcome.summary;
  if (ShowProgress(config)) {
    auto last = std::make_shared<std::chrono::steady_clock::time_point>();
    state.progress = [start, last](const RunSummary& s) {
      auto now = std::chrono::steady_clock::now();
      if (now - *last < std::chrono::milliseconds(250)) return;
      *last = now;
      double secs = std::chrono::duration<double>(now - start).count();
      std::fprintf(stderr, "\r  %llu posts read, %llu rejected, %.1f s   ",
                   static_cast<unsigned long long>(s.posts_read), static_cast<unsigned long long>(s.rejected), secs);
      std::fflush(stderr);
    };
  }

  PhaseLog phases;
  // A stateful run's tables are fed by the replay of the store below, not by
  // the stream: the stream's evidence records are never kept, so not spilled.
  EvidenceSpill* const stream_spill = store ? nullptr : options.spill;
  tbb::enumerable_thread_specific<PostParser> parsers;
  tbb::enumerable_thread_specific<nlp::Extractor> extractors;
  tbb::enumerable_thread_specific<nlp::SensitiveMemo> sensitive_memos;
  Status source_failed;
  char done = 0, read_order = 0, aggregate_order = 0;
  tbb::parallel_pipeline(
      static_cast<size_t>(threads) * 4,
      tbb::make_filter<void, Batch*>(tbb::filter_mode::serial_in_order,
                                     Announce<true>(ReadStage(sources, &source_failed), &done, &read_order)) &
          tbb::make_filter<Batch*, Batch*>(tbb::filter_mode::parallel, Announce<false>(ParseStage(&parsers), &done, nullptr)) &
          tbb::make_filter<Batch*, Batch*>(tbb::filter_mode::parallel,
                                           Announce<false>(AnalyseStage(&extractors, &sensitive_memos,
                                                                        AllowedSensitive(config), stream_spill),
                                                           &done, nullptr)) &
          tbb::make_filter<Batch*, Batch*>(tbb::filter_mode::serial_in_order,
                                           Announce<true>(AggregateStage(&state), &done, &aggregate_order)) &
          tbb::make_filter<Batch*, void>(tbb::filter_mode::parallel, Announce<false>(FreeStage(), &done, nullptr)));
  RAPPORT_TSAN_ACQUIRE(&done);
  state.seen = {};  // the dedup set (10.7-21.3 bytes a post) is done with: freed before the tables are scored
  phases.Done("pipeline");
  if (state.progress) std::fprintf(stderr, "\r%60s\r", "");

  outcome.source_status = source_failed;
  outcome.output_status = state.dead_letter_status;
  if (outcome.output_status.ok()) outcome.output_status = state.store_status;
  if (store && outcome.output_status.ok()) {
    // Recurrence over the stored history: replay the window into the aggregator.
    const int64_t since = store->NewestPostTime() - static_cast<int64_t>(config.window_days) * 86400;
    outcome.output_status = store->ForEachPost(since, [&](const Post& p, const std::vector<nlp::Occurrence>& occ) {
      const PreparedPost prepared = Aggregator::Prepare(p, occ, options.spill);  // once for both tables
      aggregator->Add(p, occ, prepared);
      if (common_threads) tracker->Add(p, occ, &prepared);
    });
  }
  for (const auto& [reason, n] : state.rejected_by_reason) outcome.summary.rejected_by_reason.emplace_back(reason, n);
  if (store) phases.Done("replay");
  // What memory grows with (a walk over people and pairs: milliseconds).
  if (LogEnabled(LogLevel::kDebug))
    Log(LogLevel::kDebug, "tables people=" + std::to_string(aggregator->people()) + " keys=" +
                              std::to_string(aggregator->keys()) + " pairs=" + std::to_string(tracker->pairs()) +
                              " pair_topics=" + std::to_string(tracker->topics()));
  *artifacts = aggregator->Finish();
  aggregator.reset();
  phases.Done("aggregate-finish");
  for (Artifact& a : *artifacts) {
    auto it = decisions.find(a.candidate_id);
    if (it == decisions.end()) continue;
    a.review = it->second.status;
    if (it->second.status == "edited" && !it->second.value.empty()) a.value = it->second.value;
  }
  if (common_threads) *common_threads = tracker->Finish();
  tracker.reset();
  phases.Done("threads-finish");
  if (spill) {
    Log(LogLevel::kDebug, "evidence-spill bytes=" + std::to_string(spill->size()));
    if (outcome.output_status.ok()) outcome.output_status = spill->status();  // evidence lost: fail loudly
  }
  // The tables were millions of small blocks: hand the freed pages back to the
  // system before the outputs are built and written (the allocator keeps them
  // otherwise, and the writers' buffers then raise the peak: with glibc,
  // 1,154,952 KiB at 1M posts without this call, against 1,005,168 with it).
  const char* released_by = internal::ReleaseFreedMemory();
  Log(LogLevel::kDebug, std::string("memory released allocator=") + internal::AllocatorName() + " by=" + released_by);
  outcome.summary.candidates = artifacts->size();
  outcome.summary.people = CountPeople(*artifacts);
  outcome.summary.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return outcome;
}

}  // namespace

RunOutcome Analyse(const config::Config& config, std::vector<std::unique_ptr<connectors::Source>> sources,
                   std::vector<Artifact>* artifacts) {
  return Process(config, &sources, nullptr, artifacts);
}

Result<std::vector<Artifact>> AcceptedArtifacts(StateStore* store, const config::Config& config) {
  std::map<std::string, Decision> decisions = store->Decisions();
  AggregateOptions options;
  options.evidence = config.evidence;
  options.top_k = std::numeric_limits<int>::max();
  options.keep_weak = true;  // an accepted fact stays exportable, however little evidence is left
  for (const auto& [id, d] : decisions)
    if (d.status == "rejected") options.excluded.insert(id);
  Aggregator aggregator(options);
  // Every stored post, not only the recurrence window: an accepted fact stays
  // exportable until its posts are purged or forgotten.
  const int64_t since = std::numeric_limits<int64_t>::min();
  RAPPORT_RETURN_IF_ERROR(store->ForEachPost(since, [&](const Post& p, const std::vector<nlp::Occurrence>& occ) {
    aggregator.Add(p, occ);
  }));
  std::vector<Artifact> accepted;
  for (Artifact& a : aggregator.Finish()) {
    auto it = decisions.find(a.candidate_id);
    if (it == decisions.end() || it->second.status == "rejected") continue;
    a.review = it->second.status;
    if (it->second.status == "edited" && !it->second.value.empty()) a.value = it->second.value;
    accepted.push_back(std::move(a));
  }
  return accepted;
}

RunOutcome RunPipeline(const config::Config& config, std::vector<std::unique_ptr<connectors::Source>> sources,
                       StateStore* store, bool free_results) {
  namespace fs = std::filesystem;
  const fs::path out(config.out_dir);
  const int64_t started = NowSeconds();
  DeadLetterWriter dead_letters((out / "deadletter.jsonl").string());
  RunOutcome outcome;
  // A run that fails keeps nothing in the store but the fact that it failed,
  // and why (best effort: the error reported is the run's own).
  auto record_failure = [&](const Status& why) {
    if (!store) return;
    store->AbortRun();
    RunRecord failed = RecordOf(outcome, started, NowSeconds(), why.ToString());
    failed.posts_new = failed.candidates = 0;  // rolled back: nothing was kept
    (void)store->RecordFailedRun(failed);
  };
  if (Status st = dead_letters.Open(); !st.ok()) {
    outcome.output_status = st;
    record_failure(st);
    return outcome;
  }
  if (store) {
    if (Status st = store->BeginRun(); !st.ok()) {
      outcome.store_status = st;
      return outcome;
    }
  }
  auto results = std::make_unique<RunResults>();
  const KeepUntilExitUnless keep(&results, free_results);
  std::vector<Artifact>& artifacts = results->artifacts;
  std::vector<CommonThread>& threads = results->threads;
  const std::string spill_dir = out.string();
  outcome = Process(config, &sources, &dead_letters, &artifacts, &threads, store, &spill_dir);
  if (!outcome.output_status.ok()) {
    if (store) {
      outcome.store_status = outcome.output_status, outcome.output_status = Status::OK();
      record_failure(outcome.store_status);
    }
    return outcome;
  }
  CrashPoint("before-outputs");
  // The page leaves out the wall time so that it is byte-identical across runs and thread counts;
  // with a store it describes the store, so a rerun that adds nothing changes nothing.
  RunSummary page = outcome.summary;
  page.wall_seconds = 0;
  if (store) {
    page.posts_read = store->PostCount();
    page.posts_duplicate = page.posts_non_english = page.posts_suppressed = page.sensitive_withheld = 0;
  }
  // The output files are independent: written side by side, each atomically
  // (a crash leaves every file whole, old or new); the first failure, in this
  // order, is the one reported.
  PhaseLog writing;
  std::array<Status, 5> written;
  auto write_all = [&] {
    internal::ForEachShard(written.size(), [&](size_t i) {
      switch (i) {
        case 0:
          written[i] = WriteArtifactsJsonl(artifacts, (out / "artifacts.jsonl").string());
          CrashPoint("mid-outputs");
          break;
        case 1: written[i] = WriteArtifactsCsv(artifacts, (out / "artifacts.csv").string()); break;
        case 2: written[i] = WriteReviewHtml(artifacts, page, "", (out / "review.html").string()); break;
        case 3: written[i] = WriteThreadsJsonl(threads, (out / "threads.jsonl").string()); break;
        default:
          written[i] = WriteConnectionsJsonl(FindConnections(artifacts, threads), (out / "connections.jsonl").string());
      }
    });
  };
  InArena(ThreadCount(config), write_all);
  writing.Done("write-outputs");
  Status st;
  for (const Status& w : written)
    if (st.ok()) st = w;
  if (st.ok()) st = dead_letters.Commit();
  outcome.output_status = st;
  if (!store) return outcome;
  if (!st.ok()) {
    record_failure(st);
    return outcome;
  }
  CrashPoint("after-outputs");
  // The outputs are durable: now the store may remember the posts and move the cursors.
  std::vector<std::pair<std::string, std::string>> cursors;
  for (const auto& source : sources)
    for (auto& c : source->Checkpoints()) cursors.push_back(std::move(c));
  std::vector<std::tuple<std::string, std::string, std::string>> proposals;
  for (const Artifact& a : artifacts) proposals.emplace_back(a.candidate_id, a.person.platform + ":" + a.person.id, a.category);
  const int64_t ended = NowSeconds();
  Status s = store->SetCursors(cursors);
  if (s.ok()) s = store->RecordProposals(proposals, ended);
  const RunRecord record =
      RecordOf(outcome, started, ended, outcome.source_status.ok() ? "" : outcome.source_status.ToString());
  CrashPoint("before-commit");
  if (s.ok()) s = store->CommitRun(record);
  else store->AbortRun();
  outcome.store_status = s;
  return outcome;
}

}  // namespace rapport::pipeline
