// Bluesky (AT Protocol AppView) responses -> Posts. See platform_parsers.h.
//
// Shapes: {"feed": [FeedViewPost]} (getAuthorFeed, getTimeline; each item
// {"post": PostView, "reply": {"root", "parent"}, "reason"}), {"thread":
// ThreadViewPost} (getPostThread: post, parent chain, replies tree),
// {"posts": [PostView]} (searchPosts, getPosts), and an XRPC error body
// {"error": "...", "message": "..."}. The hydrated reply root and parent of a
// feed item are posts of the conversation too and are kept (deleted or
// blocked ones, which have no record, are left out). A post that occurs more
// than once in a document is kept once.
#include <algorithm>
#include <string>
#include <unordered_map>
#include <vector>

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

struct MentionFacet {
  uint64_t start = 0, end = 0;  // UTF-8 byte offsets into the text
  std::string did;
};

struct Record {
  Post post;
  std::string created_at, indexed_at;
  bool has_record = false;  // a post view (not a notFound/blocked stub)
  bool hydrated = false;    // a feed item's reply root/parent
  std::vector<MentionFacet> mention_facets;
  size_t begin = 0, end = 0;  // byte span in the document
  std::string problem;
};

// The authority of an at:// URI: "at://did:plc:abc/app.bsky.feed.post/3k" -> "did:plc:abc".
std::string AtUriAuthority(std::string_view uri) {
  if (uri.rfind("at://", 0) != 0) return "";
  uri.remove_prefix(5);
  return std::string(uri.substr(0, uri.find('/')));
}

std::string AtUriRkey(std::string_view uri) {
  size_t slash = uri.rfind('/');
  return slash == std::string_view::npos ? "" : std::string(uri.substr(slash + 1));
}

class BlueskyDoc {
 public:
  BlueskyDoc(const char* base, const char* end) : base_(base), end_(end) {}

  error_code Root(od::object root);

  std::vector<Record> records;
  std::string error, message;

 private:
  error_code FeedItem(od::value v);
  error_code Thread(od::value v, int depth);
  // Appends the post view `v` to records.
  error_code PostView(od::value v, bool hydrated);
  error_code PostFields(od::object obj, Record* r);
  error_code RecordFields(od::object obj, Record* r);
  error_code Facets(od::array facets, Record* r);

  const char* base_;
  const char* end_;
};

error_code BlueskyDoc::Root(od::object root) {
  for (auto field : root) {
    std::string_view key;
    RJ(field.unescaped_key().get(key));
    od::value v;
    RJ(field.value().get(v));
    if (key == "feed" || key == "posts") {
      od::array arr;
      RJ(v.get_array().get(arr));
      for (auto item : arr) {
        od::value iv;
        RJ(item.get(iv));
        RJ(key == "feed" ? FeedItem(iv) : PostView(iv, false));
      }
    } else if (key == "thread") {
      RJ(Thread(v, 0));
    } else if (key == "error") {
      RJ(GetString(v, &error));
    } else if (key == "message") {
      RJ(GetString(v, &message));
    }
  }
  return simdjson::SUCCESS;
}

error_code BlueskyDoc::FeedItem(od::value v) {
  od::object obj;
  RJ(v.get_object().get(obj));
  size_t post_index = SIZE_MAX;
  bool repost = false;
  for (auto field : obj) {
    std::string_view key;
    RJ(field.unescaped_key().get(key));
    od::value fv;
    RJ(field.value().get(fv));
    if (key == "post") {
      post_index = records.size();
      RJ(PostView(fv, false));
    } else if (key == "reply") {
      od::object reply;
      RJ(fv.get_object().get(reply));
      for (auto rf : reply) {
        std::string_view rk;
        RJ(rf.unescaped_key().get(rk));
        if (rk != "root" && rk != "parent") continue;
        od::value rv;
        RJ(rf.value().get(rv));
        RJ(PostView(rv, true));
      }
    } else if (key == "reason") {
      od::object reason;
      RJ(fv.get_object().get(reason));
      for (auto rf : reason) {
        std::string_view rk;
        RJ(rf.unescaped_key().get(rk));
        if (rk != "$type") continue;
        od::value rv;
        RJ(rf.value().get(rv));
        std::string type;
        RJ(GetString(rv, &type));
        repost = type.size() >= 13 && type.compare(type.size() - 13, 13, "#reasonRepost") == 0;
      }
    }
  }
  if (repost && post_index < records.size()) records[post_index].post.is_repost = true;
  return simdjson::SUCCESS;
}

error_code BlueskyDoc::Thread(od::value v, int depth) {
  od::json_type t;
  RJ(v.type().get(t));
  if (t != od::json_type::object || depth > 1000) return simdjson::SUCCESS;
  od::object obj;
  RJ(v.get_object().get(obj));
  for (auto field : obj) {
    std::string_view key;
    RJ(field.unescaped_key().get(key));
    od::value fv;
    RJ(field.value().get(fv));
    if (key == "post") {
      RJ(PostView(fv, false));
    } else if (key == "parent") {
      RJ(Thread(fv, depth + 1));
    } else if (key == "replies") {
      od::array replies;
      RJ(fv.get_array().get(replies));
      for (auto reply : replies) {
        od::value rv;
        RJ(reply.get(rv));
        RJ(Thread(rv, depth + 1));
      }
    }
  }
  return simdjson::SUCCESS;
}

error_code BlueskyDoc::PostView(od::value v, bool hydrated) {
  Record r;
  r.hydrated = hydrated;
  const char* start = v.raw_json_token().data();
  r.begin = static_cast<size_t>(start - base_);
  r.end = static_cast<size_t>(SkipValue(start, end_) - base_);
  od::object obj;
  error_code e = v.get_object().get(obj);
  if (!e) e = PostFields(obj, &r);
  if (e) {
    if (IsStructural(e)) return e;
    r.problem = e == simdjson::STRING_ERROR ? "invalid string in a field (bad \\u escape or lone surrogate)"
                                            : std::string("bad field type: ") + simdjson::error_message(e);
  }
  records.push_back(std::move(r));
  return simdjson::SUCCESS;
}

error_code BlueskyDoc::PostFields(od::object obj, Record* r) {
  for (auto field : obj) {
    std::string_view key;
    RJ(field.unescaped_key().get(key));
    od::value v;
    RJ(field.value().get(v));
    if (key == "uri") {
      RJ(GetString(v, &r->post.id));
    } else if (key == "author") {
      od::object author;
      RJ(v.get_object().get(author));
      for (auto af : author) {
        std::string_view ak;
        RJ(af.unescaped_key().get(ak));
        od::value av;
        RJ(af.value().get(av));
        if (ak == "did") RJ(GetString(av, &r->post.author_id));
        else if (ak == "handle") RJ(GetString(av, &r->post.author_username));
        else if (ak == "displayName") RJ(GetString(av, &r->post.author_name));
      }
    } else if (key == "record") {
      od::object rec;
      RJ(v.get_object().get(rec));
      r->has_record = true;
      RJ(RecordFields(rec, r));
    } else if (key == "indexedAt") {
      RJ(GetString(v, &r->indexed_at));
    }
  }
  return simdjson::SUCCESS;
}

error_code BlueskyDoc::RecordFields(od::object obj, Record* r) {
  for (auto field : obj) {
    std::string_view key;
    RJ(field.unescaped_key().get(key));
    od::value v;
    RJ(field.value().get(v));
    if (key == "text") {
      RJ(GetString(v, &r->post.text));
    } else if (key == "createdAt") {
      RJ(GetString(v, &r->created_at));
    } else if (key == "langs") {
      od::array langs;
      RJ(v.get_array().get(langs));
      for (auto lang : langs) {
        od::value lv;
        RJ(lang.get(lv));
        std::string s;
        RJ(GetString(lv, &s));
        if (r->post.lang.empty()) r->post.lang = std::move(s);
      }
    } else if (key == "reply") {
      od::object reply;
      RJ(v.get_object().get(reply));
      for (auto rf : reply) {
        std::string_view rk;
        RJ(rf.unescaped_key().get(rk));
        if (rk != "root" && rk != "parent") continue;
        od::object ref;
        RJ(rf.value().get_object().get(ref));
        for (auto ref_f : ref) {
          std::string_view refk;
          RJ(ref_f.unescaped_key().get(refk));
          if (refk != "uri") continue;
          od::value uv;
          RJ(ref_f.value().get(uv));
          RJ(GetString(uv, rk == "root" ? &r->post.conversation_id : &r->post.reply_to_post_id));
        }
      }
    } else if (key == "facets") {
      od::array facets;
      RJ(v.get_array().get(facets));
      RJ(Facets(facets, r));
    } else if (key == "embed") {
      od::object embed;
      RJ(v.get_object().get(embed));
      for (auto ef : embed) {
        std::string_view ek;
        RJ(ef.unescaped_key().get(ek));
        if (ek != "external") continue;
        od::object external;
        RJ(ef.value().get_object().get(external));
        for (auto xf : external) {
          std::string_view xk;
          RJ(xf.unescaped_key().get(xk));
          if (xk != "uri") continue;
          od::value xv;
          RJ(xf.value().get(xv));
          std::string uri;
          RJ(GetString(xv, &uri));
          if (!uri.empty() && std::find(r->post.urls.begin(), r->post.urls.end(), uri) == r->post.urls.end())
            r->post.urls.push_back(std::move(uri));
        }
      }
    }
  }
  return simdjson::SUCCESS;
}

error_code BlueskyDoc::Facets(od::array facets, Record* r) {
  for (auto facet_v : facets) {
    od::object facet;
    RJ(facet_v.get_object().get(facet));
    uint64_t start = 0, end = 0;
    std::vector<std::string> mention_dids;
    for (auto ff : facet) {
      std::string_view fk;
      RJ(ff.unescaped_key().get(fk));
      if (fk == "index") {
        od::object index;
        RJ(ff.value().get_object().get(index));
        for (auto idx : index) {
          std::string_view ik;
          RJ(idx.unescaped_key().get(ik));
          od::value iv;
          RJ(idx.value().get(iv));
          if (ik == "byteStart") RJ(iv.get_uint64().get(start));
          else if (ik == "byteEnd") RJ(iv.get_uint64().get(end));
        }
      } else if (fk == "features") {
        od::array features;
        RJ(ff.value().get_array().get(features));
        for (auto feature_v : features) {
          od::object feature;
          RJ(feature_v.get_object().get(feature));
          std::string type, did, tag, uri;
          for (auto xf : feature) {
            std::string_view xk;
            RJ(xf.unescaped_key().get(xk));
            od::value xv;
            RJ(xf.value().get(xv));
            if (xk == "$type") RJ(GetString(xv, &type));
            else if (xk == "did") RJ(GetString(xv, &did));
            else if (xk == "tag") RJ(GetString(xv, &tag));
            else if (xk == "uri") RJ(GetString(xv, &uri));
          }
          auto ends_with = [&type](std::string_view suffix) {
            return type.size() >= suffix.size() && type.compare(type.size() - suffix.size(), suffix.size(), suffix) == 0;
          };
          if (ends_with("#mention") && !did.empty()) {
            mention_dids.push_back(std::move(did));
          } else if (ends_with("#tag") && !tag.empty()) {
            r->post.hashtags.push_back(std::move(tag));
          } else if (ends_with("#link") && !uri.empty()) {
            if (std::find(r->post.urls.begin(), r->post.urls.end(), uri) == r->post.urls.end())
              r->post.urls.push_back(std::move(uri));
          }
        }
      }
    }
    for (std::string& did : mention_dids) r->mention_facets.push_back({start, end, std::move(did)});
  }
  return simdjson::SUCCESS;
}

// Validates and completes the records, then appends posts and rejections.
void Finish(const connectors::RawDoc& doc, std::vector<Record>& records, ParsedDoc* out) {
  // Keep each post once; drop stubs of deleted or blocked reply parents.
  std::vector<Record*> kept;
  std::unordered_map<std::string, Record*> by_id;
  for (Record& r : records) {
    if (r.hydrated && (!r.has_record || !r.problem.empty())) continue;
    if (!r.post.id.empty()) {
      auto [it, fresh] = by_id.emplace(r.post.id, &r);
      if (!fresh) {
        if (!r.post.is_repost) it->second->post.is_repost = false;  // also seen as the author's own post
        continue;
      }
    }
    kept.push_back(&r);
  }
  const std::string origin = doc.origin.ToString();
  size_t index = 0;
  for (Record* rp : kept) {
    Record& r = *rp;
    ++index;
    std::string where = kept.size() > 1 ? origin + "#" + std::to_string(index) : origin;
    Post& p = r.post;
    if (r.problem.empty()) {
      if (r.created_at.empty()) r.created_at = r.indexed_at;
      if (p.id.empty()) r.problem = "missing uri";
      else if (!r.has_record) r.problem = "missing record";
      else if (p.author_id.empty()) r.problem = "missing author did";
      else if (r.created_at.empty()) r.problem = "missing createdAt";
      else if (!ParseTimestamp(r.created_at, &p.created_at)) r.problem = "bad createdAt '" + r.created_at + "'";
    }
    if (!r.problem.empty()) {
      size_t end = std::min(r.end, doc.bytes.size());
      size_t begin = std::min(r.begin, end);
      out->rejected.push_back({where, r.problem, doc.bytes.substr(begin, end - begin)});
      continue;
    }
    for (const MentionFacet& f : r.mention_facets) {
      UserRef m;
      m.id = f.did;
      if (f.start < f.end && f.end <= p.text.size()) {
        std::string_view handle(p.text.data() + f.start, f.end - f.start);
        if (!handle.empty() && handle.front() == '@') handle.remove_prefix(1);
        m.username = std::string(handle);
      }
      p.mentions.push_back(std::move(m));
    }
    if (p.conversation_id.empty()) p.conversation_id = p.id;
    if (!p.reply_to_post_id.empty()) p.reply_to_user_id = AtUriAuthority(p.reply_to_post_id);
    std::string rkey = AtUriRkey(p.id);
    if (!rkey.empty()) {
      p.url = "https://bsky.app/profile/" + (p.author_username.empty() ? p.author_id : p.author_username) +
              "/post/" + rkey;
    }
    p.platform = "bluesky";
    p.origin = std::move(where);
    out->posts.push_back(std::move(p));
  }
}

}  // namespace

bool LooksLikeBluesky(std::string_view json) {
  bool found = false;
  ScanObject(json, [&found](std::string_view key, std::string_view value) {
    if (key == "feed" || key == "thread" || key == "posts") {
      found = value.substr(0, 4096).find("\"at://") != std::string_view::npos;
      return !found;
    }
    // X API pages: stop before skipping their (large) data.
    return !(key == "data" || key == "includes" || key == "statuses" || key == "errors");
  });
  return found;
}

void ParseBluesky(od::parser& parser, const connectors::RawDoc& doc, simdjson::padded_string_view json,
                  ParsedDoc* out) {
  const std::string origin = doc.origin.ToString();
  auto reject_doc = [&](const std::string& reason) { out->rejected.push_back({origin, reason, doc.bytes}); };
  od::document d;
  error_code e = parser.iterate(json).get(d);
  if (e) return reject_doc(std::string("invalid JSON: ") + simdjson::error_message(e));
  od::json_type t;
  e = d.type().get(t);
  if (!e && t != od::json_type::object) return reject_doc("not a Bluesky response: the top level is not an object");
  BlueskyDoc parsed(json.data(), json.data() + json.size());
  od::object root;
  if (!e) e = d.get_object().get(root);
  if (!e) e = parsed.Root(root);
  if (!e && !d.current_location().error()) e = simdjson::TRAILING_CONTENT;
  if (e) {
    bool truncated = e == simdjson::INCOMPLETE_ARRAY_OR_OBJECT || e == simdjson::TAPE_ERROR;
    return reject_doc((truncated ? "invalid JSON (truncated?): " : "invalid JSON: ") +
                      std::string(simdjson::error_message(e)));
  }
  if (!parsed.error.empty()) {
    out->api_errors.push_back(parsed.message.empty() ? parsed.error : parsed.error + ": " + parsed.message);
  }
  Finish(doc, parsed.records, out);
}

}  // namespace rapport::pipeline::internal
