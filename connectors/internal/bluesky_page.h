// What the Bluesky source reads from an AppView response to drive
// pagination: the feed items' uris, authors, reply counts and sort times,
// the cursor, and an {"error","message"} body. Pure functions; thread-safe
// (each thread uses its own simdjson parser).
#ifndef RAPPORT_CONNECTORS_INTERNAL_BLUESKY_PAGE_H_
#define RAPPORT_CONNECTORS_INTERNAL_BLUESKY_PAGE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rapport::connectors::internal {

struct BlueskyItem {
  std::string uri;            // post.uri, "at://did:plc:.../app.bsky.feed.post/<rkey>"
  std::string author_did;     // post.author.did
  std::string author_handle;  // post.author.handle
  int64_t reply_count = 0;    // post.replyCount
  bool is_repost = false;     // reason is app.bsky.feed.defs#reasonRepost
  // The time the feed is sorted by: reason.indexedAt for a repost, else the
  // earlier of post.indexedAt and record.createdAt (as the AppView does).
  int64_t sort_ms = -1;       // Unix ms, -1 if unreadable
  std::string sort_time;      // the same time as written in the response
};

struct BlueskyPage {
  bool json = false;       // the body is a JSON object
  std::string json_error;  // when !json: why
  std::vector<BlueskyItem> items;  // feed[] (getAuthorFeed), or the thread's posts
  bool has_cursor = false;
  std::string cursor;
  std::string error;  // "error: message" of an XRPC error body, or why the object is not the
                      // expected response (no feed / no thread); else ""
};

// A getAuthorFeed response ({"feed": [...], "cursor": "..."}).
BlueskyPage InspectBlueskyFeed(std::string_view body);
// A getPostThread response ({"thread": {...}}): items are every post view in
// the thread (the post, its parents and its replies).
BlueskyPage InspectBlueskyThread(std::string_view body);

// "2025-05-05T01:30:17.912Z" (ISO 8601; fraction optional; Z or +hh:mm) to
// Unix ms; -1 if unreadable.
int64_t ParseIsoMillis(std::string_view text);

}  // namespace rapport::connectors::internal

#endif  // RAPPORT_CONNECTORS_INTERNAL_BLUESKY_PAGE_H_
