// XApiSource: posts of tracked X users from the X API v2.
//
// For each username, in order:
//   1. GET /2/users/by/username/:username -> the user id (not yielded);
//   2. GET /2/users/:id/tweets, then /2/users/:id/mentions, newest first,
//      max_results=100, since_id=<cursor> (or start_time on a first run),
//      following meta.next_token with pagination_token;
//   3. for each conversation id of the user's own posts seen in step 2 (not
//      retweets; at most limits.max_threads per user; each once per run),
//      GET /2/tweets/search/recent?query=conversation_id:<id>, following
//      next_token (at most limits.max_thread_pages pages). Recent search
//      covers the last 7 days.
// Every request asks for the fields the parser reads (tweet.fields=
// created_at,author_id,conversation_id,in_reply_to_user_id,referenced_tweets,
// entities,lang,note_tweet; expansions=author_id,entities.mentions.username,
// in_reply_to_user_id; user.fields=username,name) and sends
// "Authorization: Bearer <token>".
//
// Each page with data or errors[] is yielded as one RawDoc {kind kJson,
// platform "x", origin {request URL, page number within its walk}}. A 200
// body that is not JSON is yielded too (the parser dead-letters it) and stops
// that user. Empty pages are not yielded.
//
// Checkpoints: "x:user:<id>:tweets" and "x:user:<id>:mentions" hold the
// newest post id seen. A timeline's cursor advances only when its walk
// reached the end (no next_token) without error, and for tweets only when
// its conversations were expanded too; otherwise the old cursor is reported
// and the next run fetches the same range again (the pipeline drops the
// duplicates by (platform, id)). Hitting limits.max_pages also keeps the old
// cursor (nothing is skipped; raise the limit if it happens every run).
//
// Failures: see internal/live_source_base.h. 401/403 stop the source with a
// message naming credential_env_var, never the token.
// Not thread-safe.
#ifndef RAPPORT_CONNECTORS_X_API_SOURCE_H_
#define RAPPORT_CONNECTORS_X_API_SOURCE_H_

#include <memory>
#include <string>
#include <vector>

#include "connectors/http_client.h"
#include "connectors/live_options.h"
#include "connectors/source.h"

namespace rapport::connectors {

struct XApiSourceOptions {
  // Default: "https://api.x.com". Scheme and host (and port), no trailing path.
  std::string api_base = "https://api.x.com";
  // Usernames to track, with or without '@'.
  std::vector<std::string> users;
  // The app's bearer token. Empty: the source fails at once with a message
  // naming credential_env_var.
  std::string bearer_token;
  // Default: "RAPPORT_X_BEARER_TOKEN". Where the token comes from, for messages.
  std::string credential_env_var = "RAPPORT_X_BEARER_TOKEN";
  // Default: "" (none). ISO 8601 time, e.g. "2026-01-01T00:00:00Z": a
  // timeline without a cursor starts there instead of at its oldest post.
  std::string start_time;
  // Default: true. Also fetch each user's mentions.
  bool mentions = true;
  LiveCommonOptions common;
};

// REQUIRES: http != nullptr. http and cursors (nullptr: no cursors, a first
// run) must outlive the source.
std::unique_ptr<Source> NewXApiSource(HttpClient* http, const CursorReader* cursors, XApiSourceOptions options);

}  // namespace rapport::connectors

#endif  // RAPPORT_CONNECTORS_X_API_SOURCE_H_
