#include "pipeline/log.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>

#include "pipeline/post_parser.h"

namespace rapport::pipeline {
namespace {
std::atomic<int> g_level{static_cast<int>(LogLevel::kInfo)};
std::mutex g_mu;
}  // namespace

LogLevel ParseLogLevel(std::string_view name) {
  if (name == "error") return LogLevel::kError;
  if (name == "warn") return LogLevel::kWarn;
  if (name == "debug") return LogLevel::kDebug;
  return LogLevel::kInfo;
}

void SetLogLevel(LogLevel level) { g_level = static_cast<int>(level); }

bool LogEnabled(LogLevel level) { return static_cast<int>(level) <= g_level.load(); }

void Log(LogLevel level, std::string_view message) {
  if (static_cast<int>(level) > g_level.load()) return;
  static const char* kNames[] = {"error", "warn", "info", "debug"};
  auto now = std::chrono::system_clock::now();
  int64_t secs = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  std::string line = FormatTimestamp(secs) + " " + kNames[static_cast<int>(level)] + " ";
  line.append(message);
  line.push_back('\n');
  std::lock_guard<std::mutex> lock(g_mu);
  std::fwrite(line.data(), 1, line.size(), stderr);
}

}  // namespace rapport::pipeline
