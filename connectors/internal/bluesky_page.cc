#include "connectors/internal/bluesky_page.h"

#include "connectors/internal/json_dom.h"

namespace rapport::connectors::internal {

namespace dom = simdjson::dom;

namespace {

dom::parser& Parser() {
  thread_local dom::parser parser;
  return parser;
}

bool Digits(std::string_view s, size_t pos, size_t n, int64_t* out) {
  if (pos + n > s.size()) return false;
  int64_t v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

int64_t DaysFromCivil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

// A post view: {"uri", "author": {"did","handle"}, "record": {"createdAt"}, "replyCount", "indexedAt"}.
BlueskyItem Item(dom::element post) {
  BlueskyItem item;
  item.uri = StringField(post, "uri");
  dom::element author;
  if (!post["author"].get(author)) {
    item.author_did = StringField(author, "did");
    item.author_handle = StringField(author, "handle");
  }
  item.reply_count = IntField(post, "replyCount", 0);
  std::string indexed = StringField(post, "indexedAt");
  std::string created;
  dom::element record;
  if (!post["record"].get(record)) created = StringField(record, "createdAt");
  int64_t indexed_ms = ParseIsoMillis(indexed), created_ms = ParseIsoMillis(created);
  if (created_ms >= 0 && (indexed_ms < 0 || created_ms < indexed_ms)) {
    item.sort_ms = created_ms;
    item.sort_time = created;
  } else {
    item.sort_ms = indexed_ms;
    item.sort_time = indexed;
  }
  return item;
}

bool IsPostView(dom::element v) {
  std::string_view uri;
  dom::element record;
  return v.is_object() && !v["uri"].get_string().get(uri) && !v["record"].get(record);
}

// Every post view of a thread view (post, parent chain, replies), depth first.
void ThreadItems(dom::element thread, std::vector<BlueskyItem>* out, int depth) {
  if (depth > 1000 || !thread.is_object()) return;
  dom::element post;
  if (!thread["post"].get(post) && IsPostView(post)) out->push_back(Item(post));
  dom::element parent;
  if (!thread["parent"].get(parent)) ThreadItems(parent, out, depth + 1);
  dom::array replies;
  if (!thread["replies"].get_array().get(replies)) {
    for (dom::element r : replies) ThreadItems(r, out, depth + 1);
  }
}

bool Root(std::string_view body, BlueskyPage* page, dom::element* root) {
  if (!ParseDom(Parser(), body, root, &page->json_error)) return false;
  if (!root->is_object()) {
    page->json_error = "not an XRPC response: the top level is not an object";
    return false;
  }
  page->json = true;
  std::string error = StringField(*root, "error");
  if (!error.empty()) {
    std::string message = StringField(*root, "message");
    page->error = message.empty() ? error : error + ": " + message;
  }
  return true;
}

}  // namespace

int64_t ParseIsoMillis(std::string_view s) {
  int64_t y, mo, d, h, mi, se;
  if (s.size() < 19 || !Digits(s, 0, 4, &y) || s[4] != '-' || !Digits(s, 5, 2, &mo) || s[7] != '-' ||
      !Digits(s, 8, 2, &d) || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || !Digits(s, 11, 2, &h) ||
      s[13] != ':' || !Digits(s, 14, 2, &mi) || s[16] != ':' || !Digits(s, 17, 2, &se))
    return -1;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60) return -1;
  size_t p = 19;
  int64_t ms = 0;
  if (p < s.size() && s[p] == '.') {
    ++p;
    int64_t scale = 100;
    while (p < s.size() && s[p] >= '0' && s[p] <= '9') {
      ms += (s[p] - '0') * scale;
      scale /= 10;
      ++p;
    }
  }
  int64_t offset = 0;
  if (p < s.size()) {
    if ((s[p] == 'Z' || s[p] == 'z') && p + 1 == s.size()) {
    } else if ((s[p] == '+' || s[p] == '-') && s.size() == p + 6 && s[p + 3] == ':') {
      int64_t oh, om;
      if (!Digits(s, p + 1, 2, &oh) || !Digits(s, p + 4, 2, &om)) return -1;
      offset = (oh * 3600 + om * 60) * (s[p] == '+' ? 1 : -1);
    } else {
      return -1;
    }
  }
  return (DaysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se - offset) * 1000 + ms;
}

BlueskyPage InspectBlueskyFeed(std::string_view body) {
  BlueskyPage page;
  dom::element root;
  if (!Root(body, &page, &root)) return page;
  std::string_view cursor;
  if (!root["cursor"].get_string().get(cursor)) {
    page.has_cursor = !cursor.empty();
    page.cursor = std::string(cursor);
  }
  dom::array feed;
  if (root["feed"].get_array().get(feed)) {
    // Not a feed ({} or another shape): an error, so the walk stops with its
    // cursor kept instead of taking it for an empty last page.
    if (page.error.empty()) page.error = "not a getAuthorFeed response: no feed array";
    return page;
  }
  for (dom::element entry : feed) {
    dom::element post;
    if (entry["post"].get(post) || !post.is_object()) continue;
    BlueskyItem item = Item(post);
    dom::element reason;
    if (!entry["reason"].get(reason)) {
      std::string type = StringField(reason, "$type");
      if (type.size() >= 13 && type.compare(type.size() - 13, 13, "#reasonRepost") == 0) {
        item.is_repost = true;
        std::string at = StringField(reason, "indexedAt");
        int64_t at_ms = ParseIsoMillis(at);
        if (at_ms >= 0) {
          item.sort_ms = at_ms;
          item.sort_time = at;
        }
      }
    }
    page.items.push_back(std::move(item));
  }
  return page;
}

BlueskyPage InspectBlueskyThread(std::string_view body) {
  BlueskyPage page;
  dom::element root;
  if (!Root(body, &page, &root)) return page;
  dom::element thread;
  if (!root["thread"].get(thread)) ThreadItems(thread, &page.items, 0);
  else if (page.error.empty()) page.error = "not a getPostThread response: no thread";
  return page;
}

}  // namespace rapport::connectors::internal
