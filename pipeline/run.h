// Run: the `rapport run` job. Reads the configured sources through the oneTBB
// pipeline (serial read -> parallel parse -> parallel analyse -> aggregate:
// serial dedup, then the table shards in parallel), scores, and writes
// out/artifacts.jsonl, out/artifacts.csv, out/review.html,
// out/threads.jsonl, out/connections.jsonl and out/deadletter.jsonl.
//
// Outputs are byte-identical for any --threads (each shard of the tables sees
// its posts in input order). Thread-safe to call from one thread at a time.
#ifndef RAPPORT_PIPELINE_RUN_H_
#define RAPPORT_PIPELINE_RUN_H_

#include <memory>
#include <vector>

#include "base/status.h"
#include "config/config.h"
#include "connectors/source.h"
#include "pipeline/artifact.h"
#include "pipeline/export/exporters.h"

namespace rapport::pipeline {

// Exit codes of the CLI (documented in README.md).
enum ExitCode : int {
  kExitOk = 0,
  kExitFailure = 1,        // unexpected internal error
  kExitConfigError = 2,    // bad option or config file
  kExitSourceFailed = 3,   // a source failed; outputs hold what was read
  kExitOutputFailed = 4,   // outputs could not be written
  kExitStoreFailed = 5,    // the state store could not be opened, read or written
};

struct RunOutcome {
  RunSummary summary;
  Status source_status;  // first failed source, if any
  Status output_status;  // writing outputs
  Status store_status;   // the state store
  int exit_code() const {
    if (!store_status.ok()) return kExitStoreFailed;
    if (!output_status.ok()) return kExitOutputFailed;
    if (!source_status.ok()) return kExitSourceFailed;
    return kExitOk;
  }
};

class StateStore;

// Runs the pipeline over `sources` in order and writes the outputs to config.out_dir.
// With a `store` (not owned; may be null): new posts and their occurrences are
// added to it, outputs are computed over its window of history, rejected
// candidates are never proposed, and the posts, cursors and run record are
// committed only after the outputs are durable.
// `free_results` false: the run's results (millions of small strings at 1M
// posts) are not freed one by one but left to the process's exit; for the
// CLI, which exits right after (saves ~1.7 s of serial work per 1M posts).
RunOutcome RunPipeline(const config::Config& config, std::vector<std::unique_ptr<connectors::Source>> sources,
                       StateStore* store = nullptr, bool free_results = true);

// The candidates analysts accepted (or edited), computed from the store's
// window of history with no top-K cut, edited values applied, sorted by person.
Result<std::vector<Artifact>> AcceptedArtifacts(StateStore* store, const config::Config& config);

// Reads everything into artifacts without writing files (for tests and eval).
RunOutcome Analyse(const config::Config& config, std::vector<std::unique_ptr<connectors::Source>> sources,
                   std::vector<Artifact>* artifacts);

}  // namespace rapport::pipeline

#endif  // RAPPORT_PIPELINE_RUN_H_
