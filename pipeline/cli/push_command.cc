// `rapport push hubspot`: accepted artifacts as notes on HubSpot contacts.
#include <cstdio>
#include <cstdlib>
#include <string>

#include "config/config.h"
#include "crm/http_sender.h"
#include "crm/hubspot_client.h"
#include "crm/push.h"
#include "pipeline/cli/commands.h"
#include "pipeline/run.h"
#include "pipeline/state_store.h"

extern char** environ;

namespace rapport::cli {

int Push(int argc, char** argv) {
  const char* usage =
      "rapport push hubspot --state DIR [--hubspot-api-base URL] [--hubspot-match-property NAME]\n"
      "  The token comes from $RAPPORT_HUBSPOT_TOKEN (a HubSpot private app access token).";
  SplitArgs args = Split(argc, argv, {"hubspot-api-base", "hubspot-match-property"}, true);
  auto parsed = config::Parse(static_cast<int>(args.rest.size()), args.rest.data(), environ);
  if (!parsed.ok()) {
    std::fprintf(stderr, "rapport push: %s\n", parsed.status().message().c_str());
    return pipeline::kExitConfigError;
  }
  if (parsed->help) {
    std::printf("Usage: %s\n\n%s", usage, config::Help({"help", "version", "config", "state", "evidence"}).c_str());
    return pipeline::kExitOk;
  }
  if (args.positional.size() != 1 || args.positional[0] != "hubspot") {
    std::fprintf(stderr, "rapport push: name one target: hubspot\nUsage: %s\n", usage);
    return pipeline::kExitConfigError;
  }
  const config::Config& config = parsed->config;
  if (config.state_dir.empty()) {
    std::fprintf(stderr, "rapport push hubspot: pass --state DIR (the state store folder)\nUsage: %s\n", usage);
    return pipeline::kExitConfigError;
  }
  crm::HubSpotOptions options;
  if (args.own.count("hubspot-api-base")) options.api_base = args.own["hubspot-api-base"];
  if (args.own.count("hubspot-match-property")) options.match_property = args.own["hubspot-match-property"];
  if (const char* token = std::getenv("RAPPORT_HUBSPOT_TOKEN")) options.token = token;
  // No token, or http:// to a host other than this machine: fail before any work.
  if (rapport::Status st = crm::HubSpotClient::CheckOptions(options); !st.ok()) {
    std::fprintf(stderr, "rapport push hubspot: %s\n", st.message().c_str());
    return pipeline::kExitConfigError;
  }
  auto store = pipeline::StateStore::OpenExisting(config.state_dir);
  if (!store.ok()) {
    std::fprintf(stderr, "rapport push hubspot: %s\n", store.status().ToString().c_str());
    return pipeline::kExitStoreFailed;
  }
  auto accepted = pipeline::AcceptedArtifacts(store.value().get(), config);
  if (!accepted.ok()) {
    std::fprintf(stderr, "rapport push hubspot: %s\n", accepted.status().ToString().c_str());
    return pipeline::kExitStoreFailed;
  }
  auto http = crm::NewCurlHttpSender({});
  crm::HubSpotClient client(http.get(), options);
  crm::PushReport report;
  // PushToHubSpot skips suppressed people itself.
  rapport::Status st = crm::PushToHubSpot(accepted.value(), store.value().get(), &client, crm::PushOptions{}, &report);
  std::printf("%s", crm::FormatPushReport(report).c_str());
  if (!st.ok()) {
    std::fprintf(stderr, "rapport push hubspot: %s\n", st.ToString().c_str());
    if (report.store_failed) return pipeline::kExitStoreFailed;
    if (st.code() == rapport::Status::Code::kInvalidArgument) return pipeline::kExitConfigError;  // token refused
    return pipeline::kExitOutputFailed;  // HubSpot unreachable, unavailable or rate limited too long
  }
  return report.failed.empty() ? pipeline::kExitOk : pipeline::kExitOutputFailed;
}

}  // namespace rapport::cli
