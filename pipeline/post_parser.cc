#include "pipeline/post_parser.h"

#include <charconv>
#include <cstring>
#include <string_view>
#include <unordered_map>

#include <simdjson.h>

#include "nlp/normalizer.h"
#include "pipeline/internal/platform_parsers.h"

namespace rapport::pipeline {
namespace od = simdjson::ondemand;
using simdjson::error_code;
using namespace std::string_view_literals;

namespace {

// Errors after which the document's structure can no longer be trusted.
bool IsStructural(error_code e) {
  switch (e) {
    case simdjson::INCORRECT_TYPE:
    case simdjson::NUMBER_ERROR:
    case simdjson::NUMBER_OUT_OF_RANGE:
    case simdjson::NO_SUCH_FIELD:
    case simdjson::STRING_ERROR:
    case simdjson::UNSUPPORTED_ARCHITECTURE:
      return false;
    default:
      return true;
  }
}

constexpr size_t kUnknownEnd = SIZE_MAX;

// True when the document opens like an X API response or post: its first key
// is one of X's page keys, or an X post field appears in its first bytes.
bool LooksLikeX(std::string_view json) {
  size_t b = json.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos || json[b] != '{') return false;
  std::string_view head = json.substr(b, 512);
  for (std::string_view first : {"{\"data\"", "{\"includes\"", "{\"errors\"", "{\"meta\"", "{\"statuses\""})
    if (head.starts_with(first)) return true;
  return head.find("\"author_id\"") != std::string_view::npos || head.find("\"id_str\"") != std::string_view::npos;
}

// Why a record could not be read, for the dead-letter file.
std::string RecordProblem(error_code e) {
  if (e == simdjson::STRING_ERROR) return "invalid string in a field (bad \\u escape or lone surrogate)";
  return std::string("bad field type: ") + simdjson::error_message(e);
}

// The end of the JSON value starting at `p`: an object or array (string-aware
// bracket matching), a string, or a scalar up to its delimiter; `end` if it
// is not closed. Used only to cut a rejected
// record's bytes out of its page.
const char* SkipValue(const char* p, const char* end) {
  while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')) ++p;
  if (p < end && *p != '{' && *p != '[' && *p != '"') {  // a scalar: up to its delimiter
    while (p < end && *p != ',' && *p != ']' && *p != '}' && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r') ++p;
    return p;
  }
  if (p < end && *p == '"') {  // a string record: up to its closing quote
    for (++p; p < end; ++p) {
      if (*p == '\\') ++p;
      else if (*p == '"') return p + 1;
    }
    return end;
  }
  int depth = 0;
  bool in_str = false;
  for (; p < end; ++p) {
    char c = *p;
    if (in_str) {
      if (c == '\\') ++p;
      else if (c == '"') in_str = false;
      continue;
    }
    if (c == '"') in_str = true;
    else if (c == '{' || c == '[') ++depth;
    else if ((c == '}' || c == ']') && --depth == 0) return p + 1;
  }
  return end;
}

// A string field, or a number field's digits (ids are sometimes numbers).
error_code GetId(od::value v, std::string* out) {
  od::json_type t;
  if (auto e = v.type().get(t)) return e;
  if (t == od::json_type::string) {
    std::string_view s;
    if (auto e = v.get_string().get(s)) return e;
    out->assign(s);
    return simdjson::SUCCESS;
  }
  if (t == od::json_type::number) {
    std::string_view raw = v.raw_json_token();
    while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\n' || raw.back() == '\r' || raw.back() == '\t' ||
                            raw.back() == ',' || raw.back() == '}' || raw.back() == ']'))
      raw.remove_suffix(1);
    for (char c : raw)
      if (c < '0' || c > '9') return simdjson::INCORRECT_TYPE;  // ids are non-negative integers
    out->assign(raw);
    return simdjson::SUCCESS;
  }
  if (t == od::json_type::null) {
    out->clear();
    return simdjson::SUCCESS;
  }
  return simdjson::INCORRECT_TYPE;
}

error_code GetString(od::value v, std::string* out) {
  od::json_type t;
  if (auto e = v.type().get(t)) return e;
  if (t == od::json_type::null) {
    out->clear();
    return simdjson::SUCCESS;
  }
  std::string_view s;
  if (auto e = v.get_string().get(s)) return e;
  out->assign(s);
  return simdjson::SUCCESS;
}

#define RJ(expr)                            \
  do {                                      \
    if (auto _e = (expr)) return _e;        \
  } while (0)

struct UserInfo {
  std::string username, name;
};

// X API v2 tweet object.
error_code ParseV2Tweet(od::object obj, Post* p, std::string* created_at) {
  std::string note_text;
  for (auto field : obj) {
    std::string_view key;
    RJ(field.unescaped_key().get(key));
    od::value v;
    RJ(field.value().get(v));
    if (key == "id"sv) {
      RJ(GetId(v, &p->id));
    } else if (key == "text"sv) {
      RJ(GetString(v, &p->text));
    } else if (key == "author_id"sv) {
      RJ(GetId(v, &p->author_id));
    } else if (key == "created_at"sv) {
      RJ(GetString(v, created_at));
    } else if (key == "conversation_id"sv) {
      RJ(GetId(v, &p->conversation_id));
    } else if (key == "lang"sv) {
      RJ(GetString(v, &p->lang));
    } else if (key == "in_reply_to_user_id"sv) {
      RJ(GetId(v, &p->reply_to_user_id));
    } else if (key == "note_tweet"sv) {
      od::object note;
      RJ(v.get_object().get(note));
      for (auto nf : note) {
        std::string_view nk;
        RJ(nf.unescaped_key().get(nk));
        if (nk == "text"sv) {
          od::value nv;
          RJ(nf.value().get(nv));
          RJ(GetString(nv, &note_text));
        }
      }
    } else if (key == "referenced_tweets"sv) {
      od::array refs;
      RJ(v.get_array().get(refs));
      for (auto ref_v : refs) {
        od::object ref;
        RJ(ref_v.get_object().get(ref));
        std::string type, id;
        for (auto rf : ref) {
          std::string_view rk;
          RJ(rf.unescaped_key().get(rk));
          od::value rv;
          RJ(rf.value().get(rv));
          if (rk == "type"sv) RJ(GetString(rv, &type));
          else if (rk == "id"sv) RJ(GetId(rv, &id));
        }
        if (type == "replied_to"sv) p->reply_to_post_id = id;
        else if (type == "retweeted"sv) p->is_repost = true;
      }
    } else if (key == "entities"sv) {
      od::object ent;
      RJ(v.get_object().get(ent));
      for (auto ef : ent) {
        std::string_view ek;
        RJ(ef.unescaped_key().get(ek));
        if (ek != "mentions"sv && ek != "hashtags"sv && ek != "urls"sv) continue;
        od::array arr;
        RJ(ef.value().get_array().get(arr));
        for (auto item_v : arr) {
          od::object item;
          RJ(item_v.get_object().get(item));
          UserRef mention;
          std::string tag, url, expanded;
          for (auto itf : item) {
            std::string_view ik;
            RJ(itf.unescaped_key().get(ik));
            od::value iv;
            RJ(itf.value().get(iv));
            if (ek == "mentions"sv && ik == "username"sv) RJ(GetString(iv, &mention.username));
            else if (ek == "mentions"sv && ik == "id"sv) RJ(GetId(iv, &mention.id));
            else if (ek == "hashtags"sv && ik == "tag"sv) RJ(GetString(iv, &tag));
            else if (ek == "urls"sv && ik == "url"sv) RJ(GetString(iv, &url));
            else if (ek == "urls"sv && ik == "expanded_url"sv) RJ(GetString(iv, &expanded));
          }
          if (ek == "mentions"sv && !mention.username.empty()) p->mentions.push_back(std::move(mention));
          else if (ek == "hashtags"sv && !tag.empty()) p->hashtags.push_back(std::move(tag));
          else if (ek == "urls"sv && !(expanded.empty() && url.empty())) p->urls.push_back(expanded.empty() ? url : expanded);
        }
      }
    }
  }
  if (!note_text.empty()) p->text = std::move(note_text);
  return simdjson::SUCCESS;
}

// X API v1.1 / archive tweet object ({"tweet": {...}} wrappers are unwrapped by the caller).
error_code ParseV1Tweet(od::object obj, Post* p, std::string* created_at, std::string* reply_to_username) {
  std::string id_num, text, full_text;
  for (auto field : obj) {
    std::string_view key;
    RJ(field.unescaped_key().get(key));
    od::value v;
    RJ(field.value().get(v));
    if (key == "id_str") {
      RJ(GetId(v, &p->id));
    } else if (key == "id") {
      RJ(GetId(v, &id_num));
    } else if (key == "full_text") {
      RJ(GetString(v, &full_text));
    } else if (key == "text") {
      RJ(GetString(v, &text));
    } else if (key == "created_at") {
      RJ(GetString(v, created_at));
    } else if (key == "lang") {
      RJ(GetString(v, &p->lang));
    } else if (key == "in_reply_to_status_id_str") {
      RJ(GetId(v, &p->reply_to_post_id));
    } else if (key == "in_reply_to_user_id_str") {
      RJ(GetId(v, &p->reply_to_user_id));
    } else if (key == "in_reply_to_screen_name") {
      RJ(GetString(v, reply_to_username));
    } else if (key == "retweeted_status") {
      p->is_repost = true;
    } else if (key == "user") {
      od::object user;
      RJ(v.get_object().get(user));
      for (auto uf : user) {
        std::string_view uk;
        RJ(uf.unescaped_key().get(uk));
        od::value uv;
        RJ(uf.value().get(uv));
        if (uk == "id_str") RJ(GetId(uv, &p->author_id));
        else if (uk == "screen_name") RJ(GetString(uv, &p->author_username));
        else if (uk == "name") RJ(GetString(uv, &p->author_name));
      }
    } else if (key == "entities") {
      od::object ent;
      RJ(v.get_object().get(ent));
      for (auto ef : ent) {
        std::string_view ek;
        RJ(ef.unescaped_key().get(ek));
        if (ek != "user_mentions" && ek != "hashtags" && ek != "urls") continue;
        od::array arr;
        RJ(ef.value().get_array().get(arr));
        for (auto item_v : arr) {
          od::object item;
          RJ(item_v.get_object().get(item));
          UserRef mention;
          std::string tag, url;
          for (auto itf : item) {
            std::string_view ik;
            RJ(itf.unescaped_key().get(ik));
            od::value iv;
            RJ(itf.value().get(iv));
            if (ek == "user_mentions" && ik == "screen_name") RJ(GetString(iv, &mention.username));
            else if (ek == "user_mentions" && ik == "id_str") RJ(GetId(iv, &mention.id));
            else if (ek == "hashtags" && ik == "text") RJ(GetString(iv, &tag));
            else if (ek == "urls" && ik == "expanded_url") RJ(GetString(iv, &url));
          }
          if (!mention.username.empty()) p->mentions.push_back(std::move(mention));
          else if (!tag.empty()) p->hashtags.push_back(std::move(tag));
          else if (!url.empty()) p->urls.push_back(std::move(url));
        }
      }
    }
  }
  if (p->id.empty()) p->id = id_num;
  p->text = !full_text.empty() ? std::move(full_text) : std::move(text);
  if (p->text.rfind("RT @", 0) == 0) p->is_repost = true;
  return simdjson::SUCCESS;
}

}  // namespace

struct PostParser::Impl {
  od::parser parser;
  std::string scratch;           // sanitised copy when the input has invalid UTF-8
  std::vector<size_t> bad_utf8;  // offsets of invalid bytes in the input
  std::unordered_map<std::string, UserInfo> users;           // includes.users by id
  std::unordered_map<std::string, std::string> ids_by_name;  // includes.users: username -> id
  std::string entity_buf;

  struct Pending {
    Post post;
    std::string created_at;
    std::string reply_to_username;
    size_t begin = 0, end = 0;  // byte span of the record in the document
    std::string problem;        // non-empty: reject this record
  };
  std::vector<Pending> pending;

  void Parse(const connectors::RawDoc& doc, ParsedDoc* out);
  error_code ParseApiPage(od::object root, const char* base, const char* end, ParsedDoc* out, bool* is_page,
                          bool* looks_v1);
  error_code ParseArray(od::array arr, bool v1, const char* base, const char* end);
  error_code ParseRecord(od::value v, bool v1, const char* base, const char* end);
  void Finish(const connectors::RawDoc& doc, std::string_view bytes, ParsedDoc* out, const std::string& owner_id,
              const std::string& owner_username, const std::string& owner_name);
};

PostParser::PostParser() : impl_(std::make_unique<Impl>()) {}
PostParser::~PostParser() = default;
void PostParser::Parse(const connectors::RawDoc& doc, ParsedDoc* out) {
  const size_t before = out->api_errors.size();
  impl_->Parse(doc, out);
  // Where each partial error came from: the document's file and line (or URL).
  out->api_error_origins.resize(before);
  if (out->api_errors.size() > before) out->api_error_origins.resize(out->api_errors.size(), doc.origin.ToString());
}

error_code PostParser::Impl::ParseRecord(od::value v, bool v1, const char* base, const char* end) {
  Pending rec;
  const char* start = v.raw_json_token().data();
  rec.begin = static_cast<size_t>(start - base);
  rec.end = kUnknownEnd;  // found by a bracket scan only if the record has to be cut out (rare)
  (void)end;
  od::object obj;
  error_code e = v.get_object().get(obj);
  if (!e) {
    if (v1) {
      // An archive entry is {"tweet": {...}}; a v1.1 status is the tweet itself.
      auto tw = obj.find_field_unordered("tweet");
      od::object inner;
      if (!tw.error() && !tw.get_object().get(inner)) {
        e = ParseV1Tweet(inner, &rec.post, &rec.created_at, &rec.reply_to_username);
      } else if (!IsStructural(tw.error()) || tw.error() == simdjson::NO_SUCH_FIELD) {
        e = obj.reset().error();
        if (!e) e = ParseV1Tweet(obj, &rec.post, &rec.created_at, &rec.reply_to_username);
      } else {
        e = tw.error();
      }
    } else {
      e = ParseV2Tweet(obj, &rec.post, &rec.created_at);
    }
  }
  if (e) {
    if (IsStructural(e)) return e;
    rec.problem = RecordProblem(e);
  }
  pending.push_back(std::move(rec));
  return simdjson::SUCCESS;
}

error_code PostParser::Impl::ParseArray(od::array arr, bool v1, const char* base, const char* end) {
  for (auto item : arr) {
    od::value v;
    RJ(item.get(v));
    RJ(ParseRecord(v, v1, base, end));
  }
  return simdjson::SUCCESS;
}

error_code PostParser::Impl::ParseApiPage(od::object root, const char* base, const char* end, ParsedDoc* out,
                                          bool* is_page, bool* looks_v1) {
  *is_page = false;
  for (auto field : root) {
    std::string_view key;
    RJ(field.unescaped_key().get(key));
    od::value v;
    RJ(field.value().get(v));
    if (key == "user" || key == "id_str" || key == "full_text" || key == "tweet") *looks_v1 = true;
    if (key == "data" || key == "statuses") {
      *is_page = true;
      bool v1 = key == "statuses";
      od::json_type t;
      RJ(v.type().get(t));
      if (t == od::json_type::array) {
        od::array arr;
        RJ(v.get_array().get(arr));
        RJ(ParseArray(arr, v1, base, end));
      } else if (t == od::json_type::object) {
        RJ(ParseRecord(v, v1, base, end));
      } else if (t != od::json_type::null) {
        return simdjson::INCORRECT_TYPE;
      }
    } else if (key == "includes") {
      *is_page = true;
      od::object inc;
      RJ(v.get_object().get(inc));
      for (auto inc_f : inc) {
        std::string_view ik;
        RJ(inc_f.unescaped_key().get(ik));
        if (ik != "users") continue;
        od::array users_arr;
        RJ(inc_f.value().get_array().get(users_arr));
        for (auto u_v : users_arr) {
          od::object u;
          RJ(u_v.get_object().get(u));
          std::string id;
          UserInfo info;
          for (auto uf : u) {
            std::string_view uk;
            RJ(uf.unescaped_key().get(uk));
            od::value uv;
            RJ(uf.value().get(uv));
            if (uk == "id") RJ(GetId(uv, &id));
            else if (uk == "username") RJ(GetString(uv, &info.username));
            else if (uk == "name") RJ(GetString(uv, &info.name));
          }
          if (!id.empty()) {
            if (!info.username.empty()) ids_by_name[info.username] = id;
            users[id] = std::move(info);
          }
        }
      }
    } else if (key == "errors") {
      *is_page = true;
      od::array errs;
      RJ(v.get_array().get(errs));
      for (auto err_v : errs) {
        od::object err;
        RJ(err_v.get_object().get(err));
        std::string title, detail, message;
        for (auto ef : err) {
          std::string_view ek;
          RJ(ef.unescaped_key().get(ek));
          od::value ev;
          RJ(ef.value().get(ev));
          od::json_type t;
          RJ(ev.type().get(t));
          if (t != od::json_type::string) continue;
          if (ek == "title") RJ(GetString(ev, &title));
          else if (ek == "detail") RJ(GetString(ev, &detail));
          else if (ek == "message") RJ(GetString(ev, &message));
        }
        std::string text = title.empty() ? message : title;
        if (!detail.empty()) text += (text.empty() ? "" : ": ") + detail;
        out->api_errors.push_back(text.empty() ? "unspecified API error" : text);
      }
    } else if (key == "meta" || key == "__twarc") {
      *is_page = true;
    }
  }
  return simdjson::SUCCESS;
}

void PostParser::Impl::Finish(const connectors::RawDoc& doc, std::string_view bytes, ParsedDoc* out,
                              const std::string& owner_id, const std::string& owner_username,
                              const std::string& owner_name) {
  auto record_end = [&](const Pending& rec) {
    if (rec.end != kUnknownEnd) return std::min(rec.end, doc.bytes.size());
    const char* b = doc.bytes.data();
    return static_cast<size_t>(SkipValue(b + rec.begin, b + doc.bytes.size()) - b);
  };
  size_t index = 0;
  const std::string doc_origin = doc.origin.ToString();  // once per document, not per post
  for (Pending& rec : pending) {
    ++index;
    Post& p = rec.post;
    std::string origin;
    if (pending.size() > 1) {
      char digits[24] = {'#'};
      const auto n = static_cast<size_t>(std::to_chars(digits + 1, digits + sizeof digits, index).ptr - digits);
      origin.reserve(doc_origin.size() + n);
      origin.append(doc_origin).append(digits, n);
    } else {
      origin = doc_origin;
    }
    if (rec.problem.empty() && !bad_utf8.empty()) {
      const size_t rec_end = record_end(rec);
      for (size_t off : bad_utf8)
        if (off >= rec.begin && off < rec_end) {
          rec.problem = "invalid UTF-8 at byte " + std::to_string(off);
          break;
        }
    }
    if (!owner_id.empty()) {
      p.author_id = owner_id;
      p.author_username = owner_username;
      p.author_name = owner_name;
    }
    if (rec.problem.empty()) {
      if (p.id.empty()) rec.problem = "missing id";
      else if (p.author_id.empty()) rec.problem = doc.kind == connectors::RawDoc::Kind::kXArchive
                                                      ? "archive without account.js: unknown author"
                                                      : "missing author_id";
      else if (rec.created_at.empty()) rec.problem = "missing created_at";
      else if (!ParseTimestamp(rec.created_at, &p.created_at)) rec.problem = "bad created_at '" + rec.created_at + "'";
    }
    if (!rec.problem.empty()) {
      size_t end = record_end(rec);
      out->rejected.push_back({origin, rec.problem, std::string(doc.bytes.substr(rec.begin, end - rec.begin))});
      continue;
    }
    (void)bytes;
    if (auto it = users.find(p.author_id); it != users.end()) {
      if (p.author_username.empty()) p.author_username = it->second.username;
      if (p.author_name.empty()) p.author_name = it->second.name;
    }
    for (UserRef& m : p.mentions)
      if (m.id.empty())
        if (auto it = ids_by_name.find(m.username); it != ids_by_name.end()) m.id = it->second;
    if (p.reply_to_user_id.empty() && !rec.reply_to_username.empty())
      if (auto it = ids_by_name.find(rec.reply_to_username); it != ids_by_name.end()) p.reply_to_user_id = it->second;
    if (p.conversation_id.empty()) p.conversation_id = p.reply_to_post_id.empty() ? p.id : p.reply_to_post_id;
    // X escapes & < > in post text as HTML entities.
    if (p.text.find('&') != std::string::npos) {
      entity_buf.clear();
      nlp::DecodeHtmlEntities(p.text, &entity_buf);
      p.text.swap(entity_buf);
    }
    p.platform = "x";
    p.origin = std::move(origin);
    out->posts.push_back(std::move(p));
  }
}

void PostParser::Impl::Parse(const connectors::RawDoc& doc, ParsedDoc* out) {
  pending.clear();
  users.clear();
  ids_by_name.clear();
  bad_utf8.clear();
  const std::string origin = doc.origin.ToString();
  if (!doc.read_error.empty()) {
    out->rejected.push_back({origin, doc.read_error, doc.bytes});
    return;
  }
  std::string_view bytes = doc.bytes;
  // Archive: strip "window.YTD.tweets.part0 = ".
  bool archive = doc.kind == connectors::RawDoc::Kind::kXArchive;
  size_t skip = 0;
  if (archive) {
    size_t eq = bytes.find('=');
    if (eq == std::string_view::npos) {
      out->rejected.push_back({origin, "X archive without 'window.YTD... =' assignment", std::string(bytes.substr(0, 4096))});
      return;
    }
    skip = eq + 1;
  }
  // Find invalid UTF-8 bytes; parse a copy where each is replaced by '?' so
  // the records around them survive (and keep their byte offsets).
  const char* data = bytes.data();
  size_t len = bytes.size();
  size_t capacity = doc.bytes.capacity();
  if (!simdjson::validate_utf8(data, len)) {
    scratch.assign(bytes);
    std::string_view s = scratch;
    size_t i = 0;
    while (i < s.size()) {
      unsigned char c = static_cast<unsigned char>(s[i]);
      size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
      bool ok = n > 0 && i + n <= s.size() && simdjson::validate_utf8(s.data() + i, n);
      if (!ok) {
        bad_utf8.push_back(i);
        scratch[i] = '?';
        ++i;
      } else {
        i += n;
      }
    }
    scratch.reserve(scratch.size() + simdjson::SIMDJSON_PADDING);
    data = scratch.data();
    capacity = scratch.capacity();
  } else if (capacity < len + simdjson::SIMDJSON_PADDING) {
    scratch.assign(bytes);
    scratch.reserve(len + simdjson::SIMDJSON_PADDING);
    data = scratch.data();
    capacity = scratch.capacity();
  }
  const char* end = data + len;
  auto reject_doc = [&](const std::string& reason) {
    pending.clear();
    out->rejected.push_back({origin, reason, doc.bytes});
  };
  simdjson::padded_string_view view(data + skip, len - skip, capacity - skip);
  if (!archive) {
    std::string_view json(data, len);
    // Sniff for other platforms only when the start does not look like X (the common case).
    const bool x_like = doc.platform == "x" || LooksLikeX(json);
    if (doc.platform == "bluesky" || (!x_like && doc.platform.empty() && internal::LooksLikeBluesky(json)))
      return internal::ParseBluesky(parser, doc, view, out);
    if (doc.platform == "mastodon" || (!x_like && doc.platform.empty() && internal::LooksLikeMastodon(json)))
      return internal::ParseMastodon(parser, doc, view, out);
  }
  od::document d;
  bool stopped_early = false;
  error_code e = parser.iterate(view).get(d);
  if (e) return reject_doc(std::string("invalid JSON: ") + simdjson::error_message(e));
  od::json_type t;
  e = d.type().get(t);
  if (!e) {
    if (archive) {
      if (t != od::json_type::array) return reject_doc("X archive: expected an array of tweets");
      od::array arr;
      e = d.get_array().get(arr);
      if (!e) e = ParseArray(arr, /*v1=*/true, data, end);
    } else if (t == od::json_type::object) {
      od::object root;
      e = d.get_object().get(root);
      bool is_page = false, looks_v1 = false;
      if (!e) e = ParseApiPage(root, data, end, out, &is_page, &looks_v1);
      if (!e && !is_page) {
        // A single post: v2 ({"id","text","author_id"}), v1.1 ({"id_str","user"}) or an archive entry ({"tweet"}).
        d.rewind();
        const char* start = data + skip;
        while (start < end && *start != '{') ++start;
        Pending rec;
        rec.begin = static_cast<size_t>(start - data);
        rec.end = len;
        od::object obj;
        e = d.get_object().get(obj);
        if (!e) {
          if (looks_v1) {
            auto tw = obj.find_field_unordered("tweet");
            od::object inner;
            if (!tw.error() && !tw.get_object().get(inner)) {
              e = ParseV1Tweet(inner, &rec.post, &rec.created_at, &rec.reply_to_username);
            } else {
              e = obj.reset().error();
              if (!e) e = ParseV1Tweet(obj, &rec.post, &rec.created_at, &rec.reply_to_username);
            }
          } else {
            e = ParseV2Tweet(obj, &rec.post, &rec.created_at);
          }
        }
        if (e && !IsStructural(e)) {
          rec.problem = RecordProblem(e);
          e = simdjson::SUCCESS;
          stopped_early = true;  // the record was left half-read: no trailing-content check
        }
        if (!e) {
          if (rec.problem.empty() && rec.post.text.empty() && rec.post.id.empty() && rec.created_at.empty())
            rec.problem = "not a post: no id, text or created_at";
          pending.push_back(std::move(rec));
        }
      }
    } else if (t == od::json_type::array) {
      return reject_doc("not a post or API page: the top level is an array, not an object");
    } else {
      return reject_doc("invalid JSON: expected an object (an API page or a post)");
    }
  }
  if (!e && !stopped_early && !d.current_location().error()) e = simdjson::TRAILING_CONTENT;  // tokens after the value
  if (e) {
    const char* what = e == simdjson::INCOMPLETE_ARRAY_OR_OBJECT || e == simdjson::TAPE_ERROR ? "invalid JSON (truncated?): "
                                                                                             : "invalid JSON: ";
    return reject_doc(what + std::string(simdjson::error_message(e)));
  }
  Finish(doc, bytes, out, archive ? doc.owner_id : std::string(), doc.owner_username, doc.owner_name);
}

}  // namespace rapport::pipeline
