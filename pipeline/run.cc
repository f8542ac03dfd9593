#include "pipeline/run.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <thread>

#include <tbb/enumerable_thread_specific.h>
#include <tbb/global_control.h>
#include <tbb/parallel_pipeline.h>

#include "pipeline/aggregator.h"
#include "pipeline/export/dead_letter.h"
#include "pipeline/export/relations_exporters.h"
#include "pipeline/thread_tracker.h"
#include "pipeline/log.h"
#include "pipeline/stages/aggregate_stage.h"
#include "pipeline/stages/analyse_stage.h"
#include "pipeline/stages/parse_stage.h"
#include "pipeline/stages/read_stage.h"

namespace rapport::pipeline {
namespace {

int ThreadCount(const config::Config& c) {
  if (c.threads > 0) return c.threads;
  unsigned hw = std::thread::hardware_concurrency();
  return hw ? static_cast<int>(hw) : 1;
}

bool ShowProgress(const config::Config& c) {
  if (c.progress == "on") return true;
  if (c.progress == "off") return false;
  return isatty(STDERR_FILENO) != 0;
}

RunOutcome Process(const config::Config& config, std::vector<std::unique_ptr<connectors::Source>> sources,
                   DeadLetterWriter* dead_letters, std::vector<Artifact>* artifacts,
                   std::vector<CommonThread>* common_threads = nullptr) {
  RunOutcome outcome;
  const auto start = std::chrono::steady_clock::now();
  const int threads = ThreadCount(config);
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);

  Aggregator aggregator({config.evidence, config.top_k});
  ThreadTracker tracker({5, config.quiet_days});
  AggregateState state;
  state.aggregator = &aggregator;
  state.threads = common_threads ? &tracker : nullptr;
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

  tbb::enumerable_thread_specific<PostParser> parsers;
  tbb::enumerable_thread_specific<nlp::Extractor> extractors;
  Status source_failed;
  tbb::parallel_pipeline(
      static_cast<size_t>(threads) * 4,
      tbb::make_filter<void, Batch*>(tbb::filter_mode::serial_in_order, ReadStage(&sources, &source_failed)) &
          tbb::make_filter<Batch*, Batch*>(tbb::filter_mode::parallel, ParseStage(&parsers)) &
          tbb::make_filter<Batch*, Batch*>(tbb::filter_mode::parallel, AnalyseStage(&extractors)) &
          tbb::make_filter<Batch*, void>(tbb::filter_mode::serial_in_order, AggregateStage(&state)));
  if (state.progress) std::fprintf(stderr, "\r%60s\r", "");

  outcome.source_status = source_failed;
  outcome.output_status = state.dead_letter_status;
  for (const auto& [reason, n] : state.rejected_by_reason) outcome.summary.rejected_by_reason.emplace_back(reason, n);
  *artifacts = aggregator.Finish();
  if (common_threads) *common_threads = tracker.Finish();
  outcome.summary.candidates = artifacts->size();
  {
    std::vector<std::string> people;
    for (const Artifact& a : *artifacts)
      if (people.empty() || people.back() != a.person.platform + ":" + a.person.id)
        people.push_back(a.person.platform + ":" + a.person.id);
    outcome.summary.people = people.size();
  }
  outcome.summary.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return outcome;
}

}  // namespace

RunOutcome Analyse(const config::Config& config, std::vector<std::unique_ptr<connectors::Source>> sources,
                   std::vector<Artifact>* artifacts) {
  return Process(config, std::move(sources), nullptr, artifacts);
}

RunOutcome RunPipeline(const config::Config& config, std::vector<std::unique_ptr<connectors::Source>> sources) {
  namespace fs = std::filesystem;
  const fs::path out(config.out_dir);
  DeadLetterWriter dead_letters((out / "deadletter.jsonl").string());
  RunOutcome outcome;
  if (Status st = dead_letters.Open(); !st.ok()) {
    outcome.output_status = st;
    return outcome;
  }
  std::vector<Artifact> artifacts;
  std::vector<CommonThread> threads;
  outcome = Process(config, std::move(sources), &dead_letters, &artifacts, &threads);
  if (!outcome.output_status.ok()) return outcome;
  Status st = WriteArtifactsJsonl(artifacts, (out / "artifacts.jsonl").string());
  if (st.ok()) st = WriteArtifactsCsv(artifacts, (out / "artifacts.csv").string());
  // The page leaves out the wall time so that it is byte-identical across runs and thread counts.
  RunSummary page = outcome.summary;
  page.wall_seconds = 0;
  if (st.ok()) st = WriteReviewHtml(artifacts, page, "", (out / "review.html").string());
  if (st.ok()) st = WriteThreadsJsonl(threads, (out / "threads.jsonl").string());
  if (st.ok()) st = WriteConnectionsJsonl(FindConnections(artifacts, threads), (out / "connections.jsonl").string());
  if (st.ok()) st = dead_letters.Commit();
  outcome.output_status = st;
  return outcome;
}

}  // namespace rapport::pipeline
