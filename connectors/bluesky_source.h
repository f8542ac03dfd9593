// BlueskySource: posts of tracked Bluesky accounts from the public AppView.
//
// For each actor (handle or DID), in order:
//   1. GET /xrpc/app.bsky.feed.getAuthorFeed?actor=<actor>&limit=100,
//      newest first, passing `cursor` back until it is absent, or until a
//      page reaches posts older than the stored cursor, or limits.max_pages;
//   2. for the actor's own posts (not reposts) with replyCount > 0 seen in
//      step 1 (at most limits.max_threads), GET
//      /xrpc/app.bsky.feed.getPostThread?uri=<at-uri>&depth=<thread_depth>.
// No authentication: public data only. Each non-empty page is yielded as one
// RawDoc {kind kJson, platform "bluesky", origin {request URL, page number}}.
//
// Checkpoint "bluesky:actor:<actor>" (the actor as configured): the newest
// feed sort time seen (ISO 8601, e.g. "2025-05-05T01:30:18.253Z"). It
// advances only when the feed walk reached the old cursor (or the end of the
// feed) without error and the threads were expanded; otherwise the old value
// is reported and the next run fetches the same range again.
//
// Failures: see internal/live_source_base.h. A thread whose post was deleted
// in the meantime (NotFound) is skipped.
// Not thread-safe.
#ifndef RAPPORT_CONNECTORS_BLUESKY_SOURCE_H_
#define RAPPORT_CONNECTORS_BLUESKY_SOURCE_H_

#include <memory>
#include <string>
#include <vector>

#include "connectors/http_client.h"
#include "connectors/live_options.h"
#include "connectors/source.h"

namespace rapport::connectors {

struct BlueskySourceOptions {
  // Default: "https://public.api.bsky.app" (the public AppView).
  std::string api_base = "https://public.api.bsky.app";
  // Handles ("alice.bsky.social", '@' optional) or DIDs ("did:plc:...").
  std::vector<std::string> actors;
  LiveCommonOptions common;
};

// REQUIRES: http != nullptr. http and cursors (nullptr: no cursors) must
// outlive the source.
std::unique_ptr<Source> NewBlueskySource(HttpClient* http, const CursorReader* cursors, BlueskySourceOptions options);

}  // namespace rapport::connectors

#endif  // RAPPORT_CONNECTORS_BLUESKY_SOURCE_H_
