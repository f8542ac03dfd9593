// Post: one post or reply, owned, as it leaves the parse stage.
//
// Example (from an X API v2 page):
//   {platform: "x", id: "2051045260563909690", author_id: "1500879016",
//    author_username: "cara_novak162", author_name: "Cara Novak",
//    created_at: 1777842271 (2026-05-03T21:04:31Z), text: "@quin_patel936 Yeah she's ...",
//    lang: "en", conversation_id: "2051036390724311783",
//    reply_to_post_id: "2051044367758205149", reply_to_user_id: "1500871097",
//    mentions: [{id: "1500871097", username: "quin_patel936"}], hashtags: [], urls: []}
// Plain value type; not synchronized.
#ifndef RAPPORT_PIPELINE_POST_H_
#define RAPPORT_PIPELINE_POST_H_

#include <cstdint>
#include <string>
#include <vector>

namespace rapport::pipeline {

struct UserRef {
  std::string id;        // may be empty when only the handle is known
  std::string username;  // without '@'
};

struct Post {
  std::string platform = "x";         // "x", "bluesky", "mastodon"
  std::string id;
  std::string author_id;
  std::string author_username;
  std::string author_name;
  int64_t created_at = 0;  // Unix seconds, UTC
  std::string text;
  std::string lang;        // BCP 47 as the platform reports it; empty if unknown
  std::string conversation_id;
  std::string reply_to_post_id;
  std::string reply_to_user_id;
  std::vector<UserRef> mentions;
  std::vector<std::string> hashtags;  // without '#', as written
  std::vector<std::string> urls;      // expanded where the platform gives it
  std::string url;                    // the post's web address when the platform gives it
  bool is_repost = false;             // a retweet/boost: not the author's own words
  std::string origin;                 // "file:line" it was read from
};

// The public web address of a post, or "" when the platform has no known form.
std::string PostUrl(const Post& post);

}  // namespace rapport::pipeline

#endif  // RAPPORT_PIPELINE_POST_H_
