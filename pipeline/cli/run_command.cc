// `rapport run` and `rapport eval`.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "base/version.h"
#include "config/config.h"
#include "connectors/file_source.h"
#include "connectors/live_sources.h"
#include "pipeline/cli/commands.h"
#include "pipeline/evaluator.h"
#include "pipeline/log.h"
#include "pipeline/run.h"
#include "pipeline/state_store.h"

extern char** environ;

namespace rapport::cli {
namespace {

void PrintSummary(const rapport::pipeline::RunOutcome& o, const std::string& out_dir) {
  const auto& s = o.summary;
  std::printf("rapport run: %llu posts read, %llu rejected, %llu duplicates, %llu non-English skipped\n",
              static_cast<unsigned long long>(s.posts_read), static_cast<unsigned long long>(s.rejected),
              static_cast<unsigned long long>(s.posts_duplicate), static_cast<unsigned long long>(s.posts_non_english));
  for (const auto& [reason, n] : s.rejected_by_reason)
    std::printf("  rejected %llu: %s\n", static_cast<unsigned long long>(n), reason.c_str());
  if (s.posts_suppressed)
    std::printf("  suppressed: %llu posts by suppressed people, not processed\n",
                static_cast<unsigned long long>(s.posts_suppressed));
  if (s.sensitive_withheld)
    std::printf("  sensitive facts withheld: %llu (health, religion, politics, orientation, ethnicity; see --allow-sensitive)\n",
                static_cast<unsigned long long>(s.sensitive_withheld));
  if (s.api_errors) std::printf("  API partial errors: %llu (in deadletter.jsonl)\n", static_cast<unsigned long long>(s.api_errors));
  std::printf("%llu people, %llu candidates, %.2f s wall\n", static_cast<unsigned long long>(s.people),
              static_cast<unsigned long long>(s.candidates), s.wall_seconds);
  std::printf("outputs: %s/artifacts.jsonl %s/artifacts.csv %s/review.html %s/deadletter.jsonl\n", out_dir.c_str(),
              out_dir.c_str(), out_dir.c_str(), out_dir.c_str());
}

}  // namespace

int Run(int argc, char** argv) {
  auto parsed = rapport::config::Parse(argc, argv, environ);
  if (!parsed.ok()) {
    std::fprintf(stderr, "rapport run: %s\n", parsed.status().message().c_str());
    return rapport::pipeline::kExitConfigError;
  }
  if (parsed->help) {
    std::printf("Usage: rapport run [options]\n\n%s", rapport::config::Help().c_str());
    return 0;
  }
  if (parsed->version) {
    std::printf("rapport %s\n", rapport::kVersion);
    return 0;
  }
  const rapport::config::Config& config = parsed->config;
  if (config.inputs.empty() && config.x_users.empty() && config.bluesky_actors.empty() &&
      config.mastodon_accounts.empty()) {
    std::fprintf(stderr,
                 "rapport run: nothing to read: pass --input FILE_OR_FOLDER (e.g. --input data/sample) or accounts "
                 "to pull (--x-users, --bluesky-actors, --mastodon-accounts)\n");
    return rapport::pipeline::kExitConfigError;
  }
  rapport::pipeline::LogLevel level = rapport::pipeline::ParseLogLevel(config.log_level);
  // Quiet under cron: without a terminal, info becomes warn unless asked for.
  if (!isatty(STDERR_FILENO) && level == rapport::pipeline::LogLevel::kInfo) level = rapport::pipeline::LogLevel::kWarn;
  rapport::pipeline::SetLogLevel(level);

  std::unique_ptr<rapport::pipeline::StateStore> store;
  if (!config.state_dir.empty()) {
    auto opened = rapport::pipeline::StateStore::Open(config.state_dir);
    if (!opened.ok()) {
      rapport::pipeline::Log(rapport::pipeline::LogLevel::kError, opened.status().ToString());
      return rapport::pipeline::kExitStoreFailed;
    }
    store = std::move(opened.value());
  }
  std::vector<std::unique_ptr<rapport::connectors::Source>> sources;
  if (!config.inputs.empty()) sources.push_back(rapport::connectors::NewFileSource(config.inputs));
  // Live connectors: accounts to pull from the X API, Bluesky and Mastodon.
  std::unique_ptr<rapport::connectors::HttpClient> http;
  if (!config.x_users.empty() || !config.bluesky_actors.empty() || !config.mastodon_accounts.empty()) {
    if (!config.x_users.empty() && config.x_bearer_token.empty()) {
      std::fprintf(stderr, "rapport run: --x-users needs an X API token in RAPPORT_X_BEARER_TOKEN\n");
      return rapport::pipeline::kExitConfigError;
    }
    if (!store)
      rapport::pipeline::Log(rapport::pipeline::LogLevel::kWarn,
                             "live sources without --state: no cursors are kept, every run fetches from the start");
    rapport::connectors::LiveSourceOptions live;
    live.x_api_base = config.x_api_base;
    live.x_users = config.x_users;
    live.x_bearer_token = config.x_bearer_token;
    live.bluesky_api_base = config.bluesky_api_base;
    live.bluesky_actors = config.bluesky_actors;
    live.mastodon_instance = config.mastodon_instance;
    live.mastodon_accounts = config.mastodon_accounts;
    live.save_raw_dir = config.save_raw_dir;
    live.x_start_time = config.x_start_time;
    live.limits.max_pages = config.max_pages;
    live.limits.max_threads = config.max_threads;
    live.limits.max_thread_pages = config.max_thread_pages;
    live.limits.thread_depth = config.thread_depth;
    live.log = [](rapport::connectors::LiveLogLevel level, const std::string& message) {
      rapport::pipeline::Log(level == rapport::connectors::LiveLogLevel::kWarn ? rapport::pipeline::LogLevel::kWarn
                                                                              : rapport::pipeline::LogLevel::kInfo,
                             message);
    };
    http = rapport::connectors::NewDefaultHttpClient("RAPPORT_X_BEARER_TOKEN");
    for (auto& source : rapport::connectors::NewLiveSources(live, http.get(), store.get()))
      sources.push_back(std::move(source));
  }
  // The process exits right after: its results are not freed one by one.
  rapport::pipeline::RunOutcome outcome =
      rapport::pipeline::RunPipeline(config, std::move(sources), store.get(), /*free_results=*/false);
  if (!outcome.store_status.ok()) {
    rapport::pipeline::Log(rapport::pipeline::LogLevel::kError, "state store failed: " + outcome.store_status.ToString());
    return outcome.exit_code();
  }
  if (!outcome.source_status.ok())
    rapport::pipeline::Log(rapport::pipeline::LogLevel::kError, "source failed: " + outcome.source_status.ToString());
  if (!outcome.output_status.ok()) {
    rapport::pipeline::Log(rapport::pipeline::LogLevel::kError, "output failed: " + outcome.output_status.ToString());
    return outcome.exit_code();
  }
  PrintSummary(outcome, config.out_dir);
  return outcome.exit_code();
}

// rapport eval: the pipeline on a gold set, scored like score.py.
int Eval(int argc, char** argv) {
  std::string gold;
  int k = 10;
  std::vector<char*> rest;
  for (int i = 0; i < argc; ++i) {
    std::string a = argv[i];
    if ((a == "--gold" || a == "--k") && i + 1 < argc) {
      if (a == "--gold") gold = argv[++i];
      else k = std::atoi(argv[++i]);
    } else {
      rest.push_back(argv[i]);
    }
  }
  auto parsed = rapport::config::Parse(static_cast<int>(rest.size()), rest.data(), environ);
  if (!parsed.ok()) {
    std::fprintf(stderr, "rapport eval: %s\n", parsed.status().message().c_str());
    return rapport::pipeline::kExitConfigError;
  }
  if (parsed->help) {
    std::printf("Usage: rapport eval --gold GOLD.jsonl --input POSTS [--k K] [run options]\n"
                "Sensitive categories count here unless --allow-sensitive narrows them.\n\n%s",
                rapport::config::Help().c_str());
    return 0;
  }
  if (gold.empty() || parsed->config.inputs.empty() || k < 1) {
    std::fprintf(stderr, "rapport eval: pass --gold GOLD.jsonl, --input POSTS and a --k of at least 1\n");
    return rapport::pipeline::kExitConfigError;
  }
  rapport::config::Config config = parsed->config;
  config.top_k = std::max(config.top_k, k);
  config.progress = "off";
  // eval measures extraction against a gold set, which has facts of every
  // kind: sensitive categories count unless --allow-sensitive narrows them.
  if (config.allow_sensitive.empty()) config.allow_sensitive = {"all"};
  std::vector<std::unique_ptr<rapport::connectors::Source>> sources;
  sources.push_back(rapport::connectors::NewFileSource(config.inputs));
  std::vector<rapport::pipeline::Artifact> artifacts;
  rapport::pipeline::RunOutcome outcome = rapport::pipeline::Analyse(config, std::move(sources), &artifacts);
  if (!outcome.source_status.ok()) {
    std::fprintf(stderr, "rapport eval: %s\n", outcome.source_status.ToString().c_str());
    return rapport::pipeline::kExitSourceFailed;
  }
  auto report = rapport::pipeline::Evaluate(gold, artifacts, k);
  if (!report.ok()) {
    std::fprintf(stderr, "rapport eval: %s\n", report.status().ToString().c_str());
    return rapport::pipeline::kExitSourceFailed;
  }
  std::printf("%s", report->ToTable().c_str());
  return 0;
}

}  // namespace rapport::cli
