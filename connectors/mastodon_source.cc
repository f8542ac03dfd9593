#include "connectors/mastodon_source.h"

#include <algorithm>
#include <deque>
#include <set>
#include <utility>

#include "connectors/internal/json_dom.h"
#include "connectors/internal/link_header.h"
#include "connectors/internal/live_source_base.h"
#include "connectors/internal/mastodon_page.h"
#include "connectors/internal/url.h"

namespace rapport::connectors {

namespace {

using internal::IdLess;
using internal::WithQuery;

class MastodonSource final : public internal::LiveSourceBase {
 public:
  MastodonSource(HttpClient* http, const CursorReader* cursors, MastodonSourceOptions options)
      : LiveSourceBase("mastodon", http, options.common, {}), cursors_(cursors), options_(std::move(options)) {
    std::string instance = options_.instance.empty() ? "" : internal::NormalizeBaseUrl(options_.instance);
    for (const std::string& acct : options_.accounts) {
      Account a;
      a.acct = internal::CleanHandle(acct);
      size_t at = a.acct.find('@');
      a.base = !instance.empty() ? instance
               : at != std::string::npos ? internal::NormalizeBaseUrl(a.acct.substr(at + 1))
                                         : "";
      accounts_.push_back(std::move(a));
    }
  }

  std::vector<std::pair<std::string, std::string>> Checkpoints() const override;

 protected:
  bool Step() override;

 private:
  enum class Phase { kLookup, kStatuses, kDone };
  struct Account {
    std::string acct;
    std::string base;  // instance URL
    std::string id;
    std::string key;
    Phase phase = Phase::kLookup;
    std::string old_cursor;
    std::string committed;  // cursor after the last fully delivered page
    std::string min_id;     // the next page's min_id
    std::string pending;    // cursor after the current page, once its contexts are fetched
    std::deque<std::string> contexts;  // status ids of the current page to expand
    std::vector<std::string> last_ids;
    uint64_t pages = 0;
    int threads = 0;
  };

  bool Lookup(Account& a);
  bool StatusesStep(Account& a);
  bool ContextStep(Account& a);
  // Records a non-2xx answer for `what` and stops the account.
  void HttpError(Account& a, const std::string& what, const std::string& url, const HttpResponse& r);

  const CursorReader* cursors_;
  MastodonSourceOptions options_;
  std::vector<Account> accounts_;
  size_t current_ = 0;
  std::set<std::string> expanded_;  // status ids whose context was fetched this run
};

bool MastodonSource::Step() {
  while (current_ < accounts_.size() && accounts_[current_].phase == Phase::kDone) ++current_;
  if (current_ >= accounts_.size()) return false;
  Account& a = accounts_[current_];
  switch (a.phase) {
    case Phase::kLookup: return Lookup(a);
    case Phase::kStatuses: return a.contexts.empty() ? StatusesStep(a) : ContextStep(a);
    case Phase::kDone: break;
  }
  return true;
}

void MastodonSource::HttpError(Account& a, const std::string& what, const std::string& url, const HttpResponse& r) {
  std::string message = a.acct + ": " + what + ": " + Describe(url, r);
  if (r.status == 404) {
    AccountError(Status::NotFound(message + (what == "account lookup" ? " (check mastodon_accounts)" : "")));
  } else {
    AccountError(Status::InvalidArgument(message));
  }
  a.phase = Phase::kDone;
}

bool MastodonSource::Lookup(Account& a) {
  if (a.acct.empty() || a.base.empty()) {
    AccountError(Status::InvalidArgument(
        "'" + a.acct + "' has no instance: write it as user@host in mastodon_accounts, or set mastodon_instance"));
    a.phase = Phase::kDone;
    return true;
  }
  const std::string url = WithQuery(a.base + "/api/v1/accounts/lookup", {{"acct", a.acct}});
  HttpResponse r;
  if (!Get(url, a.acct + ": account lookup", &r)) return false;
  if (r.status / 100 != 2) {
    HttpError(a, "account lookup", url, r);
    return true;
  }
  internal::MastodonPage page = internal::InspectMastodonAccount(r.body);
  if (!page.json || page.account_id.empty()) {
    AccountError(Status::Corruption(a.acct + ": account lookup: " +
                                    (page.json ? std::string("no account id in the answer") : page.json_error) +
                                    " (GET " + url + ")"));
    a.phase = Phase::kDone;
    return true;
  }
  a.id = page.account_id;
  a.key = "mastodon:account:" + a.id;
  if (cursors_) a.old_cursor = cursors_->GetCursor(a.key);
  a.committed = a.old_cursor;
  a.min_id = a.old_cursor.empty() ? "0" : a.old_cursor;
  a.phase = Phase::kStatuses;
  return true;
}

bool MastodonSource::StatusesStep(Account& a) {
  if (!a.pending.empty()) {  // the previous page and its contexts are out
    a.committed = a.pending;
    a.pending.clear();
  }
  if (static_cast<int64_t>(a.pages) >= std::max(limits().max_pages, 1)) {
    Info(a.acct + ": statuses: stopped at the limit of " + std::to_string(a.pages) +
         " pages; the next run continues after id " + a.committed);
    a.phase = Phase::kDone;
    return true;
  }
  const std::string url = WithQuery(a.base + "/api/v1/accounts/" + internal::PercentEncode(a.id) + "/statuses",
                                    {{"limit", "40"}, {"min_id", a.min_id}});
  const uint64_t page_no = a.pages + 1;
  const std::string what = a.acct + ": statuses page " + std::to_string(page_no);
  HttpResponse r;
  if (!Get(url, what, &r)) return false;
  a.pages = page_no;
  if (r.status / 100 != 2) {
    HttpError(a, "statuses page " + std::to_string(page_no), url, r);
    return true;
  }
  internal::MastodonPage page = internal::InspectMastodonStatuses(r.body);
  if (!page.json) {
    if (page.error.empty()) Emit(url, page_no, std::move(r.body), false);
    AccountError(Status::Corruption(what + ": " + (page.error.empty() ? page.json_error : "error: " + page.error) +
                                    "; the account is read again from id " + a.committed + " next run"));
    a.phase = Phase::kDone;
    return true;
  }
  if (page.statuses.empty()) {
    Info(a.acct + ": statuses: up to date after " + std::to_string(a.pages) + " page(s), cursor " + a.committed);
    a.phase = Phase::kDone;
    return true;
  }
  std::vector<std::string> ids;
  std::string newest;
  for (const internal::MastodonStatusRef& s : page.statuses) {
    ids.push_back(s.id);
    if (IdLess(newest, s.id)) newest = s.id;
  }
  if (ids == a.last_ids) {
    AccountError(Status::Corruption(what + ": the instance returned the same page twice; stopped this account so "
                                    "it cannot loop (cursor kept at " + a.committed + ")"));
    a.phase = Phase::kDone;
    return true;
  }
  Emit(url, page_no, std::move(r.body), true);
  std::string next;
  std::string prev = internal::FindLink(r.Header("link"), "prev");
  if (prev.empty() || !internal::QueryParam(prev, "min_id", &next) || next.empty()) next = newest;
  if (!IdLess(a.min_id, next)) {
    AccountError(Status::Corruption(what + ": the next page would start at min_id " + next +
                                    ", not after " + a.min_id + "; stopped this account so it cannot loop"));
    a.phase = Phase::kDone;
    return true;
  }
  a.last_ids = std::move(ids);
  a.min_id = next;
  a.pending = next;
  const int max_threads = std::max(limits().max_threads, 0);
  for (const internal::MastodonStatusRef& s : page.statuses) {
    if (s.is_reblog || s.replies_count <= 0 || s.id.empty() || expanded_.count(s.id)) continue;
    if (a.threads >= max_threads) break;
    ++a.threads;
    a.contexts.push_back(s.id);
  }
  return true;
}

bool MastodonSource::ContextStep(Account& a) {
  const std::string id = a.contexts.front();
  const std::string url = a.base + "/api/v1/statuses/" + internal::PercentEncode(id) + "/context";
  const std::string what = a.acct + ": context of " + id;
  HttpResponse r;
  if (!Get(url, what, &r)) return false;
  if (r.status == 404) {
    Info(what + ": the status is gone (HTTP 404); skipped");
  } else if (r.status / 100 != 2) {
    HttpError(a, "context of " + id, url, r);
    return true;
  } else {
    internal::MastodonPage page = internal::InspectMastodonContext(r.body);
    if (!page.json) {
      if (page.error.empty()) Emit(url, 1, std::move(r.body), false);
      AccountError(Status::Corruption(what + ": " + (page.error.empty() ? page.json_error : "error: " + page.error) +
                                      "; the account is read again from id " + a.committed + " next run"));
      a.phase = Phase::kDone;
      return true;
    }
    if (!page.statuses.empty()) Emit(url, 1, std::move(r.body), true);
  }
  expanded_.insert(id);
  a.contexts.pop_front();
  return true;
}

std::vector<std::pair<std::string, std::string>> MastodonSource::Checkpoints() const {
  std::vector<std::pair<std::string, std::string>> out;
  for (const Account& a : accounts_) {
    if (a.key.empty()) continue;
    // A page whose contexts were all fetched counts even if the account stopped right after.
    std::string value = a.contexts.empty() && !a.pending.empty() ? a.pending : a.committed;
    if (!value.empty()) out.emplace_back(a.key, value);
  }
  return out;
}

}  // namespace

std::unique_ptr<Source> NewMastodonSource(HttpClient* http, const CursorReader* cursors, MastodonSourceOptions options) {
  return std::make_unique<MastodonSource>(http, cursors, std::move(options));
}

}  // namespace rapport::connectors
