// Options shared by the live HTTP sources (X API v2, Bluesky, Mastodon):
// per-run limits, raw capture, the clock, and a log callback.
// Plain values; not synchronized.
#ifndef RAPPORT_CONNECTORS_LIVE_OPTIONS_H_
#define RAPPORT_CONNECTORS_LIVE_OPTIONS_H_

#include <functional>
#include <string>

#include "connectors/clock.h"

namespace rapport::connectors {

enum class LiveLogLevel { kInfo, kWarn };

// Receives progress and warnings ("x: @alice: tweets: 3 pages ..."). Never
// given a credential: messages name URLs with secrets redacted.
using LiveLog = std::function<void(LiveLogLevel level, const std::string& message)>;

struct LiveLimits {
  // Default: 40. Pages fetched per timeline per run (X tweets or mentions,
  // a Bluesky author feed, Mastodon statuses). 40 pages of 100 is more than
  // the 3,200 posts X serves from a user timeline.
  int max_pages = 40;
  // Default: 20. Conversations (X) or threads (Bluesky, Mastodon) expanded
  // per tracked account per run.
  int max_threads = 20;
  // Default: 5. Pages fetched per X conversation search.
  int max_thread_pages = 5;
  // Default: 10. Reply depth asked of Bluesky getPostThread.
  int thread_depth = 10;
};

struct LiveCommonOptions {
  LiveLimits limits;
  // Default: "" (off). --save-raw: each fetched page that is JSON is appended
  // as one line to <dir>/<platform>-<yyyymmdd>.jsonl.
  std::string save_raw_dir;
  // Default: nullptr, meaning Clock::Default(). Dates the raw capture files.
  // Not owned: *clock must outlive the source.
  Clock* clock = nullptr;
  // Default: empty (no logging).
  LiveLog log;
};

}  // namespace rapport::connectors

#endif  // RAPPORT_CONNECTORS_LIVE_OPTIONS_H_
