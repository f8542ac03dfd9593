// The live sources of a run, built from the connector settings.
//
// LiveSourceOptions mirrors the connector fields of rapport::config::Config
// (connectors do not depend on config): the caller copies them over.
//   LiveSourceOptions live;
//   live.x_users = config.x_users;  ...
//   auto http = NewDefaultHttpClient("RAPPORT_X_BEARER_TOKEN");
//   for (auto& source : NewLiveSources(live, http.get(), &state_store)) ...
// Plain values; not synchronized.
#ifndef RAPPORT_CONNECTORS_LIVE_SOURCES_H_
#define RAPPORT_CONNECTORS_LIVE_SOURCES_H_

#include <memory>
#include <string>
#include <vector>

#include "connectors/http_client.h"
#include "connectors/live_options.h"
#include "connectors/source.h"

namespace rapport::connectors {

struct LiveSourceOptions {
  // X API v2 (see x_api_source.h). Default base: "https://api.x.com".
  std::string x_api_base = "https://api.x.com";
  std::vector<std::string> x_users;
  // From $RAPPORT_X_BEARER_TOKEN; required when x_users is set.
  std::string x_bearer_token;
  // Default: "" (none). ISO 8601 start of a first X sync.
  std::string x_start_time;
  // Bluesky (see bluesky_source.h). Default base: the public AppView.
  std::string bluesky_api_base = "https://public.api.bsky.app";
  std::vector<std::string> bluesky_actors;
  // Mastodon (see mastodon_source.h). Default: "" (each account's own host).
  std::string mastodon_instance;
  std::vector<std::string> mastodon_accounts;
  // Default: "" (off). --save-raw folder.
  std::string save_raw_dir;
  LiveLimits limits;
  // Default: nullptr (the real clock). Not owned.
  Clock* clock = nullptr;
  // Default: empty (no logging).
  LiveLog log;
};

// One source per platform that has accounts configured, in the order X,
// Bluesky, Mastodon; none if no accounts are configured.
// REQUIRES: http != nullptr. http and cursors (nullptr: no cursors) must
// outlive the sources.
std::vector<std::unique_ptr<Source>> NewLiveSources(const LiveSourceOptions& options, HttpClient* http,
                                                    CursorReader* cursors);

// libcurl wrapped in a RetryingHttpClient with the default policy (timeouts,
// backoff with jitter, 429 rules; see retrying_http_client.h).
// `credential_env_var` is named in 401/403 messages, e.g.
// "RAPPORT_X_BEARER_TOKEN". `clock` (nullptr: the real clock) is not owned.
std::unique_ptr<HttpClient> NewDefaultHttpClient(const std::string& credential_env_var, Clock* clock = nullptr);

}  // namespace rapport::connectors

#endif  // RAPPORT_CONNECTORS_LIVE_SOURCES_H_
