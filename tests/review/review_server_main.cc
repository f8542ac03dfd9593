// review_test_server: serves an artifacts.jsonl over a state store with
// ServeReview, for the browser end-to-end test (tests/browser/review_e2e.mjs).
//
// Usage: review_test_server --state DIR --artifacts FILE [--port N] [--bind ADDR]
// Prints "listening http://ADDR:PORT/" on stdout once requests are served
// (--port 0, the default, picks a free port). Stops on SIGINT/SIGTERM or when
// stdin reaches end of file (so it never outlives the test that spawned it).
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>

#include "pipeline/state_store.h"
#include "review/review_server.h"

int main(int argc, char** argv) {
  std::string state_dir;
  rapport::review::ReviewServerOptions options;
  options.port = 0;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--state") {
      state_dir = argv[i + 1];
    } else if (flag == "--artifacts") {
      options.artifacts_path = argv[i + 1];
    } else if (flag == "--port") {
      options.port = std::atoi(argv[i + 1]);
    } else if (flag == "--bind") {
      options.bind = argv[i + 1];
    } else {
      std::fprintf(stderr, "review_test_server: unknown option %s\n", argv[i]);
      return 2;
    }
  }
  if (state_dir.empty() || options.artifacts_path.empty()) {
    std::fprintf(stderr, "usage: review_test_server --state DIR --artifacts FILE [--port N] [--bind ADDR]\n");
    return 2;
  }
  auto store = rapport::pipeline::StateStore::Open(state_dir);
  if (!store.ok()) {
    std::fprintf(stderr, "review_test_server: %s\n", store.status().ToString().c_str());
    return 5;
  }
  std::atomic<bool> stop{false};
  std::thread stdin_watch([&stop] {
    char buf[256];
    while (::read(STDIN_FILENO, buf, sizeof(buf)) > 0) {
    }
    stop = true;
  });
  stdin_watch.detach();
  rapport::Status st = rapport::review::ServeReview(
      store->get(), options,
      [&options](int port) {
        std::printf("listening http://%s:%d/\n", options.bind.c_str(), port);
        std::fflush(stdout);
      },
      &stop);
  if (!st.ok()) {
    std::fprintf(stderr, "review_test_server: %s\n", st.ToString().c_str());
    return 1;
  }
  return 0;
}
