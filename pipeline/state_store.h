// StateStore: Rapport's memory between nightly runs, in SQLite.
//
// One file, <state dir>/rapport.db, in WAL mode with foreign keys on and a
// versioned schema (migrations run on Open). It keeps:
//   - posts seen (platform, id, author, created_at, content hash, and what the
//     pipeline needs to replay them: text, mentions, conversation),
//   - artifact occurrences extracted from each post,
//   - source cursors (the CursorReader the live connectors read),
//   - candidates proposed and the analysts' review decisions,
//   - run history (start, end, counts, exit status),
//   - the suppression list and what each CRM export already sent.
//
// A run writes inside one transaction (BeginRun ... CommitRun) that is
// committed only after the run's outputs are durable; a run killed anywhere
// leaves the store as it was before the run.
// Not thread-safe: one thread uses a StateStore (the pipeline's serial stage
// and the CLI); a second process may read while a run writes (WAL).
#ifndef RAPPORT_PIPELINE_STATE_STORE_H_
#define RAPPORT_PIPELINE_STATE_STORE_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "base/status.h"
#include "connectors/source.h"
#include "nlp/extractor.h"
#include "pipeline/post.h"

struct sqlite3;

namespace rapport::pipeline {

struct Decision {
  std::string status;  // "accepted", "rejected" or "edited" (accepted with a new value)
  std::string value;   // the edited value, for "edited"
  int64_t decided_at = 0;
};

struct RunRecord {
  int64_t id = 0;
  int64_t started_at = 0, ended_at = 0;
  uint64_t posts_read = 0, posts_new = 0, rejected = 0, candidates = 0;
  int exit_code = 0;
  std::string message;
};

class StateStore : public connectors::CursorReader {
 public:
  static constexpr int kSchemaVersion = 1;

  // Opens (creating the folder and file if needed) and migrates the store.
  static Result<std::unique_ptr<StateStore>> Open(const std::string& dir);
  // Opens an existing store only: NotFound (naming the folder) when `dir`
  // holds none, so a mistyped --state is an error, not a new empty store.
  static Result<std::unique_ptr<StateStore>> OpenExisting(const std::string& dir);
  ~StateStore() override;
  StateStore(const StateStore&) = delete;
  StateStore& operator=(const StateStore&) = delete;

  std::string path() const { return path_; }

  // --- A run (one write transaction) ---
  Status BeginRun();
  // True if (platform, id) is stored (committed or added in this run).
  bool HasPost(const std::string& platform, const std::string& id);
  // Stores a post and its non-conversational occurrences.
  Status AddPost(const Post& post, const std::vector<nlp::Occurrence>& occurrences);
  Status SetCursors(const std::vector<std::pair<std::string, std::string>>& cursors);
  Status RecordProposals(const std::vector<std::tuple<std::string, std::string, std::string>>& ids_people_categories,
                         int64_t now);
  // Records the run and commits everything since BeginRun().
  Status CommitRun(const RunRecord& run);
  void AbortRun();  // rolls back (also done by the destructor)
  // Records a run that failed and was rolled back, in a transaction of its
  // own, so `rapport status` shows it. Call after AbortRun().
  Status RecordFailedRun(const RunRecord& run);

  // --- Reading ---
  std::string GetCursor(const std::string& key) const override;
  std::vector<std::pair<std::string, std::string>> Cursors() const;
  // Calls `fn` for each stored post created at or after `since` (Unix s), in
  // (created_at, platform, id) order, with its stored occurrences.
  Status ForEachPost(int64_t since, const std::function<void(const Post&, const std::vector<nlp::Occurrence>&)>& fn) const;
  uint64_t PostCount() const;
  int64_t NewestPostTime() const;  // 0 when empty
  std::vector<RunRecord> LastRuns(int n) const;

  // --- Reviews (each call commits at once) ---
  Status SetDecision(const std::string& candidate_id, const Decision& decision);
  std::map<std::string, Decision> Decisions() const;

  // --- Privacy ---
  // Adds a handle ("@sam" or "sam") or an id to the suppression list and
  // purges that person from the store (Forget).
  Status Suppress(const std::string& handle_or_id);
  std::vector<std::string> Suppressed() const;
  // Removes a person (id or handle): their posts and occurrences, facts about
  // them from others' posts, their reviews, and their handle in others' posts.
  Status Forget(const std::string& handle_or_id, uint64_t* removed_posts);
  // Removes posts (and their occurrences) created before `cutoff` (Unix s).
  Status PurgeOlderThan(int64_t cutoff, uint64_t* removed_posts);

  // --- CRM exports: what was sent, by target ("vcard", "crm_csv", "hubspot") ---
  std::map<std::string, std::string> Exported(const std::string& target) const;  // candidate_id -> fingerprint
  Status MarkExported(const std::string& target, const std::vector<std::pair<std::string, std::string>>& sent,
                      int64_t now);

  sqlite3* db() const { return db_; }  // for tests that inspect the store

 private:
  explicit StateStore(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  Status Exec(const char* sql) const;
  Status Migrate();

  sqlite3* db_;
  std::string path_;
  bool in_run_ = false;
};

}  // namespace rapport::pipeline

#endif  // RAPPORT_PIPELINE_STATE_STORE_H_
