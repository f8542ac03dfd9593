// Fuzz target: the config reader: config::Parse("run --config FILE") with the
// input as the INI file (Boost.Program_options), then Validate.
// Input: "ini text" or "ini text\x1fRAPPORT_X=v\x1fRAPPORT_Y=w..." where the
// 0x1F-separated parts after the first become the environment.
// Oracle: Parse returns a value or an InvalidArgument naming the problem;
// it never throws, and an accepted config validates.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "config/config.h"
#include "fuzz/fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace fz = rapport::fuzz;
  auto parts = fz::Split(fz::AsView(data, size), '\x1f', 8);
  const std::string path = fz::Scratch().Write("rapport.ini", parts[0]);
  std::vector<std::string> env_strings;
  for (size_t i = 1; i < parts.size(); ++i) env_strings.emplace_back(parts[i]);
  std::vector<const char*> env;
  for (const auto& s : env_strings) env.push_back(s.c_str());
  env.push_back(nullptr);
  const char* argv[] = {"run", "--config", path.c_str()};
  auto parsed = rapport::config::Parse(3, argv, env.data());
  if (parsed.ok()) {
    FUZZ_CHECK(rapport::config::Validate(parsed->config).ok() || parsed->help || parsed->version);
    FUZZ_CHECK(parsed->config.config_file == path);
  } else {
    FUZZ_CHECK(!parsed.status().message().empty());
  }
  return 0;
}
