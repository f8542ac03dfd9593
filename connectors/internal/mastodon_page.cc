#include "connectors/internal/mastodon_page.h"

#include "connectors/internal/json_dom.h"

namespace rapport::connectors::internal {

namespace dom = simdjson::dom;

namespace {

dom::parser& Parser() {
  thread_local dom::parser parser;
  return parser;
}

void Statuses(dom::array array, std::vector<MastodonStatusRef>* out) {
  for (dom::element s : array) {
    MastodonStatusRef ref;
    ref.id = IdField(s, "id");
    ref.replies_count = IntField(s, "replies_count", 0);
    dom::element reblog;
    ref.is_reblog = !s["reblog"].get(reblog) && reblog.is_object();
    out->push_back(std::move(ref));
  }
}

// Parses `body`; an object with "error" fills page->error. Returns false if
// the body is not JSON.
bool Root(std::string_view body, MastodonPage* page, dom::element* root) {
  if (!ParseDom(Parser(), body, root, &page->json_error)) return false;
  if (root->is_object()) page->error = StringField(*root, "error");
  return true;
}

}  // namespace

MastodonPage InspectMastodonStatuses(std::string_view body) {
  MastodonPage page;
  dom::element root;
  if (!Root(body, &page, &root)) return page;
  dom::array array;
  if (root.get_array().get(array)) {
    if (page.error.empty()) page.json_error = "not a Mastodon statuses page: the top level is not an array";
    return page;
  }
  page.json = true;
  Statuses(array, &page.statuses);
  return page;
}

MastodonPage InspectMastodonContext(std::string_view body) {
  MastodonPage page;
  dom::element root;
  if (!Root(body, &page, &root)) return page;
  dom::array ancestors, descendants;
  if (root["ancestors"].get_array().get(ancestors) || root["descendants"].get_array().get(descendants)) {
    if (page.error.empty()) page.json_error = "not a Mastodon context: no ancestors and descendants arrays";
    return page;
  }
  page.json = true;
  Statuses(ancestors, &page.statuses);
  Statuses(descendants, &page.statuses);
  return page;
}

MastodonPage InspectMastodonAccount(std::string_view body) {
  MastodonPage page;
  dom::element root;
  if (!Root(body, &page, &root)) return page;
  if (!root.is_object()) {
    page.json_error = "not a Mastodon account: the top level is not an object";
    return page;
  }
  page.json = true;
  page.account_id = IdField(root, "id");
  return page;
}

}  // namespace rapport::connectors::internal
