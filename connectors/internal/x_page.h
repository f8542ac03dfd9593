// What the X API v2 source reads from a page to drive pagination: the
// tweets' ids and conversation ids, meta.next_token / newest_id, errors[].
// The pipeline parses the posts themselves. Pure functions; thread-safe
// (each thread uses its own simdjson parser).
#ifndef RAPPORT_CONNECTORS_INTERNAL_X_PAGE_H_
#define RAPPORT_CONNECTORS_INTERNAL_X_PAGE_H_

#include <string>
#include <string_view>
#include <vector>

namespace rapport::connectors::internal {

struct XTweetRef {
  std::string id;
  std::string author_id;
  std::string conversation_id;
  bool is_retweet = false;  // referenced_tweets has type "retweeted"
};

struct XPage {
  bool json = false;       // the body is a JSON object
  std::string json_error;  // when !json: why ("not JSON: the body starts with '<'")
  std::vector<XTweetRef> tweets;    // data[] (or a single data object)
  std::string next_token;           // meta.next_token, "" on the last page
  std::string newest_id;            // meta.newest_id, else the largest data id
  std::vector<std::string> errors;  // errors[] as "title: detail"
};

// REQUIRES: nothing; any bytes are accepted.
XPage InspectXPage(std::string_view body);

struct XUser {
  bool json = false;
  std::string json_error;
  std::string id;        // data.id, "" if the lookup found nobody
  std::string username;  // data.username
  std::vector<std::string> errors;
};

// A GET /2/users/by/username/:username response.
XUser InspectXUser(std::string_view body);

}  // namespace rapport::connectors::internal

#endif  // RAPPORT_CONNECTORS_INTERNAL_X_PAGE_H_
