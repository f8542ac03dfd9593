#include "pipeline/state_store.h"

#include <sqlite3.h>

#include <cstdio>
#include <filesystem>
#include <tuple>

#include "pipeline/forgotten.h"
#include "base/fnv.h"

namespace rapport::pipeline {
namespace {

// A prepared statement, finalised on scope exit.
class Stmt {
 public:
  Stmt(sqlite3* db, const char* sql) : db_(db) { rc_ = sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr); }
  ~Stmt() { sqlite3_finalize(stmt_); }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  bool ok() const { return rc_ == SQLITE_OK; }
  Stmt& Bind(int i, const std::string& s) {
    sqlite3_bind_text(stmt_, i, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Stmt& Bind(int i, int64_t v) {
    sqlite3_bind_int64(stmt_, i, v);
    return *this;
  }
  Stmt& BindDouble(int i, double v) {
    sqlite3_bind_double(stmt_, i, v);
    return *this;
  }
  int Step() { return sqlite3_step(stmt_); }
  Status Run(const char* what) {
    if (!ok()) return Error(what);
    int rc = Step();
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) return Error(what);
    return Status::OK();
  }
  std::string Text(int col) const {
    const unsigned char* t = sqlite3_column_text(stmt_, col);
    return t ? std::string(reinterpret_cast<const char*>(t), sqlite3_column_bytes(stmt_, col)) : std::string();
  }
  int64_t Int(int col) const { return sqlite3_column_int64(stmt_, col); }
  double Double(int col) const { return sqlite3_column_double(stmt_, col); }
  Status Error(const char* what) const { return Status::IoError(std::string("state store: ") + what + ": " + sqlite3_errmsg(db_)); }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
  int rc_;
};

// Mentions are stored as "id\x1fusername\x1e..." (unit and record separators).
std::string EncodeMentions(const std::vector<UserRef>& mentions) {
  std::string s;
  for (const UserRef& m : mentions) s += m.id + '\x1f' + m.username + '\x1e';
  return s;
}

std::vector<UserRef> DecodeMentions(const std::string& s) {
  std::vector<UserRef> out;
  size_t b = 0;
  while (b < s.size()) {
    size_t e = s.find('\x1e', b);
    if (e == std::string::npos) break;
    std::string item = s.substr(b, e - b);
    size_t sep = item.find('\x1f');
    if (sep != std::string::npos) out.push_back({item.substr(0, sep), item.substr(sep + 1)});
    b = e + 1;
  }
  return out;
}

// FNV-1a 64 of the text, hex: detects an edited post body.
std::string ContentHash(const std::string& text) {
  return Hex16(Fnv1a(text));
}

std::string Bare(std::string handle) {
  if (!handle.empty() && handle[0] == '@') handle.erase(0, 1);
  return handle;
}

constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE IF NOT EXISTS posts (
  platform TEXT NOT NULL, id TEXT NOT NULL,
  author_id TEXT NOT NULL, author_username TEXT NOT NULL DEFAULT '', author_name TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL, conversation_id TEXT NOT NULL DEFAULT '', reply_to_user_id TEXT NOT NULL DEFAULT '',
  mentions TEXT NOT NULL DEFAULT '', text TEXT NOT NULL DEFAULT '', url TEXT NOT NULL DEFAULT '',
  content_hash TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (platform, id));
CREATE INDEX IF NOT EXISTS posts_by_time ON posts (created_at);
CREATE INDEX IF NOT EXISTS posts_by_author ON posts (platform, author_id);
CREATE TABLE IF NOT EXISTS occurrences (
  platform TEXT NOT NULL, post_id TEXT NOT NULL, seq INTEGER NOT NULL,
  category TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, negative INTEGER NOT NULL DEFAULT 0,
  mention_index INTEGER NOT NULL DEFAULT -1, weight REAL NOT NULL DEFAULT 1, alias TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (platform, post_id, seq),
  FOREIGN KEY (platform, post_id) REFERENCES posts (platform, id) ON DELETE CASCADE);
CREATE TABLE IF NOT EXISTS cursors (key TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS candidates (
  candidate_id TEXT PRIMARY KEY, person_platform TEXT NOT NULL, person_id TEXT NOT NULL, category TEXT NOT NULL,
  first_proposed INTEGER NOT NULL, last_proposed INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS reviews (
  candidate_id TEXT PRIMARY KEY, status TEXT NOT NULL CHECK (status IN ('accepted', 'rejected', 'edited')),
  value TEXT NOT NULL DEFAULT '', decided_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
  id INTEGER PRIMARY KEY AUTOINCREMENT, started_at INTEGER NOT NULL, ended_at INTEGER NOT NULL,
  posts_read INTEGER NOT NULL, posts_new INTEGER NOT NULL, rejected INTEGER NOT NULL, candidates INTEGER NOT NULL,
  exit_code INTEGER NOT NULL, message TEXT NOT NULL DEFAULT '');
CREATE TABLE IF NOT EXISTS suppressed (value TEXT PRIMARY KEY, added_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS exports (
  target TEXT NOT NULL, candidate_id TEXT NOT NULL, fingerprint TEXT NOT NULL, exported_at INTEGER NOT NULL,
  PRIMARY KEY (target, candidate_id));
)sql";

// One row of the run history.
Status InsertRun(sqlite3* db, const RunRecord& run) {
  Stmt s(db,
         "INSERT INTO runs (started_at, ended_at, posts_read, posts_new, rejected, candidates, exit_code, message) "
         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  s.Bind(1, run.started_at).Bind(2, run.ended_at).Bind(3, static_cast<int64_t>(run.posts_read));
  s.Bind(4, static_cast<int64_t>(run.posts_new)).Bind(5, static_cast<int64_t>(run.rejected));
  s.Bind(6, static_cast<int64_t>(run.candidates)).Bind(7, static_cast<int64_t>(run.exit_code)).Bind(8, run.message);
  return s.Run("record run");
}

}  // namespace

Result<std::unique_ptr<StateStore>> StateStore::OpenExisting(const std::string& dir) {
  std::error_code ec;
  if (!std::filesystem::exists(std::filesystem::path(dir) / "rapport.db", ec))
    return Status::NotFound("state store: no rapport.db in '" + dir + "' (mistyped --state? `rapport run --state " + dir +
                            "` creates it)");
  return Open(dir);
}

Result<std::unique_ptr<StateStore>> StateStore::Open(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Status::IoError("state store: cannot create folder " + dir + ": " + ec.message());
  std::string path = (std::filesystem::path(dir) / "rapport.db").string();
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr) !=
      SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return Status::IoError("state store: cannot open " + path + ": " + msg);
  }
  sqlite3_busy_timeout(db, 10000);
  std::unique_ptr<StateStore> store(new StateStore(db, path));
  RAPPORT_RETURN_IF_ERROR(store->Exec("PRAGMA journal_mode=WAL"));
  RAPPORT_RETURN_IF_ERROR(store->Exec("PRAGMA foreign_keys=ON"));
  RAPPORT_RETURN_IF_ERROR(store->Exec("PRAGMA synchronous=FULL"));
  RAPPORT_RETURN_IF_ERROR(store->Migrate());
  return store;
}

StateStore::~StateStore() {
  if (in_run_) AbortRun();
  sqlite3_close(db_);
}

Status StateStore::Exec(const char* sql) const {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errmsg(db_);
    sqlite3_free(err);
    return Status::IoError("state store (" + path_ + "): " + msg);
  }
  return Status::OK();
}

Status StateStore::Migrate() {
  Stmt v(db_, "PRAGMA user_version");
  int64_t version = v.Step() == SQLITE_ROW ? v.Int(0) : 0;
  if (version > kSchemaVersion)
    return Status::InvalidArgument("state store " + path_ + " has schema version " + std::to_string(version) +
                                   ", newer than this rapport (" + std::to_string(kSchemaVersion) + "): upgrade rapport");
  if (version < 1) {
    RAPPORT_RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE"));
    Status st = Exec(kSchemaV1);
    if (st.ok()) st = Exec("PRAGMA user_version = 1");
    if (!st.ok()) {
      Exec("ROLLBACK");
      return st;
    }
    RAPPORT_RETURN_IF_ERROR(Exec("COMMIT"));
  }
  // Future migrations: if (version < 2) { ... PRAGMA user_version = 2 } in one transaction each.
  return Status::OK();
}

Status StateStore::BeginRun() {
  if (in_run_) return Status::Internal("state store: a run is already open");
  RAPPORT_RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE"));
  in_run_ = true;
  return Status::OK();
}

void StateStore::AbortRun() {
  if (!in_run_) return;
  Exec("ROLLBACK");
  in_run_ = false;
}

bool StateStore::HasPost(const std::string& platform, const std::string& id) {
  Stmt s(db_, "SELECT 1 FROM posts WHERE platform = ?1 AND id = ?2");
  s.Bind(1, platform).Bind(2, id);
  return s.Step() == SQLITE_ROW;
}

Status StateStore::AddPost(const Post& post, const std::vector<nlp::Occurrence>& occurrences) {
  Stmt p(db_,
         "INSERT OR IGNORE INTO posts (platform, id, author_id, author_username, author_name, created_at, "
         "conversation_id, reply_to_user_id, mentions, text, url, content_hash) "
         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
  p.Bind(1, post.platform).Bind(2, post.id).Bind(3, post.author_id).Bind(4, post.author_username);
  p.Bind(5, post.author_name).Bind(6, post.created_at).Bind(7, post.conversation_id).Bind(8, post.reply_to_user_id);
  p.Bind(9, EncodeMentions(post.mentions)).Bind(10, post.text).Bind(11, post.url).Bind(12, ContentHash(post.text));
  RAPPORT_RETURN_IF_ERROR(p.Run("insert post"));
  if (sqlite3_changes(db_) == 0) return Status::OK();  // already stored
  int64_t seq = 0;
  for (const nlp::Occurrence& occ : occurrences) {
    if (occ.conversational) continue;
    Stmt one(db_,
             "INSERT INTO occurrences (platform, post_id, seq, category, key, value, negative, mention_index, weight, "
             "alias) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    one.Bind(1, post.platform).Bind(2, post.id).Bind(3, seq++).Bind(4, occ.category).Bind(5, occ.key);
    one.Bind(6, occ.value).Bind(7, static_cast<int64_t>(occ.negative)).Bind(8, static_cast<int64_t>(occ.mention_index));
    one.BindDouble(9, occ.weight).Bind(10, occ.alias);
    RAPPORT_RETURN_IF_ERROR(one.Run("insert occurrence"));
  }
  return Status::OK();
}

Status StateStore::SetCursors(const std::vector<std::pair<std::string, std::string>>& cursors) {
  for (const auto& [key, value] : cursors) {
    Stmt s(db_,
           "INSERT INTO cursors (key, value, updated_at) VALUES (?1, ?2, strftime('%s','now')) "
           "ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at");
    s.Bind(1, key).Bind(2, value);
    RAPPORT_RETURN_IF_ERROR(s.Run("set cursor"));
  }
  return Status::OK();
}

Status StateStore::RecordProposals(
    const std::vector<std::tuple<std::string, std::string, std::string>>& ids_people_categories, int64_t now) {
  for (const auto& [id, person, category] : ids_people_categories) {
    size_t colon = person.find(':');
    Stmt s(db_,
           "INSERT INTO candidates (candidate_id, person_platform, person_id, category, first_proposed, last_proposed) "
           "VALUES (?1, ?2, ?3, ?4, ?5, ?5) ON CONFLICT (candidate_id) DO UPDATE SET last_proposed = excluded.last_proposed");
    s.Bind(1, id).Bind(2, person.substr(0, colon)).Bind(3, colon == std::string::npos ? "" : person.substr(colon + 1));
    s.Bind(4, category).Bind(5, now);
    RAPPORT_RETURN_IF_ERROR(s.Run("record candidate"));
  }
  return Status::OK();
}

Status StateStore::RecordFailedRun(const RunRecord& run) {
  if (in_run_) return Status::Internal("state store: a run is still open");
  return InsertRun(db_, run);
}

Status StateStore::CommitRun(const RunRecord& run) {
  if (!in_run_) return Status::Internal("state store: no run is open");
  Status st = InsertRun(db_, run);
  if (!st.ok()) {
    AbortRun();
    return st;
  }
  st = Exec("COMMIT");
  if (!st.ok()) {
    AbortRun();
    return st;
  }
  in_run_ = false;
  return Status::OK();
}

std::string StateStore::GetCursor(const std::string& key) const {
  Stmt s(db_, "SELECT value FROM cursors WHERE key = ?1");
  s.Bind(1, key);
  return s.Step() == SQLITE_ROW ? s.Text(0) : std::string();
}

std::vector<std::pair<std::string, std::string>> StateStore::Cursors() const {
  std::vector<std::pair<std::string, std::string>> out;
  Stmt s(db_, "SELECT key, value FROM cursors ORDER BY key");
  while (s.Step() == SQLITE_ROW) out.emplace_back(s.Text(0), s.Text(1));
  return out;
}

Status StateStore::ForEachPost(int64_t since,
                               const std::function<void(const Post&, const std::vector<nlp::Occurrence>&)>& fn) const {
  Stmt posts(db_,
             "SELECT platform, id, author_id, author_username, author_name, created_at, conversation_id, "
             "reply_to_user_id, mentions, text, url FROM posts WHERE created_at >= ?1 "
             "ORDER BY created_at, platform, id");
  if (!posts.ok()) return posts.Error("read posts");
  posts.Bind(1, since);
  Post p;
  std::vector<nlp::Occurrence> occurrences;
  int rc;
  while ((rc = posts.Step()) == SQLITE_ROW) {
    p = Post();
    p.platform = posts.Text(0);
    p.id = posts.Text(1);
    p.author_id = posts.Text(2);
    p.author_username = posts.Text(3);
    p.author_name = posts.Text(4);
    p.created_at = posts.Int(5);
    p.conversation_id = posts.Text(6);
    p.reply_to_user_id = posts.Text(7);
    p.mentions = DecodeMentions(posts.Text(8));
    p.text = posts.Text(9);
    p.url = posts.Text(10);
    occurrences.clear();
    Stmt o(db_,
           "SELECT category, key, value, negative, mention_index, weight, alias FROM occurrences "
           "WHERE platform = ?1 AND post_id = ?2 ORDER BY seq");
    o.Bind(1, p.platform).Bind(2, p.id);
    while (o.Step() == SQLITE_ROW) {
      nlp::Occurrence x;
      x.category = o.Text(0);
      x.key = o.Text(1);
      x.value = o.Text(2);
      x.negative = o.Int(3) != 0;
      x.mention_index = static_cast<int>(o.Int(4));
      x.weight = static_cast<float>(o.Double(5));
      x.alias = o.Text(6);
      occurrences.push_back(std::move(x));
    }
    fn(p, occurrences);
  }
  if (rc != SQLITE_DONE) return posts.Error("read posts");
  return Status::OK();
}

uint64_t StateStore::PostCount() const {
  Stmt s(db_, "SELECT COUNT(*) FROM posts");
  return s.Step() == SQLITE_ROW ? static_cast<uint64_t>(s.Int(0)) : 0;
}

int64_t StateStore::NewestPostTime() const {
  Stmt s(db_, "SELECT COALESCE(MAX(created_at), 0) FROM posts");
  return s.Step() == SQLITE_ROW ? s.Int(0) : 0;
}

std::vector<RunRecord> StateStore::LastRuns(int n) const {
  std::vector<RunRecord> out;
  Stmt s(db_,
         "SELECT id, started_at, ended_at, posts_read, posts_new, rejected, candidates, exit_code, message FROM runs "
         "ORDER BY id DESC LIMIT ?1");
  s.Bind(1, static_cast<int64_t>(n));
  while (s.Step() == SQLITE_ROW) {
    RunRecord r;
    r.id = s.Int(0);
    r.started_at = s.Int(1);
    r.ended_at = s.Int(2);
    r.posts_read = static_cast<uint64_t>(s.Int(3));
    r.posts_new = static_cast<uint64_t>(s.Int(4));
    r.rejected = static_cast<uint64_t>(s.Int(5));
    r.candidates = static_cast<uint64_t>(s.Int(6));
    r.exit_code = static_cast<int>(s.Int(7));
    r.message = s.Text(8);
    out.push_back(std::move(r));
  }
  return out;
}

Status StateStore::SetDecision(const std::string& candidate_id, const Decision& d) {
  if (d.status != "accepted" && d.status != "rejected" && d.status != "edited")
    return Status::InvalidArgument("decision must be accepted, rejected or edited (got '" + d.status + "')");
  Stmt s(db_,
         "INSERT INTO reviews (candidate_id, status, value, decided_at) VALUES (?1, ?2, ?3, ?4) "
         "ON CONFLICT (candidate_id) DO UPDATE SET status = excluded.status, value = excluded.value, "
         "decided_at = excluded.decided_at");
  s.Bind(1, candidate_id).Bind(2, d.status).Bind(3, d.value).Bind(4, d.decided_at);
  return s.Run("store decision");
}

std::map<std::string, Decision> StateStore::Decisions() const {
  std::map<std::string, Decision> out;
  Stmt s(db_, "SELECT candidate_id, status, value, decided_at FROM reviews");
  while (s.Step() == SQLITE_ROW) out[s.Text(0)] = {s.Text(1), s.Text(2), s.Int(3)};
  return out;
}

Status StateStore::Suppress(const std::string& handle_or_id) {
  std::string v = Bare(handle_or_id);
  if (v.empty()) return Status::InvalidArgument("suppress: empty handle or id");
  Stmt s(db_, "INSERT OR IGNORE INTO suppressed (value, added_at) VALUES (?1, strftime('%s','now'))");
  s.Bind(1, v);
  RAPPORT_RETURN_IF_ERROR(s.Run("suppress"));
  uint64_t removed = 0;
  return Forget(v, &removed);
}

std::vector<std::string> StateStore::Suppressed() const {
  std::vector<std::string> out;
  Stmt s(db_, "SELECT value FROM suppressed ORDER BY value");
  while (s.Step() == SQLITE_ROW) out.push_back(s.Text(0));
  return out;
}

Status StateStore::Forget(const std::string& handle_or_id, uint64_t* removed_posts) {
  const std::string who = Bare(handle_or_id);
  if (who.empty()) return Status::InvalidArgument("forget: empty handle or id");
  RAPPORT_RETURN_IF_ERROR(Exec("SAVEPOINT forget"));
  auto fail = [&](Status st) {
    Exec("ROLLBACK TO forget");
    Exec("RELEASE forget");
    return st;
  };
  // The ids the person is known by (a handle may map to an id and back).
  std::vector<std::string> ids = {who};
  std::vector<std::string> names = {who};
  {
    Stmt s(db_, "SELECT DISTINCT author_id, author_username FROM posts WHERE author_id = ?1 OR author_username = ?1 COLLATE NOCASE");
    s.Bind(1, who);
    while (s.Step() == SQLITE_ROW) ids.push_back(s.Text(0)), names.push_back(s.Text(1));
  }
  *removed_posts = 0;
  for (const std::string& id : ids) {
    Stmt d(db_, "DELETE FROM posts WHERE author_id = ?1");
    d.Bind(1, id);
    Status st = d.Run("forget posts");
    if (!st.ok()) return fail(st);
    *removed_posts += static_cast<uint64_t>(sqlite3_changes(db_));
  }
  // Facts about them from others' posts, and their traces in those posts.
  std::vector<std::tuple<std::string, std::string, std::string, std::string, std::string>> touched;
  {
    Stmt s(db_, "SELECT platform, id, mentions, reply_to_user_id, text FROM posts");
    while (s.Step() == SQLITE_ROW) touched.emplace_back(s.Text(0), s.Text(1), s.Text(2), s.Text(3), s.Text(4));
  }
  auto is_them = [&](const std::string& x) {
    for (const auto& v : ids)
      if (!v.empty() && x == v) return true;
    for (const auto& v : names)
      if (!v.empty() && x == v) return true;
    return false;
  };
  for (auto& [platform, id, mentions_s, reply_to, text] : touched) {
    std::vector<UserRef> mentions = DecodeMentions(mentions_s);
    bool changed = is_them(reply_to);
    std::vector<UserRef> kept;
    for (size_t i = 0; i < mentions.size(); ++i) {
      if (is_them(mentions[i].id) || is_them(mentions[i].username)) {
        changed = true;
        Stmt d(db_, "DELETE FROM occurrences WHERE platform = ?1 AND post_id = ?2 AND mention_index = ?3");
        d.Bind(1, platform).Bind(2, id).Bind(3, static_cast<int64_t>(i));
        Status st = d.Run("forget facts about them");
        if (!st.ok()) return fail(st);
        kept.push_back({"", ""});  // keep indexes stable for the other mentions
      } else {
        kept.push_back(mentions[i]);
      }
    }
    std::string new_text = text;
    for (const auto& n : names) changed |= ForgetHandle(&new_text, n);
    if (!changed) continue;
    Stmt u(db_, "UPDATE posts SET mentions = ?3, reply_to_user_id = ?4, text = ?5 WHERE platform = ?1 AND id = ?2");
    u.Bind(1, platform).Bind(2, id).Bind(3, EncodeMentions(kept)).Bind(4, is_them(reply_to) ? "" : reply_to);
    u.Bind(5, new_text);
    Status st = u.Run("scrub post");
    if (!st.ok()) return fail(st);
  }
  for (const std::string& id : ids) {
    Stmt c(db_, "DELETE FROM reviews WHERE candidate_id IN (SELECT candidate_id FROM candidates WHERE person_id = ?1)");
    c.Bind(1, id);
    Status st = c.Run("forget reviews");
    if (!st.ok()) return fail(st);
    Stmt e(db_, "DELETE FROM exports WHERE candidate_id IN (SELECT candidate_id FROM candidates WHERE person_id = ?1)");
    e.Bind(1, id);
    st = e.Run("forget exports");
    if (!st.ok()) return fail(st);
    Stmt k(db_, "DELETE FROM cursors WHERE key LIKE '%:' || ?1 || ':%' OR key LIKE '%:' || ?1");
    k.Bind(1, id);
    st = k.Run("forget cursors");
    if (!st.ok()) return fail(st);
    Stmt d(db_, "DELETE FROM candidates WHERE person_id = ?1");
    d.Bind(1, id);
    st = d.Run("forget candidates");
    if (!st.ok()) return fail(st);
  }
  return Exec("RELEASE forget");
}

Status StateStore::PurgeOlderThan(int64_t cutoff, uint64_t* removed_posts) {
  Stmt d(db_, "DELETE FROM posts WHERE created_at < ?1");
  d.Bind(1, cutoff);
  RAPPORT_RETURN_IF_ERROR(d.Run("purge"));
  *removed_posts = static_cast<uint64_t>(sqlite3_changes(db_));
  // Candidates not proposed since the cutoff go too, with their accepted or
  // edited values and export records. A rejection stays (a hashed id and the
  // word "rejected", no personal data) so that the fact never comes back.
  const char* kOld = "SELECT candidate_id FROM candidates WHERE last_proposed < ?1";
  for (const std::string& sql : {std::string("DELETE FROM exports WHERE candidate_id IN (") + kOld + ")",
                                std::string("DELETE FROM reviews WHERE status != 'rejected' AND candidate_id IN (") + kOld + ")",
                                std::string("DELETE FROM candidates WHERE last_proposed < ?1")}) {
    Stmt c(db_, sql.c_str());
    c.Bind(1, cutoff);
    RAPPORT_RETURN_IF_ERROR(c.Run("purge"));
  }
  return Status::OK();
}

std::map<std::string, std::string> StateStore::Exported(const std::string& target) const {
  std::map<std::string, std::string> out;
  Stmt s(db_, "SELECT candidate_id, fingerprint FROM exports WHERE target = ?1");
  s.Bind(1, target);
  while (s.Step() == SQLITE_ROW) out[s.Text(0)] = s.Text(1);
  return out;
}

Status StateStore::MarkExported(const std::string& target, const std::vector<std::pair<std::string, std::string>>& sent,
                                int64_t now) {
  for (const auto& [id, fingerprint] : sent) {
    Stmt s(db_,
           "INSERT INTO exports (target, candidate_id, fingerprint, exported_at) VALUES (?1, ?2, ?3, ?4) "
           "ON CONFLICT (target, candidate_id) DO UPDATE SET fingerprint = excluded.fingerprint, "
           "exported_at = excluded.exported_at");
    s.Bind(1, target).Bind(2, id).Bind(3, fingerprint).Bind(4, now);
    RAPPORT_RETURN_IF_ERROR(s.Run("mark exported"));
  }
  return Status::OK();
}

}  // namespace rapport::pipeline
