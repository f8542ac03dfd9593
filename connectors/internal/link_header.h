// Parsing an HTTP Link header (RFC 8288), as Mastodon sends for pagination:
//   Link: <https://m.example/api/v1/accounts/1/statuses?max_id=9>; rel="next",
//         <https://m.example/api/v1/accounts/1/statuses?min_id=12>; rel="prev"
// Pure functions; thread-safe.
#ifndef RAPPORT_CONNECTORS_INTERNAL_LINK_HEADER_H_
#define RAPPORT_CONNECTORS_INTERNAL_LINK_HEADER_H_

#include <string>
#include <string_view>
#include <vector>

namespace rapport::connectors::internal {

struct Link {
  std::string url;  // the target, as written between < and >
  std::string rel;  // the rel parameter, lower-cased, quotes removed ("next")
};

// Every link in `header`, in order. Commas inside <...> and inside quoted
// parameter values do not split links. Malformed parts are skipped.
std::vector<Link> ParseLinkHeader(std::string_view header);

// The URL of the first link whose rel (a space-separated list) contains
// `rel`, or "" if none.
std::string FindLink(std::string_view header, std::string_view rel);

}  // namespace rapport::connectors::internal

#endif  // RAPPORT_CONNECTORS_INTERNAL_LINK_HEADER_H_
