// rapport: the command-line tool. Exceptions stop here; modules return Status.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <string>
#include <vector>

#include "base/version.h"
#include "config/config.h"
#include "connectors/file_source.h"
#include "pipeline/evaluator.h"
#include "pipeline/log.h"
#include "pipeline/cli/commands.h"
#include "pipeline/run.h"
#include "pipeline/state_store.h"

extern char** environ;

namespace {

using rapport::pipeline::ExitCode;

constexpr const char* kUsage =
    "rapport: turn public posts into conversational artifacts per person.\n"
    "\n"
    "Usage:\n"
    "  rapport run [options]      read posts, extract and score artifacts, write out/\n"
    "  rapport eval --gold GOLD.jsonl --input POSTS [--k K] [options]\n"
    "                             run on a gold set and print precision/recall@K\n"
    "  rapport status --state DIR  last runs, cursors, pending reviews\n"
    "  rapport purge --state DIR --older-than DAYS\n"
    "  rapport forget --state DIR PERSON    remove a person's posts, facts and reviews\n"
    "  rapport suppress --state DIR PERSON  never process or export this person again\n"
    "  rapport review --state DIR [--out DIR] [--port N] [--bind ADDR]\n"
    "                             review the last run's candidates in the browser\n"
    "                             (http://127.0.0.1:8377/ by default)\n"
    "  rapport export --state DIR [--out DIR]  accepted artifacts as contacts.vcf and crm.csv\n"
    "  rapport push hubspot --state DIR [--hubspot-api-base URL]  accepted artifacts as HubSpot notes\n"
    "  rapport --help | --version\n"
    "  rapport COMMAND --help     options of a command\n"
    "\n"
    "Example:\n"
    "  rapport run --input data/sample --out out\n"
    "\n"
    "Exit codes: 0 ok; 1 internal error; 2 bad option or config; 3 a source failed\n"
    "(outputs hold what was read); 4 outputs could not be written; 5 state store failure.\n";

}  // namespace

int main(int argc, char** argv) {
  try {
    if (argc < 2 || std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0 ||
        std::strcmp(argv[1], "help") == 0) {
      std::printf("%s", kUsage);
      return argc < 2 ? rapport::pipeline::kExitConfigError : 0;
    }
    if (std::strcmp(argv[1], "--version") == 0) {
      std::printf("rapport %s\n", rapport::kVersion);
      return 0;
    }
    std::string command = argv[1];
    if (command == "run") return rapport::cli::Run(argc - 1, argv + 1);
    if (command == "eval") return rapport::cli::Eval(argc - 1, argv + 1);
    if (command == "status") return rapport::cli::Status(argc - 1, argv + 1);
    if (command == "purge") return rapport::cli::Purge(argc - 1, argv + 1);
    if (command == "forget") return rapport::cli::Forget(argc - 1, argv + 1);
    if (command == "suppress") return rapport::cli::Suppress(argc - 1, argv + 1);
    if (command == "export") return rapport::cli::Export(argc - 1, argv + 1);
    if (command == "push") return rapport::cli::Push(argc - 1, argv + 1);
    if (command == "review") return rapport::cli::Review(argc - 1, argv + 1);
    std::fprintf(stderr, "rapport: unknown command '%s'; commands: run, eval, status, purge, forget, suppress, export, push, review (see rapport --help)\n", command.c_str());
    return rapport::pipeline::kExitConfigError;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "rapport: internal error: %s\n", e.what());
    return rapport::pipeline::kExitFailure;
  }
}
