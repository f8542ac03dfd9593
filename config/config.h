// Config: every setting of a run, built once from
//   defaults < config file (INI) < environment (RAPPORT_*) < command line.
//
// Secrets (RAPPORT_X_BEARER_TOKEN, RAPPORT_HUBSPOT_TOKEN) are read from the
// environment only, kept out of Describe(), and never printed.
// A Config is a plain value; not synchronized.
#ifndef RAPPORT_CONFIG_CONFIG_H_
#define RAPPORT_CONFIG_CONFIG_H_

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace rapport::config {

struct Config {
  // Files or folders to read (JSONL, gzip, API responses, X archives).
  std::vector<std::string> inputs;
  // Output folder. Default: "out".
  std::string out_dir = "out";
  // Worker threads; 0 means all cores. Default: 0.
  int threads = 0;
  // Candidates kept per person. Default: 10.
  int top_k = 10;
  // Evidence posts kept per candidate. Default: 3.
  int evidence = 3;
  // Pairs quiet for longer than this many days get a re-engagement opener. Default: 30.
  int quiet_days = 30;
  // Log level: error, warn, info, debug. Default: "info".
  std::string log_level = "info";
  // Progress display: "auto" (on a terminal only), "on", "off". Default: "auto".
  std::string progress = "auto";
  // State store folder (SQLite). Default: "" (no state: a stateless run).
  std::string state_dir;
  // With a state store: recurrence is computed over the stored posts of this
  // many days before the newest one. Default: 365.
  int window_days = 365;
  // Sensitive categories allowed through (health, religion, politics,
  // sexual_orientation, ethnicity, or all). Default: none; candidates about
  // them are withheld and counted.
  std::vector<std::string> allow_sensitive;
  // Live connectors: what one run may fetch (see connectors/live_options.h).
  int max_pages = 40;          // pages per timeline per run
  int max_threads = 20;        // conversations/threads expanded per tracked account per run (0: none)
  int max_thread_pages = 5;    // pages per X conversation search
  int thread_depth = 10;       // reply depth asked of Bluesky getPostThread
  std::string x_start_time;    // ISO 8601 start of a first X sync; "" = what the API serves
  // Connectors.
  std::string x_api_base = "https://api.x.com";
  std::vector<std::string> x_users;
  std::string bluesky_api_base = "https://public.api.bsky.app";
  std::vector<std::string> bluesky_actors;
  std::string mastodon_instance;
  std::vector<std::string> mastodon_accounts;
  std::string save_raw_dir;
  // Secrets, from the environment only.
  std::string x_bearer_token;
  // Where the values came from, for messages: the config file read, if any.
  std::string config_file;
};

// The outcome of parsing a command line.
struct ParsedArgs {
  Config config;
  bool help = false;     // --help was given: print Help() and exit 0
  bool version = false;  // --version was given
};

// Parses the options of a subcommand (argv[0] is the subcommand name).
// `env` is the environment as "NAME=value" strings (pass `environ`).
// On error returns InvalidArgument with a message that names the option and
// the fix, e.g. "unknown option --thread (did you mean --threads?)".
Result<ParsedArgs> Parse(int argc, const char* const* argv, const char* const* env);

// The --help text of the options.
std::string Help();
// The --help text of only the named options (long names, in the order of
// Help()), for a subcommand that reads only those: `rapport export --help`
// lists --state and --out, not the live sources' options.
std::string Help(std::initializer_list<std::string_view> names);

// Checks values (threads >= 0, top_k >= 1, ...); names the option and the fix.
Status Validate(const Config& config);

}  // namespace rapport::config

#endif  // RAPPORT_CONFIG_CONFIG_H_
