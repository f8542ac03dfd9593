// rss_run: runs a command and reports its wall time, CPU time and peak RSS
// as the OS accounted them.
//
//   rss_run CMD [ARGS...]
//
// Forks, execs CMD (PATH lookup), waits with wait4() and prints on stderr,
// after the child's own output:
//   rss_run: wall_s W user_s U sys_s S maxrss_kib R exit E
// where R is the child's ru_maxrss (KiB on Linux) and E its exit code
// (128 + signal number if it was killed). The child's stdout and stderr pass
// through. Exits with the child's code.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: rss_run CMD [ARGS...]\n");
    return 2;
  }
  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = fork();
  if (pid < 0) {
    std::fprintf(stderr, "rss_run: fork: %s\n", std::strerror(errno));
    return 127;
  }
  if (pid == 0) {
    execvp(argv[1], argv + 1);
    std::fprintf(stderr, "rss_run: cannot run %s: %s\n", argv[1], std::strerror(errno));
    _exit(127);
  }
  int status = 0;
  struct rusage usage {};
  while (wait4(pid, &status, 0, &usage) < 0) {
    if (errno != EINTR) {
      std::fprintf(stderr, "rss_run: wait4: %s\n", std::strerror(errno));
      return 127;
    }
  }
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const double user = static_cast<double>(usage.ru_utime.tv_sec) + usage.ru_utime.tv_usec / 1e6;
  const double sys = static_cast<double>(usage.ru_stime.tv_sec) + usage.ru_stime.tv_usec / 1e6;
  const int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  std::fprintf(stderr, "rss_run: wall_s %.4f user_s %.4f sys_s %.4f maxrss_kib %ld exit %d\n", wall, user, sys,
               usage.ru_maxrss, code);
  return code;
}
