// URL helpers for the live sources: percent-encoding, query strings, and
// reading a parameter back out of a URL (e.g. min_id from a Link header).
//
// Example:
//   WithQuery("https://api.x.com/2/tweets/search/recent",
//             {{"query", "conversation_id:1790"}, {"max_results", "100"}})
//   == "https://api.x.com/2/tweets/search/recent?query=conversation_id%3A1790&max_results=100"
// Pure functions; thread-safe.
#ifndef RAPPORT_CONNECTORS_INTERNAL_URL_H_
#define RAPPORT_CONNECTORS_INTERNAL_URL_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rapport::connectors::internal {

// Percent-encodes every byte except the RFC 3986 unreserved characters
// (A-Z a-z 0-9 - . _ ~), so the result is safe as a query value or a path
// segment: "at://did:plc:x/app" -> "at%3A%2F%2Fdid%3Aplc%3Ax%2Fapp".
std::string PercentEncode(std::string_view s);

// Decodes %XX escapes ('+' is kept as is); a malformed escape is kept verbatim.
std::string PercentDecode(std::string_view s);

// `base` plus "?k=v&..." (or "&k=v..." if base already has a query), names
// and values percent-encoded, in the given order. Pairs with an empty value
// are left out.
std::string WithQuery(std::string_view base, const std::vector<std::pair<std::string, std::string>>& params);

// Sets *value to the decoded value of the first query parameter `name` of
// `url` and returns true, or returns false if there is none.
bool QueryParam(std::string_view url, std::string_view name, std::string* value);

// "https://mastodon.social/" -> "https://mastodon.social"; a value without a
// scheme gets "https://" ("mastodon.social" -> "https://mastodon.social").
std::string NormalizeBaseUrl(std::string_view base);

// The host of an absolute URL, without port or user info:
// "https://mastodon.social/@alice" -> "mastodon.social"; "" if none.
std::string UrlHost(std::string_view url);

}  // namespace rapport::connectors::internal

#endif  // RAPPORT_CONNECTORS_INTERNAL_URL_H_
