// Helpers shared by the connectors tests: temp folders, file writers, Status
// assertions. Test-only; not thread-safe.
#ifndef RAPPORT_TESTS_CONNECTORS_TEST_UTIL_H_
#define RAPPORT_TESTS_CONNECTORS_TEST_UTIL_H_

#include <gtest/gtest.h>
#include <zlib.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <system_error>

#include "base/status.h"

#define ASSERT_RAPPORT_OK(expr)              \
  do {                                       \
    ::rapport::Status _st = (expr);          \
    ASSERT_TRUE(_st.ok()) << _st.ToString(); \
  } while (0)

namespace rapport::testing {

// A fresh folder under the test temp dir, removed on destruction.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::path(::testing::TempDir()) / "rapport_conn_XXXXXX").string();
    char* made = mkdtemp(tmpl.data());
    EXPECT_NE(made, nullptr);
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  // Path of `rel` inside the folder, creating parent folders.
  std::string Path(const std::string& rel) const {
    std::filesystem::path p = std::filesystem::path(path_) / rel;
    std::filesystem::create_directories(p.parent_path());
    return p.string();
  }
  std::string Write(const std::string& rel, std::string_view content) const {
    std::string p = Path(rel);
    std::ofstream out(p, std::ios::binary);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    EXPECT_TRUE(out.good()) << p;
    return p;
  }
  std::string WriteGzip(const std::string& rel, std::string_view content) const {
    std::string p = Path(rel);
    gzFile gz = gzopen(p.c_str(), "wb");
    EXPECT_NE(gz, nullptr) << p;
    size_t off = 0;
    while (off < content.size()) {
      unsigned n = static_cast<unsigned>(std::min<size_t>(content.size() - off, 1 << 20));
      EXPECT_EQ(gzwrite(gz, content.data() + off, n), static_cast<int>(n));
      off += n;
    }
    EXPECT_EQ(gzclose(gz), Z_OK);
    return p;
  }

 private:
  std::string path_;
};

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace rapport::testing

#endif  // RAPPORT_TESTS_CONNECTORS_TEST_UTIL_H_
