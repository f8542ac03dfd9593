// HubSpotClient: finds a person's HubSpot contact and logs a note on it,
// through the HubSpot CRM v3 API.
//
// Requests (JSON, "Authorization: Bearer <token>"):
//   POST <api_base>/crm/v3/objects/contacts/search   find the contact
//   POST <api_base>/crm/v3/objects/notes             create a note associated
//        with the contact (association category HUBSPOT_DEFINED, type 202:
//        note to contact)
//
// Matching rule (FindContact), one search per person:
//   1. by id: if options.match_property is set (a custom contact property,
//      e.g. "rapport_id"), the contacts whose value of it is exactly
//      "<platform>:<person id>" ("x:1093321775");
//   2. by handle, when rule 1 finds none: for platform "x" only, the contacts
//      whose `twitterhandle` (HubSpot's default Twitter username property)
//      is the person's username, ignoring ASCII case and a leading '@'.
// Exactly one contact: matched. None, or two or more by the deciding rule:
// a skip reason instead of a contact id. The client never guesses and never
// creates contacts. Other platforms (bluesky, mastodon) match by rule 1 only.
//
// Errors. A non-ok Status from a method means the push must stop:
//   - 401/403: InvalidArgument naming options.token_env_var (never the token);
//   - 5xx and transport failures, retried with capped exponential backoff
//     and jitter (options.retry), then Unavailable / IoError;
//   - 429: waited out and retried (see below), then Unavailable;
//   - a note POST whose transport failed after sending: IoError (HubSpot may
//     have created it; not retried, so no duplicate).
// Any other 4xx concerns one request only: it is returned as a `refused`
// reason in the value, quoting HubSpot's "message", and the caller goes on.
//
// 429 rule (HubSpot's headers; its search endpoints often send none):
//   - Retry-After readable: wait that long;
//   - else X-HubSpot-RateLimit-Daily-Remaining is "0", or the body's
//     policyName is "DAILY": the daily limit is used up, Unavailable at once;
//   - else (the per-second / 10-second burst limits): wait
//     X-HubSpot-RateLimit-Interval-Milliseconds if sent, else the backoff.
//   A wait longer than retry.max_rate_limit_wait_ms fails with Unavailable.
// Waiting uses the injectable Clock, so tests do not sleep.
//
// The token is sent only in the Authorization header; it is never logged and
// is removed from every message (server replies quoted included).
// Not thread-safe (one HttpSender, one request at a time).
#ifndef RAPPORT_CRM_HUBSPOT_CLIENT_H_
#define RAPPORT_CRM_HUBSPOT_CLIENT_H_

#include <cstdint>
#include <random>
#include <string>
#include <string_view>

#include "base/status.h"
#include "connectors/clock.h"
#include "connectors/http_client.h"
#include "connectors/retrying_http_client.h"
#include "crm/http_sender.h"
#include "pipeline/artifact.h"

namespace rapport::crm {

struct HubSpotOptions {
  // Default: "https://api.hubapi.com". Scheme, host and optional port (and a
  // path prefix, for a proxy); a trailing '/' is ignored.
  std::string api_base = "https://api.hubapi.com";
  // The private app access token. REQUIRES: not empty.
  std::string token;
  // Default: "RAPPORT_HUBSPOT_TOKEN". Where the token came from, named in
  // 401/403 errors.
  std::string token_env_var = "RAPPORT_HUBSPOT_TOKEN";
  // Default: "" (none). A custom contact property holding
  // "<platform>:<person id>"; see the matching rule above.
  std::string match_property;
  // Default: 5 attempts, 1 s doubling to 60 s, jitter 0.25; rate-limit waits
  // of at most 60 s (HubSpot's windows are 1 s and 10 s; longer means the
  // daily limit).
  connectors::RetryPolicy retry = DefaultRetry();
  // Default: nullptr, meaning Clock::Default(). Not owned; must outlive the client.
  connectors::Clock* clock = nullptr;

  static connectors::RetryPolicy DefaultRetry() {
    connectors::RetryPolicy p;
    p.max_rate_limit_wait_ms = 60'000;
    return p;
  }
};

// The contact found for a person, or why there is none.
struct ContactMatch {
  std::string contact_id;   // HubSpot record id, e.g. "512"; "" when skipped
  std::string skip_reason;  // e.g. "no HubSpot contact with twitterhandle 'dana_rios'"
};

// A note creation that HubSpot answered.
struct NoteResult {
  std::string note_id;  // set on success
  std::string refused;  // set when HubSpot refused this note (4xx other than 401/403/429)
};

class HubSpotClient {
 public:
  // `http` is not owned and must outlive the client.
  HubSpotClient(HttpSender* http, HubSpotOptions options);
  HubSpotClient(const HubSpotClient&) = delete;
  HubSpotClient& operator=(const HubSpotClient&) = delete;

  // Applies the matching rule. A search HubSpot refuses (4xx) is a skip
  // reason too. Non-ok only for the errors that stop a push (see above).
  Result<ContactMatch> FindContact(const pipeline::PersonRef& person);

  // Creates a note with `html_body` (hs_note_body; HubSpot renders it as
  // rich text) and hs_timestamp = now, associated with `contact_id`.
  Result<NoteResult> CreateNote(const std::string& contact_id, const std::string& html_body);

  // InvalidArgument when the token is empty, or api_base is not https://
  // (plain http:// only to 127.0.0.1, localhost or [::1], for tests), so the
  // token never travels in clear. Every request fails with it; callers may
  // check it first to fail before any work.
  static Status CheckOptions(const HubSpotOptions& options);

  // Requests sent so far, retries included (for reports and tests).
  int requests_sent() const { return requests_sent_; }

 private:
  // Sends with the retry/429 rules. Returns 2xx and "other 4xx" responses;
  // a Status for everything that stops the push. `idempotent` allows
  // retrying transport failures that happened after sending.
  Result<connectors::HttpResponse> Call(const std::string& path, const std::string& json, bool idempotent);
  int64_t Backoff(int retry);
  // `text` on one line, at most 300 bytes, with the token removed.
  std::string Quote(std::string_view text) const;
  std::string Scrub(std::string text) const;

  HttpSender* http_;
  HubSpotOptions options_;
  Status options_status_;
  connectors::Clock* clock_;
  std::mt19937_64 rng_;
  int requests_sent_ = 0;
};

}  // namespace rapport::crm

#endif  // RAPPORT_CRM_HUBSPOT_CLIENT_H_
