// `rapport review`: serves the review page for the last run's candidates.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "config/config.h"
#include "pipeline/cli/commands.h"
#include "pipeline/log.h"
#include "pipeline/run.h"
#include "pipeline/state_store.h"
#include "review/review_server.h"

extern char** environ;

namespace rapport::cli {

int Review(int argc, char** argv) {
  const char* usage = "rapport review --state DIR [--out DIR] [--port N] [--bind ADDR]";
  SplitArgs args = Split(argc, argv, {"port", "bind"}, false);
  auto parsed = config::Parse(static_cast<int>(args.rest.size()), args.rest.data(), environ);
  if (!parsed.ok()) {
    std::fprintf(stderr, "rapport review: %s\n", parsed.status().message().c_str());
    return pipeline::kExitConfigError;
  }
  if (parsed->help) {
    std::printf("Usage: %s\n\n  --port N      port to listen on (default 8377; 0 = any free port)\n"
                "  --bind ADDR   address to listen on (default 127.0.0.1; this machine only)\n\n%s",
                usage, config::Help({"help", "version", "config", "state", "out", "log-level"}).c_str());
    return 0;
  }
  const config::Config& config = parsed->config;
  if (config.state_dir.empty()) {
    std::fprintf(stderr, "rapport review: pass --state DIR (the state store folder)\nUsage: %s\n", usage);
    return pipeline::kExitConfigError;
  }
  review::ReviewServerOptions options;
  options.artifacts_path = (std::filesystem::path(config.out_dir) / "artifacts.jsonl").string();
  if (args.own.count("bind")) options.bind = args.own["bind"];
  if (args.own.count("port")) {
    char* end = nullptr;
    long port = std::strtol(args.own["port"].c_str(), &end, 10);
    if (args.own["port"].empty() || *end != 0 || port < 0 || port > 65535) {
      std::fprintf(stderr, "rapport review: --port must be 0..65535 (got '%s')\n", args.own["port"].c_str());
      return pipeline::kExitConfigError;
    }
    options.port = static_cast<int>(port);
  }
  pipeline::LogLevel level = pipeline::ParseLogLevel(config.log_level);
  // Quiet under a service manager: without a terminal, info becomes warn unless asked for.
  if (!isatty(STDERR_FILENO) && level == pipeline::LogLevel::kInfo) level = pipeline::LogLevel::kWarn;
  pipeline::SetLogLevel(level);
  auto store = pipeline::StateStore::OpenExisting(config.state_dir);
  if (!store.ok()) {
    std::fprintf(stderr, "rapport review: %s\n", store.status().ToString().c_str());
    return pipeline::kExitStoreFailed;
  }
  rapport::Status st = review::ServeReview(
      store->get(), options,
      [&options](int port) {
        const bool v6 = options.bind.find(':') != std::string::npos && options.bind.front() != '[';
        std::printf("rapport review: http://%s%s%s:%d/  (Ctrl-C to stop)\n", v6 ? "[" : "", options.bind.c_str(),
                    v6 ? "]" : "", port);
        std::fflush(stdout);
      },
      nullptr);
  if (!st.ok()) {
    std::fprintf(stderr, "rapport review: %s\n", st.message().c_str());
    if (st.code() == rapport::Status::Code::kNotFound || st.code() == rapport::Status::Code::kCorruption)
      return pipeline::kExitSourceFailed;
    if (st.code() == rapport::Status::Code::kInvalidArgument || st.code() == rapport::Status::Code::kUnavailable)
      return pipeline::kExitConfigError;
    return pipeline::kExitFailure;
  }
  return 0;
}

}  // namespace rapport::cli
