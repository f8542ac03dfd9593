// The review page served at GET /: one self-contained HTML document (inline
// CSS and JS, no external resources) that loads /api/candidates and posts
// decisions to /api/decisions.
//
// The script builds every node with createElement/textContent (never
// innerHTML), links only http(s) evidence URLs, and runs under the Content
// Security Policy from ReviewPageCsp() (nonce'd inline code, Trusted Types
// enforced, connections to 'self' only). Thread-safe (pure functions).
#ifndef RAPPORT_REVIEW_REVIEW_PAGE_H_
#define RAPPORT_REVIEW_REVIEW_PAGE_H_

#include <string>
#include <string_view>

namespace rapport::review {

// The page. `nonce` (base64 or hex, no quotes) goes on the inline <style> and
// <script>; `source` (e.g. the artifacts.jsonl path) is shown in the header,
// HTML-escaped.
std::string ReviewPageHtml(std::string_view nonce, std::string_view source);

// The Content-Security-Policy header value that goes with ReviewPageHtml(nonce, ...).
std::string ReviewPageCsp(std::string_view nonce);

}  // namespace rapport::review

#endif  // RAPPORT_REVIEW_REVIEW_PAGE_H_
