#include "connectors/bluesky_source.h"

#include <algorithm>
#include <set>
#include <utility>

#include "connectors/internal/bluesky_page.h"
#include "connectors/internal/live_source_base.h"
#include "connectors/internal/url.h"

namespace rapport::connectors {

namespace {

using internal::WithQuery;

class BlueskySource final : public internal::LiveSourceBase {
 public:
  BlueskySource(HttpClient* http, const CursorReader* cursors, BlueskySourceOptions options)
      : LiveSourceBase("bluesky", http, options.common, {}), cursors_(cursors), options_(std::move(options)) {
    options_.api_base = internal::NormalizeBaseUrl(options_.api_base);
    for (const std::string& actor : options_.actors) {
      Actor a;
      a.name = internal::CleanHandle(actor);
      a.key = "bluesky:actor:" + a.name;
      accounts_.push_back(std::move(a));
    }
  }

  std::vector<std::pair<std::string, std::string>> Checkpoints() const override;

 protected:
  bool Step() override;

 private:
  enum class Phase { kStart, kFeed, kThreads, kDone };
  struct Actor {
    std::string name;
    std::string key;
    Phase phase = Phase::kStart;
    std::string old_cursor;   // ISO time from the state store
    int64_t old_ms = -1;
    std::string newest;       // newest sort time seen, as written
    int64_t newest_ms = -1;
    std::string cursor;       // the next feed page's cursor
    std::set<std::string> cursors_seen;
    std::vector<std::string> last_uris;
    uint64_t pages = 0;
    bool feed_complete = false;
    std::vector<std::string> threads;  // post uris to expand
    size_t next_thread = 0;
    bool threads_done = false;
  };

  bool FeedStep(Actor& a);
  bool ThreadStep(Actor& a);
  // An XRPC error (non-2xx) for `what`: records it for the actor.
  void HttpError(Actor& a, const std::string& what, const std::string& url, const HttpResponse& r);

  const CursorReader* cursors_;
  BlueskySourceOptions options_;
  std::vector<Actor> accounts_;
  size_t current_ = 0;
  std::set<std::string> expanded_;  // thread uris expanded this run
};

bool BlueskySource::Step() {
  while (current_ < accounts_.size() && accounts_[current_].phase == Phase::kDone) ++current_;
  if (current_ >= accounts_.size()) return false;
  Actor& a = accounts_[current_];
  switch (a.phase) {
    case Phase::kStart:
      if (a.name.empty()) {
        AccountError(Status::InvalidArgument("an empty actor in bluesky_actors"));
        a.phase = Phase::kDone;
        return true;
      }
      if (cursors_) a.old_cursor = cursors_->GetCursor(a.key);
      a.old_ms = a.old_cursor.empty() ? -1 : internal::ParseIsoMillis(a.old_cursor);
      a.phase = Phase::kFeed;
      return true;
    case Phase::kFeed: return FeedStep(a);
    case Phase::kThreads: return ThreadStep(a);
    case Phase::kDone: break;
  }
  return true;
}

void BlueskySource::HttpError(Actor& a, const std::string& what, const std::string& url, const HttpResponse& r) {
  std::string message = a.name + ": " + what + ": " + Describe(url, r);
  internal::BlueskyPage page = internal::InspectBlueskyFeed(r.body);
  if (page.error.rfind("InvalidRequest: Profile not found", 0) == 0 || r.status == 404) {
    AccountError(Status::NotFound(message + " (check bluesky_actors)"));
  } else {
    AccountError(Status::InvalidArgument(message));
  }
}

bool BlueskySource::FeedStep(Actor& a) {
  const std::string url =
      WithQuery(options_.api_base + "/xrpc/app.bsky.feed.getAuthorFeed",
                {{"actor", a.name}, {"limit", "100"}, {"cursor", a.cursor}});
  const uint64_t page_no = a.pages + 1;
  const std::string what = a.name + ": author feed page " + std::to_string(page_no);
  HttpResponse r;
  if (!Get(url, what, &r)) return false;
  a.pages = page_no;
  if (r.status / 100 != 2) {
    HttpError(a, "author feed page " + std::to_string(page_no), url, r);
    a.phase = Phase::kDone;
    return true;
  }
  internal::BlueskyPage page = internal::InspectBlueskyFeed(r.body);
  if (!page.json) {
    Emit(url, page_no, std::move(r.body), false);
    AccountError(Status::Corruption(what + ": " + page.json_error +
                                    "; the page goes to the dead-letter file and this feed is fetched again next run"));
    a.phase = Phase::kDone;
    return true;
  }
  if (!page.error.empty()) {  // an XRPC error body with a 2xx status: no page was read
    AccountError(Status::Corruption(what + ": error: " + page.error + "; this feed is fetched again next run"));
    a.phase = Phase::kDone;
    return true;
  }
  std::vector<std::string> uris;
  for (const internal::BlueskyItem& item : page.items) uris.push_back(item.uri);
  if (!uris.empty() && uris == a.last_uris) {
    AccountError(Status::Corruption(what + ": the AppView returned the same page twice; stopped this feed so it "
                                    "cannot loop (its cursor is not advanced)"));
    a.phase = Phase::kDone;
    return true;
  }
  if (!page.items.empty()) Emit(url, page_no, std::move(r.body), true);
  bool reached_old = false;
  const size_t max_threads = static_cast<size_t>(std::max(limits().max_threads, 0));
  for (const internal::BlueskyItem& item : page.items) {
    if (item.sort_ms >= 0 && item.sort_ms > a.newest_ms) {
      a.newest_ms = item.sort_ms;
      a.newest = item.sort_time;
    }
    if (a.old_ms >= 0 && item.sort_ms >= 0 && item.sort_ms <= a.old_ms) {
      reached_old = true;
      continue;  // seen by an earlier run, threads included
    }
    if (item.is_repost || item.reply_count <= 0 || item.uri.empty() || expanded_.count(item.uri)) continue;
    if (a.threads.size() < max_threads &&
        std::find(a.threads.begin(), a.threads.end(), item.uri) == a.threads.end()) {
      a.threads.push_back(item.uri);
    }
  }
  a.last_uris = std::move(uris);
  if (reached_old || !page.has_cursor) {
    a.feed_complete = true;
    Info(a.name + ": author feed: " + std::to_string(a.pages) + " page(s), newest " +
         (a.newest.empty() ? "(none)" : a.newest));
    a.phase = Phase::kThreads;
    return true;
  }
  if (page.cursor == a.cursor || !a.cursors_seen.insert(page.cursor).second) {
    AccountError(Status::Corruption(what + ": the AppView returned cursor " + page.cursor +
                                    " again; stopped this feed so it cannot loop (its cursor is not advanced)"));
    a.phase = Phase::kDone;
    return true;
  }
  a.cursor = page.cursor;
  if (static_cast<int64_t>(a.pages) >= std::max(limits().max_pages, 1)) {
    Warn(a.name + ": author feed: stopped at the limit of " + std::to_string(a.pages) + " pages before reaching " +
         (a.old_cursor.empty() ? "the oldest post" : a.old_cursor) +
         "; its cursor is not advanced, so the next run fetches this range again (raise the page limit if this "
         "happens every run)");
    a.phase = Phase::kThreads;
  }
  return true;
}

bool BlueskySource::ThreadStep(Actor& a) {
  while (a.next_thread < a.threads.size() && expanded_.count(a.threads[a.next_thread])) ++a.next_thread;
  if (a.next_thread >= a.threads.size()) {
    a.threads_done = true;
    a.phase = Phase::kDone;
    return true;
  }
  const std::string uri = a.threads[a.next_thread];
  const std::string url =
      WithQuery(options_.api_base + "/xrpc/app.bsky.feed.getPostThread",
                {{"uri", uri}, {"depth", std::to_string(std::max(limits().thread_depth, 1))}});
  const std::string what = a.name + ": thread " + uri;
  HttpResponse r;
  if (!Get(url, what, &r)) return false;
  internal::BlueskyPage page = internal::InspectBlueskyThread(r.body);
  if (r.status / 100 != 2 || !page.error.empty()) {  // an XRPC error, even with a 2xx status
    if (r.status == 404 || page.error.rfind("NotFound", 0) == 0) {
      Info(what + ": the post is gone (" + (page.error.empty() ? "HTTP 404" : page.error) + "); skipped");
    } else if (r.status / 100 != 2) {
      HttpError(a, "thread " + uri, url, r);
      a.phase = Phase::kDone;
      return true;
    } else {
      AccountError(Status::Corruption(what + ": error: " + page.error + "; this feed is fetched again next run"));
      a.phase = Phase::kDone;
      return true;
    }
  } else {
    if (!page.json) {
      Emit(url, 1, std::move(r.body), false);
      AccountError(Status::Corruption(what + ": " + page.json_error +
                                      "; the page goes to the dead-letter file and this feed is fetched again "
                                      "next run"));
      a.phase = Phase::kDone;
      return true;
    }
    if (!page.items.empty()) Emit(url, 1, std::move(r.body), true);
  }
  expanded_.insert(uri);
  ++a.next_thread;
  return true;
}

std::vector<std::pair<std::string, std::string>> BlueskySource::Checkpoints() const {
  std::vector<std::pair<std::string, std::string>> out;
  for (const Actor& a : accounts_) {
    if (a.key.empty() || a.name.empty()) continue;
    bool commit = a.feed_complete && a.threads_done && !a.newest.empty() && a.newest_ms > a.old_ms;
    const std::string& value = commit ? a.newest : a.old_cursor;
    if (!value.empty()) out.emplace_back(a.key, value);
  }
  return out;
}

}  // namespace

std::unique_ptr<Source> NewBlueskySource(HttpClient* http, const CursorReader* cursors, BlueskySourceOptions options) {
  return std::make_unique<BlueskySource>(http, cursors, std::move(options));
}

}  // namespace rapport::connectors
