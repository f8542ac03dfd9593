// Logger: one line per event on stderr, "2026-11-25T22:10:00Z level message k=v ...".
// Under cron (stderr not a terminal) only warnings and errors are printed unless
// --log-level says otherwise. Thread-safe (one mutex around each write).
#ifndef RAPPORT_PIPELINE_LOG_H_
#define RAPPORT_PIPELINE_LOG_H_

#include <string>
#include <string_view>

namespace rapport::pipeline {

enum class LogLevel { kError = 0, kWarn = 1, kInfo = 2, kDebug = 3 };

// "error" | "warn" | "info" | "debug" -> level; unknown -> kInfo.
LogLevel ParseLogLevel(std::string_view name);
void SetLogLevel(LogLevel level);
void Log(LogLevel level, std::string_view message);
// Whether Log(level, ...) prints: to skip building a costly message.
bool LogEnabled(LogLevel level);

}  // namespace rapport::pipeline

#endif  // RAPPORT_PIPELINE_LOG_H_
