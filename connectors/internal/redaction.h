// Redaction: keeps credentials out of error messages and logs.
//
// RedactUrl() replaces the user:password part of a URL and the values of
// query parameters that look secret (access_token, api_key, key, token,
// secret, password, signature, sig, client_secret, code, oauth_*, and names
// containing "secret", "password" or ending in "_key" or "_token" other than
// the paging cursors next_token and pagination_token) with "REDACTED".
// Pure functions; thread-safe.
#ifndef RAPPORT_CONNECTORS_INTERNAL_REDACTION_H_
#define RAPPORT_CONNECTORS_INTERNAL_REDACTION_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rapport::connectors::internal {

std::string RedactUrl(std::string_view url);

// True for headers whose value is a credential: Authorization,
// Proxy-Authorization, Cookie, and names containing "token", "secret",
// "key" or "auth" (any case).
bool IsSecretHeader(std::string_view name);

// Returns `text` with every secret header value in `headers` (and, for
// "Bearer X" / "Basic X" values, X alone) replaced by "REDACTED".
std::string ScrubSecrets(std::string text, const std::vector<std::pair<std::string, std::string>>& headers);

std::string ToLower(std::string_view s);

}  // namespace rapport::connectors::internal

#endif  // RAPPORT_CONNECTORS_INTERNAL_REDACTION_H_
