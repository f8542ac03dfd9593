// Helpers shared by the fuzz targets: invariant checks that abort (so
// libFuzzer and the replay driver both report them), splitting one input into
// fields, and a private scratch folder for targets that must go through files.
// Test-only code; not thread-safe.
#ifndef RAPPORT_FUZZ_FUZZ_UTIL_H_
#define RAPPORT_FUZZ_FUZZ_UTIL_H_

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

// Aborts with a message when an invariant does not hold: a finding.
#define FUZZ_CHECK(cond)                                                                  \
  do {                                                                                    \
    if (!(cond)) {                                                                        \
      std::fprintf(stderr, "%s:%d: FUZZ_CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                                       \
    }                                                                                     \
  } while (0)

namespace rapport::fuzz {

inline std::string_view AsView(const uint8_t* data, size_t size) {
  return std::string_view(reinterpret_cast<const char*>(data), size);
}

// Splits `in` at each `sep` into at most `max_parts` fields (the last keeps
// the rest). "a\x1f" "b" -> {"a","b"}. Lets one input carry several strings
// while the seeds stay readable.
inline std::vector<std::string_view> Split(std::string_view in, char sep, size_t max_parts) {
  std::vector<std::string_view> parts;
  while (parts.size() + 1 < max_parts) {
    size_t at = in.find(sep);
    if (at == std::string_view::npos) break;
    parts.push_back(in.substr(0, at));
    in.remove_prefix(at + 1);
  }
  parts.push_back(in);
  return parts;
}

// A folder private to this process, on tmpfs when there is one (targets that
// write files run thousands of times a second). Removed at exit.
class ScratchDir {
 public:
  ScratchDir() {
    std::error_code ec;
    std::filesystem::path base = std::filesystem::is_directory("/dev/shm", ec) ? std::filesystem::path("/dev/shm")
                                                                                : std::filesystem::temp_directory_path();
    path_ = base / ("rapport-fuzz-" + std::to_string(::getpid()));
    std::filesystem::remove_all(path_, ec);
    std::filesystem::create_directories(path_, ec);
  }
  ~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // Writes `content` to `rel` inside the folder (creating parents); returns the path.
  std::string Write(const std::string& rel, std::string_view content) const {
    std::filesystem::path p = path_ / rel;
    std::error_code ec;
    std::filesystem::create_directories(p.parent_path(), ec);
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    return p.string();
  }
  // Empties the folder, keeping it.
  void Clear() const {
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(path_, ec)) std::filesystem::remove_all(entry.path(), ec);
  }

 private:
  std::filesystem::path path_;
};

// The scratch folder of this process, made on first use.
inline const ScratchDir& Scratch() {
  static const ScratchDir dir;
  return dir;
}

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::string s;
  char buf[65536];
  while (in.read(buf, sizeof(buf)) || in.gcount() > 0) s.append(buf, static_cast<size_t>(in.gcount()));
  return s;
}

}  // namespace rapport::fuzz

#endif  // RAPPORT_FUZZ_FUZZ_UTIL_H_
