// Small simdjson DOM helpers for the live sources' page inspection.
//
// The sources read a few fields of each page (next_token, cursors, ids) to
// drive pagination; the pipeline parses the posts later. The DOM parser
// validates the whole document, so a truncated or non-JSON page is caught
// here before its cursor is trusted. Included by connectors .cc files only
// (it pulls in simdjson, a private dependency). Not thread-safe: each thread
// uses its own dom::parser.
#ifndef RAPPORT_CONNECTORS_INTERNAL_JSON_DOM_H_
#define RAPPORT_CONNECTORS_INTERNAL_JSON_DOM_H_

#include <cstdint>
#include <string>
#include <string_view>

#include <simdjson.h>

namespace rapport::connectors::internal {

// Parses `body` whole into *out (valid until the next Parse with `parser`).
// Invalid UTF-8 bytes are replaced by '?' in a copy first, as the pipeline's
// parser does, so a page it would keep is not refused here. On failure
// returns false and sets *error to a short reason ("invalid JSON (truncated?):
// ...", "not JSON: the body starts with '<'").
bool ParseDom(simdjson::dom::parser& parser, std::string_view body, simdjson::dom::element* out, std::string* error);

// The string `key` of `obj`, or "" (missing, null, or not a string).
std::string StringField(simdjson::dom::element obj, std::string_view key);
// An id: a string, or the digits of a non-negative integer; "" otherwise.
std::string IdField(simdjson::dom::element obj, std::string_view key);
// An integer field, or `fallback`.
int64_t IntField(simdjson::dom::element obj, std::string_view key, int64_t fallback);

// Compares decimal id strings as numbers (shorter is smaller, then bytes):
// true if a < b. X and Mastodon ids are decimal and grow over time.
bool IdLess(std::string_view a, std::string_view b);

}  // namespace rapport::connectors::internal

#endif  // RAPPORT_CONNECTORS_INTERNAL_JSON_DOM_H_
