// DecisionRequest: the body of POST /api/decisions, parsed and checked.
//
// Example: {"candidate_id":"c1f0a6d29e03b7a4","status":"edited","value":"dog: Rover"}
// Thread-safe (pure function).
#ifndef RAPPORT_REVIEW_DECISION_REQUEST_H_
#define RAPPORT_REVIEW_DECISION_REQUEST_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "base/status.h"

namespace rapport::review {

// Longest edited value, in characters (Unicode code points).
constexpr size_t kMaxValueChars = 500;
// Longest request body accepted, in bytes.
constexpr size_t kMaxDecisionBodyBytes = 16 * 1024;

struct DecisionRequest {
  std::string candidate_id;  // non-empty, at most 64 bytes of [A-Za-z0-9_-]
  std::string status;        // "accepted", "rejected" or "edited"
  std::string value;         // "edited": trimmed, non-empty, <= kMaxValueChars; otherwise empty
};

// Parses and validates `body` (a JSON object). For "accepted" and "rejected"
// a `value` field is ignored; for "edited" it is required: a string that,
// trimmed of white space, is non-empty, valid UTF-8, at most kMaxValueChars
// characters and free of control characters.
// Returns InvalidArgument with a message meant for the analyst on any fault.
// Whether the candidate exists is the caller's check.
Result<DecisionRequest> ParseDecisionRequest(std::string_view body);

}  // namespace rapport::review

#endif  // RAPPORT_REVIEW_DECISION_REQUEST_H_
