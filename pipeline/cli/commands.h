// The subcommands of the `rapport` CLI. Each takes the arguments after the
// command name (argv[0] is the command) and returns the process exit code
// (see ExitCode in pipeline/run.h). Exceptions are caught in main().
#ifndef RAPPORT_PIPELINE_CLI_COMMANDS_H_
#define RAPPORT_PIPELINE_CLI_COMMANDS_H_

#include <map>
#include <string>
#include <vector>

namespace rapport::cli {

int Run(int argc, char** argv);
int Eval(int argc, char** argv);
int Status(int argc, char** argv);
int Purge(int argc, char** argv);
int Forget(int argc, char** argv);
int Suppress(int argc, char** argv);
int Export(int argc, char** argv);
int Push(int argc, char** argv);
int Review(int argc, char** argv);  // rapport review (review/review_server.h)

// Splits argv into the options named in `own` (each "--name value"), the
// positional arguments (not starting with '-', when `positional` is true),
// and the rest (kept for config::Parse, argv[0] first).
struct SplitArgs {
  std::map<std::string, std::string> own;
  std::vector<std::string> positional;
  std::vector<char*> rest;
};
SplitArgs Split(int argc, char** argv, const std::vector<std::string>& own, bool positional);

}  // namespace rapport::cli

#endif  // RAPPORT_PIPELINE_CLI_COMMANDS_H_
