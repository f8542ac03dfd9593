// Parsers for the Bluesky (AT Protocol AppView) and Mastodon REST response
// shapes, called by PostParser when a document is one of them.
// Not thread-safe: they use the caller's per-thread simdjson parser.
#ifndef RAPPORT_PIPELINE_INTERNAL_PLATFORM_PARSERS_H_
#define RAPPORT_PIPELINE_INTERNAL_PLATFORM_PARSERS_H_

#include <string_view>

#include <simdjson.h>

#include "connectors/raw_doc.h"
#include "pipeline/post_parser.h"

namespace rapport::pipeline::internal {

// Cheap checks on the first bytes/keys of a document (no full parse).
// Bluesky: an object with "feed" (getAuthorFeed, getTimeline), "thread"
// (getPostThread), or "posts" (searchPosts, getPosts) holding post views
// ("uri": "at://..."). Mastodon: a top-level array of statuses (objects with
// "account" and "content"), a single status, or a context
// {"ancestors": [...], "descendants": [...]}.
bool LooksLikeBluesky(std::string_view json);
bool LooksLikeMastodon(std::string_view json);

// Parse `json` (padded; it may already have had invalid UTF-8 bytes replaced)
// into out->posts, out->rejected (a bad record alone, with its bytes; a
// structurally bad document whole) and out->api_errors (an {"error","message"}
// body). Posts get platform "bluesky"/"mastodon", ids and author ids as the
// platform gives them (at:// URI and DID; status id and account id), author
// username (Bluesky handle; Mastodon acct made "user@instance" with the
// instance host from the account URL for local accounts), name, created_at
// (UTC), text (Mastodon HTML content converted to plain text: <br> and </p>
// to newlines, tags dropped, entities decoded), lang, conversation id (thread
// root), reply-to post and user, mentions, hashtags, urls, url (web address),
// is_repost (Bluesky reason repost / Mastodon reblog). Origins as
// doc.origin.ToString() plus "#<index>" for records inside a page.
void ParseBluesky(simdjson::ondemand::parser& parser, const connectors::RawDoc& doc,
                  simdjson::padded_string_view json, ParsedDoc* out);
void ParseMastodon(simdjson::ondemand::parser& parser, const connectors::RawDoc& doc,
                   simdjson::padded_string_view json, ParsedDoc* out);

}  // namespace rapport::pipeline::internal

#endif  // RAPPORT_PIPELINE_INTERNAL_PLATFORM_PARSERS_H_
