// rss_run: runs a command and reports its wall time and peak RSS from the OS.
//
//   rss_run CMD [ARGS...]
// Prints "wall_s W maxrss_kib R exit E" on stderr after the child ends
// (ru_maxrss of the child from wait4). The child's stdout/stderr pass through.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: rss_run CMD [ARGS...]\n");
    return 2;
  }
  auto start = std::chrono::steady_clock::now();
  pid_t pid = fork();
  if (pid == 0) {
    execvp(argv[1], argv + 1);
    _exit(127);
  }
  int status = 0;
  struct rusage usage {};
  wait4(pid, &status, 0, &usage);
  double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  std::fprintf(stderr, "wall_s %.4f maxrss_kib %ld exit %d\n", wall, usage.ru_maxrss, code);
  return code;
}
