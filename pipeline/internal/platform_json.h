// Helpers shared by the Bluesky and Mastodon parsers: reading id and string
// fields with simdjson On-Demand (non-throwing), cutting a record's bytes out
// of its page, and a cheap scan of a document's top-level keys for the
// LooksLike* checks. Pure functions; thread-safe.
#ifndef RAPPORT_PIPELINE_INTERNAL_PLATFORM_JSON_H_
#define RAPPORT_PIPELINE_INTERNAL_PLATFORM_JSON_H_

#include <functional>
#include <string>
#include <string_view>

#include <simdjson.h>

namespace rapport::pipeline::internal {

// Errors after which the document's structure can no longer be trusted
// (anything but a wrong type or a missing field).
bool IsStructural(simdjson::error_code e);

// The end of the JSON value starting at `p` (string-aware bracket matching
// for objects and arrays; up to the next ',', '}' or ']' for scalars), or
// `end` if it is not closed.
const char* SkipValue(const char* p, const char* end);

// A string, or a non-negative integer's digits; null gives "".
simdjson::error_code GetId(simdjson::ondemand::value v, std::string* out);
// A string; null gives "".
simdjson::error_code GetString(simdjson::ondemand::value v, std::string* out);

// Calls on_field(raw key, raw value bytes) for each top-level field of the
// JSON object in `json`, in order, until it returns false. Returns false if
// `json` does not start with '{' (after whitespace). No validation: for
// cheap format checks only.
bool ScanObject(std::string_view json, const std::function<bool(std::string_view, std::string_view)>& on_field);

// For a JSON array: sets *first to its first element's bytes ("" if the
// array is empty) and returns true; returns false if `json` is not an array.
bool FirstArrayElement(std::string_view json, std::string_view* first);

}  // namespace rapport::pipeline::internal

#endif  // RAPPORT_PIPELINE_INTERNAL_PLATFORM_JSON_H_
