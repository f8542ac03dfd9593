// MastodonSource: statuses of tracked Mastodon accounts, public REST API.
//
// For each account ("alice" on mastodon_instance, or "alice@host"):
//   1. GET /api/v1/accounts/lookup?acct=<acct> -> the account id (not yielded);
//   2. GET /api/v1/accounts/:id/statuses?limit=40&min_id=<cursor>: with
//      min_id the instance returns the statuses just newer than the cursor,
//      so the walk goes forward in time; it follows the Link header's
//      rel="prev" (its min_id) until a page is empty, or limits.max_pages.
//      A first run starts at min_id=0, the account's oldest status;
//   3. after each page, GET /api/v1/statuses/:id/context for its statuses
//      that have replies (replies_count > 0, not boosts; at most
//      limits.max_threads per account per run).
// The instance is options.instance when set, else the account's own host.
// No authentication. Each non-empty page is yielded as one RawDoc {kind
// kJson, platform "mastodon", origin {request URL, page number}}.
//
// Checkpoint "mastodon:account:<id>": the min_id to continue from. Pages
// come oldest first, so it advances page by page, once a page and its
// contexts were yielded: a run stopped by a failure or by the page limit
// keeps what it delivered, and the next run goes on from there.
//
// Failures: see internal/live_source_base.h. A context whose status was
// deleted in the meantime (404) is skipped.
// Not thread-safe.
#ifndef RAPPORT_CONNECTORS_MASTODON_SOURCE_H_
#define RAPPORT_CONNECTORS_MASTODON_SOURCE_H_

#include <memory>
#include <string>
#include <vector>

#include "connectors/http_client.h"
#include "connectors/live_options.h"
#include "connectors/source.h"

namespace rapport::connectors {

struct MastodonSourceOptions {
  // Default: "" (each account's own host). "mastodon.social" or a URL
  // ("https://mastodon.social"); all lookups and timelines go through it.
  std::string instance;
  // "alice" (on `instance`), "alice@host" or "@alice@host".
  std::vector<std::string> accounts;
  LiveCommonOptions common;
};

// REQUIRES: http != nullptr. http and cursors (nullptr: no cursors) must
// outlive the source.
std::unique_ptr<Source> NewMastodonSource(HttpClient* http, const CursorReader* cursors, MastodonSourceOptions options);

}  // namespace rapport::connectors

#endif  // RAPPORT_CONNECTORS_MASTODON_SOURCE_H_
