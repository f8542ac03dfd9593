#include "connectors/live_sources.h"

#include "connectors/bluesky_source.h"
#include "connectors/mastodon_source.h"
#include "connectors/retrying_http_client.h"
#include "connectors/x_api_source.h"

namespace rapport::connectors {

std::vector<std::unique_ptr<Source>> NewLiveSources(const LiveSourceOptions& options, HttpClient* http,
                                                    CursorReader* cursors) {
  LiveCommonOptions common;
  common.limits = options.limits;
  common.save_raw_dir = options.save_raw_dir;
  common.clock = options.clock;
  common.log = options.log;
  std::vector<std::unique_ptr<Source>> sources;
  if (!options.x_users.empty()) {
    XApiSourceOptions x;
    x.api_base = options.x_api_base;
    x.users = options.x_users;
    x.bearer_token = options.x_bearer_token;
    x.start_time = options.x_start_time;
    x.common = common;
    sources.push_back(NewXApiSource(http, cursors, std::move(x)));
  }
  if (!options.bluesky_actors.empty()) {
    BlueskySourceOptions bluesky;
    bluesky.api_base = options.bluesky_api_base;
    bluesky.actors = options.bluesky_actors;
    bluesky.common = common;
    sources.push_back(NewBlueskySource(http, cursors, std::move(bluesky)));
  }
  if (!options.mastodon_accounts.empty()) {
    MastodonSourceOptions mastodon;
    mastodon.instance = options.mastodon_instance;
    mastodon.accounts = options.mastodon_accounts;
    mastodon.common = common;
    sources.push_back(NewMastodonSource(http, cursors, std::move(mastodon)));
  }
  return sources;
}

std::unique_ptr<HttpClient> NewDefaultHttpClient(const std::string& credential_env_var, Clock* clock) {
  RetryingHttpClientOptions options;
  options.credential_env_var = credential_env_var;
  options.clock = clock;
  return NewRetryingHttpClient(NewCurlHttpClient(), std::move(options));
}

}  // namespace rapport::connectors
