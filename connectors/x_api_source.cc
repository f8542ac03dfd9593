#include "connectors/x_api_source.h"

#include <algorithm>
#include <optional>
#include <set>
#include <utility>

#include "connectors/internal/json_dom.h"
#include "connectors/internal/live_source_base.h"
#include "connectors/internal/url.h"
#include "connectors/internal/x_page.h"

namespace rapport::connectors {

namespace {

using internal::IdLess;
using internal::WithQuery;

constexpr const char* kTweetFields =
    "created_at,author_id,conversation_id,in_reply_to_user_id,referenced_tweets,entities,lang,note_tweet";
constexpr const char* kExpansions = "author_id,entities.mentions.username,in_reply_to_user_id";
constexpr const char* kUserFields = "username,name";

bool ValidUsername(const std::string& name) {
  if (name.empty() || name.size() > 15) return false;
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

std::string Newer(const std::string& a, const std::string& b) { return IdLess(a, b) ? b : a; }

class XApiSource final : public internal::LiveSourceBase {
 public:
  XApiSource(HttpClient* http, const CursorReader* cursors, XApiSourceOptions options)
      : LiveSourceBase("x", http, options.common, {{"Authorization", "Bearer " + options.bearer_token}}),
        cursors_(cursors),
        options_(std::move(options)) {
    set_credential_env_var(options_.credential_env_var);
    options_.api_base = internal::NormalizeBaseUrl(options_.api_base);
    for (const std::string& user : options_.users) {
      Account a;
      a.handle = internal::CleanHandle(user);
      accounts_.push_back(std::move(a));
    }
  }

  std::vector<std::pair<std::string, std::string>> Checkpoints() const override;

 protected:
  bool Step() override;

 private:
  enum class Phase { kLookup, kTweets, kMentions, kConversations, kDone };
  enum class WalkResult { kMore, kEnd, kLimit, kFailed };

  // One paginated GET: a timeline or a conversation search.
  struct Walk {
    std::string what;         // "tweets", "mentions", "conversation 1790..."
    std::string url;          // the first page's URL
    std::string token_param;  // "pagination_token" or "next_token"
    std::string token;        // the next page's token ("" for the first page)
    uint64_t pages = 0;
    int max_pages = 0;
    std::set<std::string> tokens;
    std::vector<std::string> last_ids;
    std::string newest;       // newest post id seen
  };
  struct Timeline {
    std::string key;         // "x:user:<id>:tweets"
    std::string old_cursor;  // from the state store
    std::string newest;      // newest id seen this run
    bool complete = false;   // walked to the end without error
  };
  struct Account {
    std::string handle;
    std::string id;
    Phase phase = Phase::kLookup;
    Timeline tweets, mentions;
    std::vector<std::string> conversations;  // to expand, in order seen
    size_t next_conversation = 0;
    bool conversations_done = false;
  };

  bool Lookup(Account& a);
  bool TimelineStep(Account& a, Timeline* t, const char* kind, Phase next);
  bool ConversationStep(Account& a);
  // Fetches the walk's next page. kFailed when the account or the source stopped.
  WalkResult PageStep(Account& a, Walk& w, bool collect_conversations);
  std::string Label(const Account& a) const { return "@" + a.handle; }
  std::vector<std::pair<std::string, std::string>> Fields() const {
    return {{"tweet.fields", kTweetFields}, {"expansions", kExpansions}, {"user.fields", kUserFields}};
  }

  const CursorReader* cursors_;
  XApiSourceOptions options_;
  std::vector<Account> accounts_;
  size_t current_ = 0;
  std::optional<Walk> walk_;
  std::set<std::string> expanded_;  // conversation ids expanded this run
};

bool XApiSource::Step() {
  if (options_.bearer_token.empty()) {
    StopSource(Status::InvalidArgument("no bearer token: set $" + options_.credential_env_var +
                                       " to the app's bearer token to read X (--x-users is set)"));
    return false;
  }
  while (current_ < accounts_.size() && accounts_[current_].phase == Phase::kDone) ++current_;
  if (current_ >= accounts_.size()) return false;
  Account& a = accounts_[current_];
  switch (a.phase) {
    case Phase::kLookup: return Lookup(a);
    case Phase::kTweets: return TimelineStep(a, &a.tweets, "tweets", options_.mentions ? Phase::kMentions : Phase::kConversations);
    case Phase::kMentions: return TimelineStep(a, &a.mentions, "mentions", Phase::kConversations);
    case Phase::kConversations: return ConversationStep(a);
    case Phase::kDone: break;
  }
  return true;
}

bool XApiSource::Lookup(Account& a) {
  a.phase = Phase::kDone;  // unless the lookup succeeds
  if (!ValidUsername(a.handle)) {
    AccountError(Status::InvalidArgument("'" + a.handle +
                                         "' is not an X username (1 to 15 letters, digits or _): fix --x-users"));
    return true;
  }
  const std::string url = options_.api_base + "/2/users/by/username/" + internal::PercentEncode(a.handle);
  HttpResponse r;
  if (!Get(url, Label(a) + ": user lookup", &r)) return false;
  if (r.status / 100 != 2) {
    Status (*make)(std::string) = r.status == 404 ? &Status::NotFound : &Status::InvalidArgument;
    AccountError(make(Label(a) + ": user lookup failed: " + Describe(url, r)));
    return true;
  }
  internal::XUser user = internal::InspectXUser(r.body);
  if (!user.json) {
    AccountError(Status::Corruption(Label(a) + ": user lookup: " + user.json_error + " (GET " + url + ")"));
    return true;
  }
  if (user.id.empty()) {
    std::string why;
    for (const std::string& e : user.errors) why += (why.empty() ? "" : "; ") + e;
    AccountError(Status::NotFound(Label(a) + ": no such X user" + (why.empty() ? "" : " (" + why + ")") +
                                  ": check --x-users"));
    return true;
  }
  a.id = user.id;
  a.tweets.key = "x:user:" + a.id + ":tweets";
  a.mentions.key = "x:user:" + a.id + ":mentions";
  if (cursors_) {
    a.tweets.old_cursor = cursors_->GetCursor(a.tweets.key);
    a.mentions.old_cursor = cursors_->GetCursor(a.mentions.key);
  }
  a.phase = Phase::kTweets;
  return true;
}

XApiSource::WalkResult XApiSource::PageStep(Account& a, Walk& w, bool collect_conversations) {
  const std::string url = w.token.empty() ? w.url : WithQuery(w.url, {{w.token_param, w.token}});
  const uint64_t page_no = w.pages + 1;
  const std::string what = Label(a) + ": " + w.what + " page " + std::to_string(page_no);
  HttpResponse r;
  if (!Get(url, what, &r)) return WalkResult::kFailed;
  w.pages = page_no;
  if (r.status / 100 != 2) {
    AccountError(Status::InvalidArgument(what + ": " + Describe(url, r)));
    return WalkResult::kFailed;
  }
  internal::XPage page = internal::InspectXPage(r.body);
  if (!page.json) {
    Emit(url, page_no, std::move(r.body), false);
    AccountError(Status::Corruption(what + ": " + page.json_error +
                                    "; the page goes to the dead-letter file and this timeline is fetched again "
                                    "next run"));
    return WalkResult::kFailed;
  }
  std::vector<std::string> ids;
  for (const internal::XTweetRef& t : page.tweets) ids.push_back(t.id);
  if (!ids.empty() && ids == w.last_ids) {
    AccountError(Status::Corruption(what + ": the API returned the same page twice; stopped this walk so it "
                                    "cannot loop (its cursor is not advanced)"));
    return WalkResult::kFailed;
  }
  if (!page.tweets.empty() || !page.errors.empty()) Emit(url, page_no, std::move(r.body), true);
  if (!page.errors.empty()) {
    std::string errors;
    for (const std::string& e : page.errors) errors += (errors.empty() ? "" : "; ") + e;
    Warn(what + ": partial errors from the API: " + errors);
  }
  if (collect_conversations) {
    for (const internal::XTweetRef& t : page.tweets) {
      if (t.is_retweet) continue;
      const std::string& conv = t.conversation_id.empty() ? t.id : t.conversation_id;
      if (conv.empty() || expanded_.count(conv)) continue;
      if (a.conversations.size() >= static_cast<size_t>(std::max(limits().max_threads, 0))) break;
      bool queued = false;
      for (const std::string& c : a.conversations) queued = queued || c == conv;
      if (!queued) a.conversations.push_back(conv);
    }
  }
  w.last_ids = std::move(ids);
  if (!page.newest_id.empty()) w.newest = Newer(w.newest, page.newest_id);
  if (page.next_token.empty()) return WalkResult::kEnd;
  if (page.next_token == w.token || !w.tokens.insert(page.next_token).second) {
    AccountError(Status::Corruption(what + ": the API returned next_token " + page.next_token +
                                    " again; stopped this walk so it cannot loop (its cursor is not advanced)"));
    return WalkResult::kFailed;
  }
  w.token = page.next_token;
  if (static_cast<int64_t>(w.pages) >= w.max_pages) return WalkResult::kLimit;
  return WalkResult::kMore;
}

bool XApiSource::TimelineStep(Account& a, Timeline* t, const char* kind, Phase next) {
  if (!walk_) {
    Walk w;
    w.what = kind;
    std::vector<std::pair<std::string, std::string>> params = {{"max_results", "100"}};
    if (!t->old_cursor.empty()) params.emplace_back("since_id", t->old_cursor);
    else params.emplace_back("start_time", options_.start_time);
    for (auto& f : Fields()) params.push_back(std::move(f));
    w.url = WithQuery(options_.api_base + "/2/users/" + internal::PercentEncode(a.id) + "/" + kind, params);
    w.token_param = "pagination_token";
    w.max_pages = std::max(limits().max_pages, 1);
    walk_ = std::move(w);
  }
  WalkResult result = PageStep(a, *walk_, t == &a.tweets);
  if (result == WalkResult::kMore) return true;
  Walk w = std::move(*walk_);
  walk_.reset();
  if (result == WalkResult::kFailed) {
    a.phase = Phase::kDone;
    return !stopped();
  }
  t->newest = w.newest;
  if (result == WalkResult::kEnd) {
    t->complete = true;
    Info(Label(a) + ": " + kind + ": " + std::to_string(w.pages) + " page(s), newest id " +
         (w.newest.empty() ? "(none new)" : w.newest));
  } else {
    Warn(Label(a) + ": " + kind + ": stopped at the limit of " + std::to_string(w.pages) +
         " pages before reaching " + (t->old_cursor.empty() ? "the oldest post" : "id " + t->old_cursor) +
         "; its cursor is not advanced, so the next run fetches this range again (raise the page limit if this "
         "happens every run)");
  }
  a.phase = next;
  return true;
}

bool XApiSource::ConversationStep(Account& a) {
  while (!walk_ && a.next_conversation < a.conversations.size() &&
         expanded_.count(a.conversations[a.next_conversation])) {
    ++a.next_conversation;
  }
  if (!walk_ && a.next_conversation >= a.conversations.size()) {
    a.conversations_done = true;
    a.phase = Phase::kDone;
    return true;
  }
  const std::string& conv = a.conversations[a.next_conversation];
  if (!walk_) {
    Walk w;
    w.what = "conversation " + conv;
    std::vector<std::pair<std::string, std::string>> params = {{"query", "conversation_id:" + conv},
                                                               {"max_results", "100"}};
    for (auto& f : Fields()) params.push_back(std::move(f));
    w.url = WithQuery(options_.api_base + "/2/tweets/search/recent", params);
    w.token_param = "next_token";
    w.max_pages = std::max(limits().max_thread_pages, 1);
    walk_ = std::move(w);
  }
  WalkResult result = PageStep(a, *walk_, false);
  if (result == WalkResult::kMore) return true;
  uint64_t pages = walk_->pages;
  walk_.reset();
  if (result == WalkResult::kFailed) {
    a.phase = Phase::kDone;
    return !stopped();
  }
  if (result == WalkResult::kLimit) {
    Info(Label(a) + ": conversation " + conv + ": stopped at the limit of " + std::to_string(pages) +
         " pages; later replies are not fetched");
  }
  expanded_.insert(conv);
  ++a.next_conversation;
  return true;
}

std::vector<std::pair<std::string, std::string>> XApiSource::Checkpoints() const {
  std::vector<std::pair<std::string, std::string>> out;
  for (const Account& a : accounts_) {
    if (a.id.empty()) continue;
    auto add = [&out](const Timeline& t, bool commit) {
      std::string value = commit && !t.newest.empty() ? Newer(t.old_cursor, t.newest) : t.old_cursor;
      if (!value.empty()) out.emplace_back(t.key, value);
    };
    add(a.tweets, a.tweets.complete && a.conversations_done);
    if (options_.mentions) add(a.mentions, a.mentions.complete);
  }
  return out;
}

}  // namespace

std::unique_ptr<Source> NewXApiSource(HttpClient* http, const CursorReader* cursors, XApiSourceOptions options) {
  return std::make_unique<XApiSource>(http, cursors, std::move(options));
}

}  // namespace rapport::connectors
