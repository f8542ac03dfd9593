// AtomicFile: write a file so that readers see the old or the new content,
// never a half-written one (write to "<path>.tmp", fsync, rename).
// Not thread-safe.
#ifndef RAPPORT_PIPELINE_EXPORT_ATOMIC_FILE_H_
#define RAPPORT_PIPELINE_EXPORT_ATOMIC_FILE_H_

#include <cstdio>
#include <string>
#include <string_view>

#include "base/status.h"

namespace rapport::pipeline {

class AtomicFile {
 public:
  explicit AtomicFile(std::string path);
  ~AtomicFile();  // removes the temp file if Commit() was not reached
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  Status Open();                      // creates parent folders as needed
  Status Append(std::string_view data);
  Status Commit();                    // flush, fsync, rename over `path`

 private:
  std::string path_, tmp_path_;
  std::FILE* file_ = nullptr;
  bool failed_ = false;
};

}  // namespace rapport::pipeline

#endif  // RAPPORT_PIPELINE_EXPORT_ATOMIC_FILE_H_
