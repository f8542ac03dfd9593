// write_floor: the floor under writing Rapport's outputs. Reads the given
// files (a run's outputs) into memory first, then writes their bytes into new
// files in OUT_DIR the way AtomicFile (pipeline/export/atomic_file) commits an
// output: a temporary file, fsync, rename over the final name (AtomicFile
// writes through stdio and also syncs the folder; here plain write(2) calls
// of 64 KiB); then removes what it wrote. What it reports is what the kernel and
// the disk cost for that many bytes, with no formatting at all: the part of
// Rapport's time that no faster code can remove while the outputs stay the
// same.
//
//   write_floor OUT_DIR FILE...
//
// Prints on stdout:
//   write_floor: files N bytes B write_s W fsync_s F total_s T
// Exits non-zero if a file cannot be read or written.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

namespace {

constexpr size_t kWriteBytes = 64 * 1024;

double Seconds(std::chrono::steady_clock::time_point a, std::chrono::steady_clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

bool ReadWhole(const char* path, std::string* out) {
  const int fd = ::open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    ::close(fd);
    return false;
  }
  out->resize(static_cast<size_t>(st.st_size));
  size_t got = 0;
  while (got < out->size()) {
    const ssize_t n = ::read(fd, out->data() + got, out->size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    got += static_cast<size_t>(n);
  }
  ::close(fd);
  out->resize(got);
  return true;
}

bool WriteAll(int fd, const char* p, size_t n) {
  while (n > 0) {
    const ssize_t w = ::write(fd, p, n < kWriteBytes ? n : kWriteBytes);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return false;
    p += w;
    n -= static_cast<size_t>(w);
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: write_floor OUT_DIR FILE...\n");
    return 2;
  }
  const std::string dir = argv[1];
  std::vector<std::string> contents(static_cast<size_t>(argc - 2));
  size_t bytes = 0;
  for (int i = 2; i < argc; ++i) {
    if (!ReadWhole(argv[i], &contents[static_cast<size_t>(i - 2)])) {
      std::fprintf(stderr, "write_floor: cannot read %s: %s\n", argv[i], std::strerror(errno));
      return 1;
    }
    bytes += contents[static_cast<size_t>(i - 2)].size();
  }
  if (::mkdir(dir.c_str(), 0755) != 0 && errno != EEXIST) {
    std::fprintf(stderr, "write_floor: cannot create %s: %s\n", dir.c_str(), std::strerror(errno));
    return 1;
  }
  double write_s = 0, fsync_s = 0;
  std::vector<std::string> written;
  const auto start = std::chrono::steady_clock::now();
  for (size_t i = 0; i < contents.size(); ++i) {
    const std::string final_path = dir + "/write_floor." + std::to_string(i);
    const std::string tmp_path = final_path + ".tmp";
    const int fd = ::open(tmp_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    const auto t0 = std::chrono::steady_clock::now();
    const bool ok = fd >= 0 && WriteAll(fd, contents[i].data(), contents[i].size());
    const auto t1 = std::chrono::steady_clock::now();
    const bool synced = ok && ::fsync(fd) == 0;
    const auto t2 = std::chrono::steady_clock::now();
    if (fd >= 0) ::close(fd);
    if (!synced || std::rename(tmp_path.c_str(), final_path.c_str()) != 0) {
      std::fprintf(stderr, "write_floor: cannot write %s: %s\n", tmp_path.c_str(), std::strerror(errno));
      std::remove(tmp_path.c_str());
      for (const std::string& w : written) std::remove(w.c_str());
      return 1;
    }
    written.push_back(final_path);
    write_s += Seconds(t0, t1);
    fsync_s += Seconds(t1, t2);
  }
  const double total_s = Seconds(start, std::chrono::steady_clock::now());
  for (const std::string& w : written) std::remove(w.c_str());
  std::printf("write_floor: files %zu bytes %zu write_s %.3f fsync_s %.3f total_s %.3f\n", contents.size(), bytes,
              write_s, fsync_s, total_s);
  return 0;
}
