#include "crm/hubspot_client.h"

#include <simdjson.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <functional>
#include <utility>
#include <vector>

#include "connectors/internal/rate_limit.h"
#include "pipeline/export/json_text.h"

namespace rapport::crm {

namespace {

constexpr size_t kQuoteBytes = 300;
constexpr int kNoteToContactAssociation = 202;  // HUBSPOT_DEFINED "note to contact"
constexpr int kSearchLimit = 10;

// Rebuilds a Status with the same code and a new message.
Status WithMessage(const Status& st, std::string message) {
  switch (st.code()) {
    case Status::Code::kInvalidArgument: return Status::InvalidArgument(std::move(message));
    case Status::Code::kNotFound: return Status::NotFound(std::move(message));
    case Status::Code::kIoError: return Status::IoError(std::move(message));
    case Status::Code::kCorruption: return Status::Corruption(std::move(message));
    case Status::Code::kUnavailable: return Status::Unavailable(std::move(message));
    case Status::Code::kOk:
    case Status::Code::kInternal: break;
  }
  return Status::Internal(std::move(message));
}

// A string, or the digits of an integer; "" otherwise.
std::string IdOf(simdjson::dom::element e) {
  std::string_view s;
  if (!e.get_string().get(s)) return std::string(s);
  int64_t i = 0;
  if (!e.get_int64().get(i)) return std::to_string(i);
  uint64_t u = 0;
  if (!e.get_uint64().get(u)) return std::to_string(u);
  return "";
}

std::string StringField(simdjson::dom::element obj, std::string_view key) {
  std::string_view s;
  if (obj[key].get_string().get(s)) return "";
  return std::string(s);
}

// A Twitter/X handle compared the way people type it: no '@', ASCII case folded.
std::string NormalHandle(std::string_view h) {
  while (!h.empty() && (h.front() == ' ' || h.front() == '\t')) h.remove_prefix(1);
  while (!h.empty() && (h.back() == ' ' || h.back() == '\t')) h.remove_suffix(1);
  if (!h.empty() && h.front() == '@') h.remove_prefix(1);
  std::string out(h);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

void AppendFilterGroup(std::string* out, const std::string& property, const std::string& value) {
  if (out->back() != '[') *out += ',';
  *out += R"({"filters":[{"propertyName":)";
  pipeline::AppendJsonString(out, property);
  *out += R"(,"operator":"EQ","value":)";
  pipeline::AppendJsonString(out, value);
  *out += "}]}";
}

std::string JoinIds(const std::vector<std::string>& ids) {
  std::string out;
  for (size_t i = 0; i < ids.size() && i < 5; ++i) out += (i ? ", " : "") + ids[i];
  if (ids.size() > 5) out += ", ...";
  return out;
}

}  // namespace

HubSpotClient::HubSpotClient(HttpSender* http, HubSpotOptions options)
    : http_(http),
      options_(std::move(options)),
      clock_(options_.clock ? options_.clock : connectors::Clock::Default()),
      rng_(options_.retry.seed ? options_.retry.seed : std::random_device{}()) {
  while (!options_.api_base.empty() && options_.api_base.back() == '/') options_.api_base.pop_back();
  options_status_ = CheckOptions(options_);
}

Status HubSpotClient::CheckOptions(const HubSpotOptions& options) {
  if (options.token.empty()) {
    return Status::InvalidArgument("no HubSpot token: set $" + options.token_env_var +
                                   " to a private app access token");
  }
  const std::string& base = options.api_base;
  if (base.rfind("https://", 0) == 0 && base.size() > 8) return Status::OK();
  for (const char* local : {"http://127.0.0.1", "http://localhost", "http://[::1]"}) {
    const std::string prefix = local;
    if (base.rfind(prefix, 0) == 0 &&
        (base.size() == prefix.size() || base[prefix.size()] == ':' || base[prefix.size()] == '/')) {
      return Status::OK();
    }
  }
  return Status::InvalidArgument("HubSpot API base '" + base +
                                 "' must start with https:// (plain http only to 127.0.0.1 or localhost), "
                                 "so the token is not sent in clear");
}

int64_t HubSpotClient::Backoff(int retry) {
  const connectors::RetryPolicy& p = options_.retry;
  double base = static_cast<double>(std::max<int64_t>(p.initial_backoff_ms, 0));
  for (int i = 1; i < retry && base < static_cast<double>(p.max_backoff_ms); ++i) base *= 2;
  base = std::min(base, static_cast<double>(p.max_backoff_ms));
  double jitter = std::clamp(p.jitter, 0.0, 1.0);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  return static_cast<int64_t>(base * (1.0 - jitter * unit(rng_)));
}

std::string HubSpotClient::Scrub(std::string text) const {
  const std::string& token = options_.token;
  if (token.empty()) return text;
  for (size_t at = text.find(token); at != std::string::npos; at = text.find(token, at + 8)) {
    text.replace(at, token.size(), "REDACTED");
  }
  return text;
}

std::string HubSpotClient::Quote(std::string_view text) const {
  // Scrub before cutting, so a token across the cut cannot leak its start.
  std::string quote = Scrub(std::string(text.substr(0, kQuoteBytes + options_.token.size())));
  const bool cut = quote.size() > kQuoteBytes || text.size() > kQuoteBytes + options_.token.size();
  if (quote.size() > kQuoteBytes) quote.resize(kQuoteBytes);
  for (char& c : quote) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  if (cut) quote += "...";
  return quote;
}

Result<connectors::HttpResponse> HubSpotClient::Call(const std::string& path, const std::string& json,
                                                     bool idempotent) {
  if (!options_status_.ok()) return options_status_;
  const connectors::RetryPolicy& policy = options_.retry;
  const int max_attempts = std::max(policy.max_attempts, 1);
  const std::string url = options_.api_base + path;
  const std::string what = "POST " + path;
  const HttpHeaders headers = {{"Authorization", "Bearer " + options_.token},
                               {"Content-Type", "application/json"},
                               {"Accept", "application/json"}};
  for (int attempt = 1;; ++attempt) {
    const bool last = attempt >= max_attempts;
    ++requests_sent_;
    Result<connectors::HttpResponse> result = http_->Send("POST", url, headers, json);
    int64_t delay = 0;
    if (!result.ok()) {
      const Status& st = result.status();
      const bool not_sent = st.code() == Status::Code::kUnavailable;
      if (st.code() == Status::Code::kIoError && !idempotent) {
        return WithMessage(st, Scrub(st.message()) +
                                   "; HubSpot may have created the note, so it is not resent now (the next push "
                                   "sends it again: check the contact for a duplicate)");
      }
      if (!not_sent && st.code() != Status::Code::kIoError) return WithMessage(st, Scrub(st.message()));
      if (last) {
        return WithMessage(st, Scrub(st.message()) + " (gave up after " + std::to_string(attempt) + " attempts)");
      }
      delay = Backoff(attempt);
    } else {
      const connectors::HttpResponse& response = *result;
      const std::string code = "HTTP " + std::to_string(response.status);
      if (response.status >= 200 && response.status < 300) return result;
      if (response.status == 401 || response.status == 403) {
        std::string message = code + " from " + what + ": HubSpot refused the token; check $" +
                              options_.token_env_var +
                              " (a private app access token, current, with the scopes "
                              "crm.objects.contacts.read and crm.objects.contacts.write)";
        if (!response.body.empty()) message += "; HubSpot said: " + Quote(response.body);
        return Status::InvalidArgument(message);
      }
      if (response.status == 429) {
        const int64_t now = clock_->NowMillis();
        int64_t wait = -1;
        std::string why;
        if (std::string ra = response.Header("retry-after"); !ra.empty()) {
          int64_t reset = connectors::internal::ParseResetTime(ra, now);
          if (reset >= 0) wait = std::max<int64_t>(reset - now, 0), why = "retry-after " + ra;
        }
        if (wait < 0) {
          std::string policy_name;
          simdjson::dom::parser parser;
          simdjson::dom::element doc;
          if (!parser.parse(response.body).get(doc)) policy_name = StringField(doc, "policyName");
          if (response.Header("x-hubspot-ratelimit-daily-remaining") == "0" || policy_name == "DAILY") {
            return Status::Unavailable(code + " from " + what +
                                       ": HubSpot's daily API limit is used up; push again tomorrow (the "
                                       "limit resets at midnight in the account's time zone)");
          }
          std::string interval = response.Header("x-hubspot-ratelimit-interval-milliseconds");
          char* end = nullptr;
          long long ms = interval.empty() ? -1 : std::strtoll(interval.c_str(), &end, 10);
          if (ms > 0 && end && *end == '\0') {
            wait = ms, why = "x-hubspot-ratelimit-interval-milliseconds " + interval;
          } else {
            wait = Backoff(attempt), why = "no retry-after; backoff";
          }
        }
        if (wait > policy.max_rate_limit_wait_ms) {
          return Status::Unavailable("rate limited: " + code + " from " + what + " (" + why + "), more than the " +
                                     std::to_string(policy.max_rate_limit_wait_ms / 1000) + " s allowed to wait");
        }
        if (last) {
          return Status::Unavailable("still rate limited after " + std::to_string(attempt) + " attempts: " + code +
                                     " from " + what + " (" + why + ")");
        }
        delay = wait;
      } else if (response.status >= 500) {
        if (last) {
          std::string message = code + " from " + what + " after " + std::to_string(attempt) + " attempts";
          if (!response.body.empty()) message += "; HubSpot said: " + Quote(response.body);
          return Status::Unavailable(message);
        }
        delay = Backoff(attempt);
        if (std::string ra = response.Header("retry-after"); !ra.empty()) {
          const int64_t now = clock_->NowMillis();
          int64_t reset = connectors::internal::ParseResetTime(ra, now);
          if (reset >= 0 && reset - now > delay && reset - now <= policy.max_rate_limit_wait_ms) delay = reset - now;
        }
      } else {
        return result;  // another 4xx (or an unexpected 1xx/3xx): the caller reports it
      }
    }
    clock_->SleepMillis(delay);
  }
}

namespace {

// HubSpot's error "message" (or the start of the body), for a refused request.
std::string RefusalReason(const connectors::HttpResponse& response, const std::function<std::string(std::string_view)>& quote) {
  std::string reason = "HTTP " + std::to_string(response.status);
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  std::string message;
  if (!parser.parse(response.body).get(doc)) message = StringField(doc, "message");
  if (!message.empty()) {
    reason += ": " + quote(message);
  } else if (!response.body.empty()) {
    reason += ": " + quote(response.body);
  }
  return reason;
}

}  // namespace

Result<ContactMatch> HubSpotClient::FindContact(const pipeline::PersonRef& person) {
  ContactMatch match;
  const std::string key = person.platform + ":" + person.id;
  const bool by_id = !options_.match_property.empty() && !person.platform.empty() && !person.id.empty();
  const bool by_handle = person.platform == "x" && !NormalHandle(person.username).empty();
  if (!by_id && !by_handle) {
    match.skip_reason = person.platform == "x"
                            ? "no username to match twitterhandle, and no match property set"
                            : "no matching rule for platform '" + person.platform +
                                  "' (twitterhandle is for x only; set a match property holding \"" + key + "\")";
    return match;
  }
  const std::string handle = NormalHandle(person.username);
  std::string body = R"({"filterGroups":[)";
  if (by_id) AppendFilterGroup(&body, options_.match_property, key);
  if (by_handle) {
    AppendFilterGroup(&body, "twitterhandle", handle);
    AppendFilterGroup(&body, "twitterhandle", "@" + handle);
  }
  body += R"(],"properties":["twitterhandle")";
  if (by_id) {
    body += ',';
    pipeline::AppendJsonString(&body, options_.match_property);
  }
  body += R"(],"limit":)" + std::to_string(kSearchLimit) + "}";

  Result<connectors::HttpResponse> result = Call("/crm/v3/objects/contacts/search", body, /*idempotent=*/true);
  if (!result.ok()) return result.status();
  const connectors::HttpResponse& response = *result;
  auto quote = [this](std::string_view s) { return Quote(s); };
  if (response.status < 200 || response.status >= 300) {
    match.skip_reason = "contact search refused: " + RefusalReason(response, quote);
    return match;
  }
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  simdjson::dom::array results;
  if (parser.parse(response.body).get(doc) || doc["results"].get_array().get(results)) {
    match.skip_reason = "contact search answered without a results list: " + Quote(response.body);
    return match;
  }
  std::vector<std::string> id_matches, handle_matches;
  for (simdjson::dom::element r : results) {
    simdjson::dom::element id_value;
    if (r["id"].get(id_value)) continue;
    std::string id = IdOf(id_value);
    if (id.empty()) continue;
    simdjson::dom::element props;
    if (r["properties"].get(props)) continue;
    if (by_id && StringField(props, options_.match_property) == key) {
      id_matches.push_back(id);
    } else if (by_handle && NormalHandle(StringField(props, "twitterhandle")) == handle) {
      handle_matches.push_back(id);
    }
  }
  const std::vector<std::string>& deciding = !id_matches.empty() ? id_matches : handle_matches;
  const std::string rule = !id_matches.empty() ? options_.match_property + " '" + key + "'"
                                               : "twitterhandle '" + handle + "'";
  if (deciding.size() == 1) {
    match.contact_id = deciding.front();
  } else if (deciding.size() > 1) {
    match.skip_reason = std::to_string(deciding.size()) + " HubSpot contacts with " + rule + " (" +
                        JoinIds(deciding) + "); merge them or set a match property";
  } else {
    std::string tried;
    if (by_id) tried = options_.match_property + " '" + key + "'";
    if (by_handle) tried += (tried.empty() ? "" : " or ") + std::string("twitterhandle '") + handle + "'";
    match.skip_reason = "no HubSpot contact with " + tried;
  }
  return match;
}

Result<NoteResult> HubSpotClient::CreateNote(const std::string& contact_id, const std::string& html_body) {
  std::string body = R"({"properties":{"hs_timestamp":)";
  pipeline::AppendJsonString(&body, connectors::internal::FormatUtc(clock_->NowMillis()));
  body += R"(,"hs_note_body":)";
  pipeline::AppendJsonString(&body, html_body);
  body += R"(},"associations":[{"to":{"id":)";
  pipeline::AppendJsonString(&body, contact_id);
  body += R"(},"types":[{"associationCategory":"HUBSPOT_DEFINED","associationTypeId":)" +
          std::to_string(kNoteToContactAssociation) + "}]}]}";

  Result<connectors::HttpResponse> result = Call("/crm/v3/objects/notes", body, /*idempotent=*/false);
  if (!result.ok()) return result.status();
  const connectors::HttpResponse& response = *result;
  NoteResult note;
  if (response.status < 200 || response.status >= 300) {
    note.refused = "note refused: " + RefusalReason(response, [this](std::string_view s) { return Quote(s); });
    return note;
  }
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (!parser.parse(response.body).get(doc)) {
    simdjson::dom::element id;
    if (!doc["id"].get(id)) note.note_id = IdOf(id);
  }
  // A 2xx means HubSpot created the note, even if its answer is unreadable.
  if (note.note_id.empty()) note.note_id = "(unknown id)";
  return note;
}

}  // namespace rapport::crm
