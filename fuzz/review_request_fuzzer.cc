// Fuzz target: what the local review server (review/) takes from a browser:
// the POST /api/decisions body (ParseDecisionRequest) and the Host and
// Origin headers (RequestGuard).
//
// Input: "body\x1fhost\x1forigin" (0x1F-separated; a plain seed is a body).
// Oracles: an accepted decision holds only what the header promises (an id
// of [A-Za-z0-9_-]{1,64}, a known status, an edited value that is trimmed,
// valid UTF-8, one line, at most kMaxValueChars characters); an allowed Host
// holds no character that could smuggle a path, user or second header; an
// allowed Origin is http:// plus an allowed Host.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz/fuzz_util.h"
#include "pipeline/export/json_text.h"
#include "review/decision_request.h"
#include "review/request_guard.h"

namespace {

namespace rv = rapport::review;

void CheckDecision(const rv::DecisionRequest& d) {
  FUZZ_CHECK(!d.candidate_id.empty() && d.candidate_id.size() <= 64);
  for (char c : d.candidate_id)
    FUZZ_CHECK((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-');
  FUZZ_CHECK(d.status == "accepted" || d.status == "rejected" || d.status == "edited");
  if (d.status != "edited") {
    FUZZ_CHECK(d.value.empty());
    return;
  }
  const std::string& v = d.value;
  FUZZ_CHECK(!v.empty());
  FUZZ_CHECK(rapport::pipeline::IsValidUtf8(v));
  FUZZ_CHECK(v.front() != ' ' && v.back() != ' ');
  size_t chars = 0;
  for (size_t i = 0; i < v.size(); ++i) {
    const auto c = static_cast<unsigned char>(v[i]);
    if ((c & 0xC0) != 0x80) ++chars;
    FUZZ_CHECK(c >= 0x20 && c != 0x7F);
    if (c == 0xC2) FUZZ_CHECK(static_cast<unsigned char>(v[i + 1]) > 0x9F);  // no C1 controls
  }
  FUZZ_CHECK(v.find("\u2028") == std::string::npos && v.find("\u2029") == std::string::npos);
  FUZZ_CHECK(chars <= rv::kMaxValueChars);
}

void CheckHost(const rv::RequestGuard& guard, std::string_view host) {
  if (!guard.HostAllowed(host)) return;
  for (char c : host) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                    c == ':' || c == '[' || c == ']' || c == '-' || c == '%';
    if (!ok) std::fprintf(stderr, "allowed Host with 0x%02x\n", static_cast<unsigned char>(c));
    FUZZ_CHECK(ok);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto parts = rapport::fuzz::Split(rapport::fuzz::AsView(data, size), '\x1f', 3);
  auto decision = rv::ParseDecisionRequest(parts[0]);
  if (decision.ok()) CheckDecision(*decision);
  else FUZZ_CHECK(!decision.status().message().empty());

  static const rv::RequestGuard guards[] = {{"127.0.0.1", 8377}, {"0.0.0.0", 8377}, {"::1", 8377}, {"::", 80}};
  for (const rv::RequestGuard& guard : guards) {
    for (std::string_view header : parts) {
      CheckHost(guard, header);
      if (guard.OriginAllowed(header)) {
        FUZZ_CHECK(header.size() > 7);
        CheckHost(guard, header.substr(7));
        FUZZ_CHECK(guard.HostAllowed(header.substr(7)));
      }
    }
  }
  return 0;
}
