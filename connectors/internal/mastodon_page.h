// What the Mastodon source reads from a REST response to drive pagination:
// status ids, reblog flags and reply counts, an account lookup's id, the
// size of a /context, and an {"error": "..."} body. Pure functions;
// thread-safe (each thread uses its own simdjson parser).
#ifndef RAPPORT_CONNECTORS_INTERNAL_MASTODON_PAGE_H_
#define RAPPORT_CONNECTORS_INTERNAL_MASTODON_PAGE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rapport::connectors::internal {

struct MastodonStatusRef {
  std::string id;
  int64_t replies_count = 0;
  bool is_reblog = false;  // "reblog" is a status, not null
};

struct MastodonPage {
  bool json = false;       // the body is JSON of the expected shape
  std::string json_error;  // when !json: why
  std::vector<MastodonStatusRef> statuses;  // a statuses array, or a context's ancestors + descendants
  std::string account_id;  // an account lookup's "id"
  std::string error;       // the "error" of an error body ({"error": "Record not found"}), else ""
};

// GET /api/v1/accounts/:id/statuses: a JSON array of statuses.
MastodonPage InspectMastodonStatuses(std::string_view body);
// GET /api/v1/statuses/:id/context: {"ancestors": [...], "descendants": [...]}.
MastodonPage InspectMastodonContext(std::string_view body);
// GET /api/v1/accounts/lookup: an account object.
MastodonPage InspectMastodonAccount(std::string_view body);

}  // namespace rapport::connectors::internal

#endif  // RAPPORT_CONNECTORS_INTERNAL_MASTODON_PAGE_H_
