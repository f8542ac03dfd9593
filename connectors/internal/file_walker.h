// ListFiles: the regular files under a folder, for FileSource.
//
// Walks `dir` recursively, skipping hidden files and folders (names starting
// with '.'), and returns the paths sorted lexicographically so runs are
// deterministic. Symbolic links to files are listed; links to folders are not
// followed. Thread-safe (no shared state).
#ifndef RAPPORT_CONNECTORS_INTERNAL_FILE_WALKER_H_
#define RAPPORT_CONNECTORS_INTERNAL_FILE_WALKER_H_

#include <string>
#include <vector>

#include "base/status.h"

namespace rapport::connectors::internal {

// Appends the files found to *files, even when part of the walk fails; then
// returns IoError naming the first folder that could not be read, else OK.
Status ListFiles(const std::string& dir, std::vector<std::string>* files);

}  // namespace rapport::connectors::internal

#endif  // RAPPORT_CONNECTORS_INTERNAL_FILE_WALKER_H_
