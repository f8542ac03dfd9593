// RawCapture: --save-raw, keeping each fetched API page as one JSONL line.
//
// Append(body) adds `body` as one line to <dir>/<platform>-<yyyymmdd>.jsonl
// (UTC date from the clock at the time of the write), creating the folder
// and the file as needed and flushing after each line, so the file connector
// can replay the pages later (NewFileSource(<dir>)). Raw CR and LF bytes are
// written as spaces: in valid JSON they can only be whitespace between
// tokens, so the value is unchanged and fits on one line.
// Not thread-safe.
#ifndef RAPPORT_CONNECTORS_INTERNAL_RAW_CAPTURE_H_
#define RAPPORT_CONNECTORS_INTERNAL_RAW_CAPTURE_H_

#include <cstdio>
#include <string>
#include <string_view>

#include "base/status.h"
#include "connectors/clock.h"

namespace rapport::connectors::internal {

class RawCapture {
 public:
  // An empty `dir` turns capture off (Append() does nothing).
  // REQUIRES: clock != nullptr; *clock outlives this object.
  RawCapture(std::string dir, std::string platform, Clock* clock);
  ~RawCapture();
  RawCapture(const RawCapture&) = delete;
  RawCapture& operator=(const RawCapture&) = delete;

  bool enabled() const { return !dir_.empty(); }
  // IoError naming the file if it cannot be created or written.
  Status Append(std::string_view body);
  // The file the last Append() wrote to ("" before the first).
  const std::string& path() const { return path_; }

 private:
  std::string dir_;
  std::string platform_;
  Clock* clock_;
  std::string path_;
  std::FILE* file_ = nullptr;
  std::string line_;
};

}  // namespace rapport::connectors::internal

#endif  // RAPPORT_CONNECTORS_INTERNAL_RAW_CAPTURE_H_
