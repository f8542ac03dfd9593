#include "connectors/internal/x_page.h"

#include "connectors/internal/json_dom.h"

namespace rapport::connectors::internal {

namespace dom = simdjson::dom;

namespace {

dom::parser& Parser() {
  thread_local dom::parser parser;
  return parser;
}

std::vector<std::string> Errors(dom::element root) {
  std::vector<std::string> out;
  dom::array errors;
  if (root["errors"].get_array().get(errors)) return out;
  for (dom::element e : errors) {
    std::string title = StringField(e, "title");
    if (title.empty()) title = StringField(e, "message");
    std::string detail = StringField(e, "detail");
    std::string text = title;
    if (!detail.empty()) text += (text.empty() ? "" : ": ") + detail;
    out.push_back(text.empty() ? "unspecified API error" : text);
  }
  return out;
}

XTweetRef Tweet(dom::element t) {
  XTweetRef ref;
  ref.id = IdField(t, "id");
  ref.author_id = IdField(t, "author_id");
  ref.conversation_id = IdField(t, "conversation_id");
  dom::array refs;
  if (!t["referenced_tweets"].get_array().get(refs)) {
    for (dom::element r : refs) {
      if (StringField(r, "type") == "retweeted") ref.is_retweet = true;
    }
  }
  return ref;
}

}  // namespace

XPage InspectXPage(std::string_view body) {
  XPage page;
  dom::element root;
  if (!ParseDom(Parser(), body, &root, &page.json_error)) return page;
  if (!root.is_object()) {
    page.json_error = "not an X API page: the top level is not an object";
    return page;
  }
  page.json = true;
  dom::element data;
  if (!root["data"].get(data)) {
    dom::array tweets;
    if (!data.get_array().get(tweets)) {
      for (dom::element t : tweets) page.tweets.push_back(Tweet(t));
    } else if (data.is_object()) {
      page.tweets.push_back(Tweet(data));
    }
  }
  dom::element meta;
  if (!root["meta"].get(meta)) {
    page.next_token = StringField(meta, "next_token");
    page.newest_id = IdField(meta, "newest_id");
  }
  for (const XTweetRef& t : page.tweets) {
    if (!t.id.empty() && IdLess(page.newest_id, t.id)) page.newest_id = t.id;
  }
  page.errors = Errors(root);
  return page;
}

XUser InspectXUser(std::string_view body) {
  XUser user;
  dom::element root;
  if (!ParseDom(Parser(), body, &root, &user.json_error)) return user;
  if (!root.is_object()) {
    user.json_error = "not an X API response: the top level is not an object";
    return user;
  }
  user.json = true;
  dom::element data;
  if (!root["data"].get(data) && data.is_object()) {
    user.id = IdField(data, "id");
    user.username = StringField(data, "username");
  }
  user.errors = Errors(root);
  return user;
}

}  // namespace rapport::connectors::internal
