// Mastodon REST responses -> Posts. See platform_parsers.h.
//
// Shapes: a JSON array of statuses (account statuses, timelines), a single
// status, a context {"ancestors": [...], "descendants": [...]}, and an error
// body {"error": "..."}. A boost (reblog) is the booster's post with the
// boosted status's text, marked is_repost. Conversation ids: Mastodon has no
// thread root field, so the root is found by following in_reply_to_id
// through the statuses of the same document (a context's first ancestor is
// the root); a reply whose parent is not in the document gets the parent's
// id.
#include <algorithm>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "pipeline/internal/html_text.h"
#include "pipeline/internal/platform_json.h"
#include "pipeline/internal/platform_parsers.h"

namespace rapport::pipeline::internal {

namespace {

namespace od = simdjson::ondemand;
using simdjson::error_code;

#define RJ(expr)                     \
  do {                               \
    if (auto _e = (expr)) return _e; \
  } while (0)

struct Record {
  Post post;
  std::string created_at;
  std::string content, plain_text, spoiler;
  std::string account_url;
  std::unique_ptr<Record> reblog;
  size_t begin = 0, end = 0;
  std::string problem;
};

// The host of an absolute URL, without port: "https://m.example:443/@a" -> "m.example".
std::string Host(std::string_view url) {
  size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return "";
  url.remove_prefix(scheme + 3);
  url = url.substr(0, url.find_first_of("/?#"));
  if (size_t at = url.rfind('@'); at != std::string_view::npos) url.remove_prefix(at + 1);
  return std::string(url.substr(0, url.find(':')));
}

// "alice" + "https://m.example/@alice" -> "alice@m.example"; "bob@other" stays.
std::string FullAcct(const std::string& acct, const std::string& url) {
  if (acct.empty() || acct.find('@') != std::string::npos) return acct;
  std::string host = Host(url);
  return host.empty() ? acct : acct + "@" + host;
}

class MastodonDoc {
 public:
  MastodonDoc(const char* base, const char* end) : base_(base), end_(end) {}

  // Appends the status `v` to records.
  error_code Status(od::value v);
  error_code StatusFields(od::object obj, Record* r);

  std::vector<Record> records;

 private:
  error_code Account(od::object obj, Record* r);

  const char* base_;
  const char* end_;
};

error_code MastodonDoc::Status(od::value v) {
  Record r;
  const char* start = v.raw_json_token().data();
  r.begin = static_cast<size_t>(start - base_);
  r.end = static_cast<size_t>(SkipValue(start, end_) - base_);
  od::object obj;
  error_code e = v.get_object().get(obj);
  if (!e) e = StatusFields(obj, &r);
  if (e) {
    if (IsStructural(e)) return e;
    r.problem = e == simdjson::STRING_ERROR ? "invalid string in a field (bad \\u escape or lone surrogate)"
                                            : std::string("bad field type: ") + simdjson::error_message(e);
  }
  records.push_back(std::move(r));
  return simdjson::SUCCESS;
}

error_code MastodonDoc::Account(od::object obj, Record* r) {
  for (auto field : obj) {
    std::string_view key;
    RJ(field.unescaped_key().get(key));
    od::value v;
    RJ(field.value().get(v));
    if (key == "id") RJ(GetId(v, &r->post.author_id));
    else if (key == "acct") RJ(GetString(v, &r->post.author_username));
    else if (key == "display_name") RJ(GetString(v, &r->post.author_name));
    else if (key == "url") RJ(GetString(v, &r->account_url));
  }
  return simdjson::SUCCESS;
}

error_code MastodonDoc::StatusFields(od::object obj, Record* r) {
  Post& p = r->post;
  for (auto field : obj) {
    std::string_view key;
    RJ(field.unescaped_key().get(key));
    od::value v;
    RJ(field.value().get(v));
    if (key == "id") {
      RJ(GetId(v, &p.id));
    } else if (key == "created_at") {
      RJ(GetString(v, &r->created_at));
    } else if (key == "in_reply_to_id") {
      RJ(GetId(v, &p.reply_to_post_id));
    } else if (key == "in_reply_to_account_id") {
      RJ(GetId(v, &p.reply_to_user_id));
    } else if (key == "language") {
      RJ(GetString(v, &p.lang));
    } else if (key == "url") {
      RJ(GetString(v, &p.url));
    } else if (key == "content") {
      RJ(GetString(v, &r->content));
    } else if (key == "text") {
      RJ(GetString(v, &r->plain_text));
    } else if (key == "spoiler_text") {
      RJ(GetString(v, &r->spoiler));
    } else if (key == "account") {
      od::object account;
      RJ(v.get_object().get(account));
      RJ(Account(account, r));
    } else if (key == "reblog") {
      od::json_type t;
      RJ(v.type().get(t));
      if (t == od::json_type::object) {
        od::object inner;
        RJ(v.get_object().get(inner));
        r->reblog = std::make_unique<Record>();
        RJ(StatusFields(inner, r->reblog.get()));
      }
    } else if (key == "mentions") {
      od::array mentions;
      RJ(v.get_array().get(mentions));
      for (auto mv : mentions) {
        od::object m;
        RJ(mv.get_object().get(m));
        UserRef ref;
        std::string url;
        for (auto mf : m) {
          std::string_view mk;
          RJ(mf.unescaped_key().get(mk));
          od::value mval;
          RJ(mf.value().get(mval));
          if (mk == "id") RJ(GetId(mval, &ref.id));
          else if (mk == "acct") RJ(GetString(mval, &ref.username));
          else if (mk == "url") RJ(GetString(mval, &url));
        }
        ref.username = FullAcct(ref.username, url);
        if (!ref.username.empty() || !ref.id.empty()) p.mentions.push_back(std::move(ref));
      }
    } else if (key == "tags") {
      od::array tags;
      RJ(v.get_array().get(tags));
      for (auto tv : tags) {
        od::object tag;
        RJ(tv.get_object().get(tag));
        for (auto tf : tag) {
          std::string_view tk;
          RJ(tf.unescaped_key().get(tk));
          if (tk != "name") continue;
          od::value tval;
          RJ(tf.value().get(tval));
          std::string name;
          RJ(GetString(tval, &name));
          if (!name.empty()) p.hashtags.push_back(std::move(name));
        }
      }
    }
  }
  return simdjson::SUCCESS;
}

// Text and links of a record from its HTML content (or plain "text").
void MakeText(Record* r) {
  std::vector<std::string> links;
  std::string body;
  if (!r->content.empty()) HtmlToText(r->content, &body, &links);
  else body = r->plain_text;
  r->post.text = r->spoiler.empty() ? std::move(body) : body.empty() ? r->spoiler : r->spoiler + "\n\n" + body;
  for (std::string& link : links) {
    if (std::find(r->post.urls.begin(), r->post.urls.end(), link) == r->post.urls.end())
      r->post.urls.push_back(std::move(link));
  }
}

// Validates and completes the records, then appends posts and rejections.
// `root_id`, if not empty, is the conversation root of every status (a
// context with ancestors).
void Finish(const connectors::RawDoc& doc, std::vector<Record>& records, const std::string& root_id,
            ParsedDoc* out) {
  std::unordered_map<std::string, std::string> parent;  // id -> in_reply_to_id
  for (const Record& r : records) {
    if (!r.post.id.empty()) parent.emplace(r.post.id, r.post.reply_to_post_id);
  }
  const std::string origin = doc.origin.ToString();
  size_t index = 0;
  for (Record& r : records) {
    ++index;
    std::string where = records.size() > 1 ? origin + "#" + std::to_string(index) : origin;
    Post& p = r.post;
    if (r.problem.empty()) {
      if (p.id.empty()) r.problem = "missing id";
      else if (p.author_id.empty()) r.problem = "missing account id";
      else if (r.created_at.empty()) r.problem = "missing created_at";
      else if (!ParseTimestamp(r.created_at, &p.created_at)) r.problem = "bad created_at '" + r.created_at + "'";
    }
    if (!r.problem.empty()) {
      size_t end = std::min(r.end, doc.bytes.size());
      size_t begin = std::min(r.begin, end);
      out->rejected.push_back({where, r.problem, doc.bytes.substr(begin, end - begin)});
      continue;
    }
    p.author_username = FullAcct(p.author_username, r.account_url);
    if (r.reblog) {
      Record& inner = *r.reblog;
      MakeText(&inner);
      p.text = std::move(inner.post.text);
      if (p.lang.empty()) p.lang = inner.post.lang;
      p.mentions = std::move(inner.post.mentions);
      p.hashtags = std::move(inner.post.hashtags);
      p.urls = std::move(inner.post.urls);
      p.is_repost = true;
      p.conversation_id = p.id;
    } else {
      MakeText(&r);
      if (!root_id.empty()) {
        p.conversation_id = root_id;
      } else {
        std::string top = p.id;
        for (size_t hops = 0; hops <= parent.size(); ++hops) {
          auto it = parent.find(top);
          if (it == parent.end() || it->second.empty()) break;
          top = it->second;  // the parent's id, whether or not it is in the document
        }
        p.conversation_id = top;
      }
    }
    p.platform = "mastodon";
    p.origin = std::move(where);
    out->posts.push_back(std::move(p));
  }
}

bool IsStatusKeys(std::string_view json) {
  bool account = false, content = false, id = false;
  ScanObject(json, [&](std::string_view key, std::string_view) {
    account = account || key == "account";
    content = content || key == "content" || key == "reblog";
    id = id || key == "id";
    return true;
  });
  return account && content && id;
}

}  // namespace

bool LooksLikeMastodon(std::string_view json) {
  std::string_view first;
  if (FirstArrayElement(json, &first)) return first.empty() || IsStatusKeys(first);
  bool context = false, x_page = false;
  bool is_object = ScanObject(json, [&](std::string_view key, std::string_view) {
    if (key == "ancestors" || key == "descendants") context = true;
    if (key == "data" || key == "includes" || key == "statuses" || key == "feed" || key == "thread" ||
        key == "posts")
      x_page = true;
    return !context && !x_page;
  });
  if (!is_object || x_page) return false;
  return context || IsStatusKeys(json);
}

void ParseMastodon(od::parser& parser, const connectors::RawDoc& doc, simdjson::padded_string_view json,
                   ParsedDoc* out) {
  const std::string origin = doc.origin.ToString();
  auto reject_doc = [&](const std::string& reason) { out->rejected.push_back({origin, reason, doc.bytes}); };
  // What kind of object this is, from its top-level keys.
  bool context = false, error_body = false;
  std::string_view text(json.data(), json.size());
  ScanObject(text, [&](std::string_view key, std::string_view) {
    if (key == "ancestors" || key == "descendants") context = true;
    if (key == "error") error_body = true;
    return true;
  });
  MastodonDoc parsed(json.data(), json.data() + json.size());
  std::string root_id, error, description;
  bool half_read = false;
  od::document d;
  error_code e = parser.iterate(json).get(d);
  if (e) return reject_doc(std::string("invalid JSON: ") + simdjson::error_message(e));
  od::json_type t;
  e = d.type().get(t);
  if (!e && t == od::json_type::array) {
    od::array arr;
    e = d.get_array().get(arr);
    if (!e) {
      for (auto item : arr) {
        od::value v;
        if ((e = item.get(v)) || (e = parsed.Status(v))) break;
      }
    }
  } else if (!e && t == od::json_type::object && (context || error_body)) {
    od::object root;
    e = d.get_object().get(root);
    size_t ancestors_begin = SIZE_MAX;
    if (!e) {
      for (auto field : root) {
        std::string_view key;
        if ((e = field.unescaped_key().get(key))) break;
        od::value v;
        if ((e = field.value().get(v))) break;
        if (context && (key == "ancestors" || key == "descendants")) {
          od::array arr;
          if ((e = v.get_array().get(arr))) break;
          if (key == "ancestors") ancestors_begin = parsed.records.size();
          for (auto item : arr) {
            od::value iv;
            if ((e = item.get(iv)) || (e = parsed.Status(iv))) break;
          }
          if (e) break;
          if (key == "ancestors" && ancestors_begin < parsed.records.size())
            root_id = parsed.records[ancestors_begin].post.id;
        } else if (!context && key == "error") {
          if ((e = GetString(v, &error))) break;
        } else if (!context && key == "error_description") {
          if ((e = GetString(v, &description))) break;
        }
      }
    }
  } else if (!e && t == od::json_type::object) {
    od::value v;
    e = d.get_value().get(v);
    if (!e) e = parsed.Status(v);
    // A status rejected for a bad field was left half-read: no trailing-content check.
    half_read = !e && !parsed.records.empty() && !parsed.records.back().problem.empty();
  } else if (!e) {
    return reject_doc("not a Mastodon response: expected statuses, a status or a context");
  }
  if (!e && !half_read && !d.current_location().error()) e = simdjson::TRAILING_CONTENT;
  if (e) {
    bool truncated = e == simdjson::INCOMPLETE_ARRAY_OR_OBJECT || e == simdjson::TAPE_ERROR;
    return reject_doc((truncated ? "invalid JSON (truncated?): " : "invalid JSON: ") +
                      std::string(simdjson::error_message(e)));
  }
  if (!error.empty()) out->api_errors.push_back(description.empty() ? error : error + ": " + description);
  Finish(doc, parsed.records, root_id, out);
}

}  // namespace rapport::pipeline::internal
