// `rapport status`, `purge`, `forget`, `suppress`: looking after the state store.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include <sqlite3.h>

#include "config/config.h"
#include "pipeline/cli/commands.h"
#include "pipeline/post_parser.h"
#include "pipeline/run.h"
#include "pipeline/state_store.h"

extern char** environ;

namespace rapport::cli {

SplitArgs Split(int argc, char** argv, const std::vector<std::string>& own, bool positional) {
  SplitArgs out;
  if (argc > 0) out.rest.push_back(argv[0]);
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    bool mine = false;
    for (const std::string& name : own) {
      if (a == "--" + name && i + 1 < argc) {
        out.own[name] = argv[++i];
        mine = true;
      } else if (a.rfind("--" + name + "=", 0) == 0) {
        out.own[name] = a.substr(name.size() + 3);
        mine = true;
      }
      if (mine) break;
    }
    if (mine) continue;
    if (positional && !a.empty() && a[0] != '-' && (i == 1 || std::string(argv[i - 1]).rfind("--", 0) != 0 ||
                                                     std::string(argv[i - 1]).find('=') != std::string::npos)) {
      out.positional.push_back(a);
      continue;
    }
    out.rest.push_back(argv[i]);
  }
  return out;
}

namespace {

// Parses the common options and opens the store named by --state (required).
struct Opened {
  config::Config config;
  std::unique_ptr<pipeline::StateStore> store;
  int exit_code = 0;
  bool help = false;
};

// `create`: suppress may start a store (suppressing before the first run);
// the other commands need an existing one.
Opened OpenStore(const char* command, const char* usage, SplitArgs& args, bool create = false) {
  Opened o;
  auto parsed = config::Parse(static_cast<int>(args.rest.size()), args.rest.data(), environ);
  if (!parsed.ok()) {
    std::fprintf(stderr, "rapport %s: %s\n", command, parsed.status().message().c_str());
    o.exit_code = pipeline::kExitConfigError;
    return o;
  }
  if (parsed->help) {
    std::printf("Usage: %s\n\n%s", usage, config::Help({"help", "version", "config", "state"}).c_str());
    o.help = true;
    return o;
  }
  o.config = parsed->config;
  if (o.config.state_dir.empty()) {
    std::fprintf(stderr, "rapport %s: pass --state DIR (the state store folder)\nUsage: %s\n", command, usage);
    o.exit_code = pipeline::kExitConfigError;
    return o;
  }
  auto store = create ? pipeline::StateStore::Open(o.config.state_dir)
                      : pipeline::StateStore::OpenExisting(o.config.state_dir);
  if (!store.ok()) {
    std::fprintf(stderr, "rapport %s: %s\n", command, store.status().ToString().c_str());
    o.exit_code = pipeline::kExitStoreFailed;
    return o;
  }
  o.store = std::move(store.value());
  return o;
}

int64_t Now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace

int Status(int argc, char** argv) {
  SplitArgs args = Split(argc, argv, {}, false);
  Opened o = OpenStore("status", "rapport status --state DIR", args);
  if (o.help || o.exit_code) return o.exit_code;
  pipeline::StateStore& store = *o.store;
  std::printf("state store: %s\n", store.path().c_str());
  std::printf("posts stored: %llu\n", static_cast<unsigned long long>(store.PostCount()));
  std::printf("\nlast runs:\n");
  auto runs = store.LastRuns(5);
  if (runs.empty()) std::printf("  (none yet)\n");
  for (const auto& r : runs)
    std::printf("  #%lld %s  %llds  read %llu, new %llu, rejected %llu, candidates %llu, exit %d%s%s\n",
                static_cast<long long>(r.id), pipeline::FormatTimestamp(r.started_at).c_str(),
                static_cast<long long>(r.ended_at - r.started_at), static_cast<unsigned long long>(r.posts_read),
                static_cast<unsigned long long>(r.posts_new), static_cast<unsigned long long>(r.rejected),
                static_cast<unsigned long long>(r.candidates), r.exit_code, r.message.empty() ? "" : ": ",
                r.message.c_str());
  std::printf("\ncursors:\n");
  auto cursors = store.Cursors();
  if (cursors.empty()) std::printf("  (none: file inputs keep no cursor)\n");
  for (const auto& [k, v] : cursors) std::printf("  %s = %s\n", k.c_str(), v.c_str());
  // Pending: proposed by the latest run and not decided yet.
  sqlite3_stmt* st = nullptr;
  long long pending = 0, accepted = 0, rejected = 0;
  if (sqlite3_prepare_v2(store.db(),
                         "SELECT COUNT(*) FROM candidates c LEFT JOIN reviews r USING (candidate_id) "
                         "WHERE r.candidate_id IS NULL AND c.last_proposed = (SELECT MAX(last_proposed) FROM candidates)",
                         -1, &st, nullptr) == SQLITE_OK &&
      sqlite3_step(st) == SQLITE_ROW)
    pending = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  for (const auto& [_, d] : store.Decisions()) (d.status == "rejected" ? rejected : accepted)++;
  std::printf("\nreviews: %lld pending, %lld accepted or edited, %lld rejected\n", pending, accepted, rejected);
  std::printf("suppressed: %zu\n", store.Suppressed().size());
  return 0;
}

int Purge(int argc, char** argv) {
  SplitArgs args = Split(argc, argv, {"older-than"}, false);
  const char* usage = "rapport purge --state DIR --older-than DAYS";
  if (!args.own.count("older-than")) {
    std::fprintf(stderr, "rapport purge: pass --older-than DAYS\nUsage: %s\n", usage);
    return pipeline::kExitConfigError;
  }
  char* end = nullptr;
  long days = std::strtol(args.own["older-than"].c_str(), &end, 10);
  if (*end != 0 || days < 0) {
    std::fprintf(stderr, "rapport purge: --older-than must be a number of days (got '%s')\n",
                 args.own["older-than"].c_str());
    return pipeline::kExitConfigError;
  }
  Opened o = OpenStore("purge", usage, args);
  if (o.help || o.exit_code) return o.exit_code;
  uint64_t removed = 0;
  rapport::Status st = o.store->PurgeOlderThan(Now() - days * 86400, &removed);
  if (!st.ok()) {
    std::fprintf(stderr, "rapport purge: %s\n", st.ToString().c_str());
    return pipeline::kExitStoreFailed;
  }
  std::printf("purged %llu posts older than %ld days (and their occurrences)\n", static_cast<unsigned long long>(removed),
              days);
  return 0;
}

int Forget(int argc, char** argv) {
  SplitArgs args = Split(argc, argv, {}, true);
  const char* usage = "rapport forget --state DIR PERSON   (a handle like @sam or an id)";
  Opened o = OpenStore("forget", usage, args);
  if (o.help || o.exit_code) return o.exit_code;
  if (args.positional.empty()) {
    std::fprintf(stderr, "rapport forget: name the person (handle or id)\nUsage: %s\n", usage);
    return pipeline::kExitConfigError;
  }
  for (const std::string& who : args.positional) {
    uint64_t removed = 0;
    rapport::Status st = o.store->Forget(who, &removed);
    if (!st.ok()) {
      std::fprintf(stderr, "rapport forget: %s\n", st.ToString().c_str());
      return pipeline::kExitStoreFailed;
    }
    std::printf("forgot %s: %llu posts removed, facts about them and reviews removed\n", who.c_str(),
                static_cast<unsigned long long>(removed));
  }
  return 0;
}

int Suppress(int argc, char** argv) {
  SplitArgs args = Split(argc, argv, {}, true);
  const char* usage = "rapport suppress --state DIR PERSON...   (never processed or exported again)";
  Opened o = OpenStore("suppress", usage, args, /*create=*/true);
  if (o.help || o.exit_code) return o.exit_code;
  if (args.positional.empty()) {
    for (const std::string& s : o.store->Suppressed()) std::printf("%s\n", s.c_str());
    return 0;
  }
  for (const std::string& who : args.positional) {
    rapport::Status st = o.store->Suppress(who);
    if (!st.ok()) {
      std::fprintf(stderr, "rapport suppress: %s\n", st.ToString().c_str());
      return pipeline::kExitStoreFailed;
    }
    std::printf("suppressed %s and purged them from the store\n", who.c_str());
  }
  return 0;
}

}  // namespace rapport::cli
