#include "connectors/internal/file_walker.h"

#include <algorithm>
#include <filesystem>
#include <system_error>

namespace rapport::connectors::internal {

namespace fs = std::filesystem;

Status ListFiles(const std::string& dir, std::vector<std::string>* files) {
  Status status;
  std::vector<std::string> found;
  std::error_code ec;
  fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
  if (ec) return Status::IoError("cannot read folder " + dir + ": " + ec.message());
  for (fs::recursive_directory_iterator end; it != end;) {
    const fs::path& path = it->path();
    std::string name = path.filename().string();
    std::error_code type_ec;
    if (!name.empty() && name[0] == '.') {
      if (it->is_directory(type_ec)) it.disable_recursion_pending();
    } else if (it->is_regular_file(type_ec)) {
      found.push_back(path.string());
    }
    it.increment(ec);
    if (ec) {
      if (status.ok()) status = Status::IoError("cannot read folder under " + dir + ": " + ec.message());
      break;
    }
  }
  std::sort(found.begin(), found.end());
  files->insert(files->end(), found.begin(), found.end());
  return status;
}

}  // namespace rapport::connectors::internal
