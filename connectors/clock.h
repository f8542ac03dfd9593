// Clock: wall-clock time and sleeping, injectable for tests.
//
// Rate-limit headers carry Unix times, so NowMillis() is Unix time in
// milliseconds. Clock::Default() is the real clock (thread-safe, never
// destroyed). FakeClock never sleeps: SleepMillis() just moves its time
// forward and records the sleep; it is thread-safe too, so a test server
// thread may read it.
#ifndef RAPPORT_CONNECTORS_CLOCK_H_
#define RAPPORT_CONNECTORS_CLOCK_H_

#include <cstdint>
#include <mutex>
#include <vector>

namespace rapport::connectors {

class Clock {
 public:
  Clock() = default;
  Clock(const Clock&) = delete;
  Clock& operator=(const Clock&) = delete;
  virtual ~Clock() = default;

  // Milliseconds since the Unix epoch.
  virtual int64_t NowMillis() = 0;
  // Blocks for `ms` milliseconds (returns at once if ms <= 0).
  virtual void SleepMillis(int64_t ms) = 0;

  // The real clock. Owned by the library; never deleted.
  static Clock* Default();
};

class FakeClock final : public Clock {
 public:
  // Default start: 2023-06-01T00:00:00Z, so Unix-second headers look real.
  explicit FakeClock(int64_t start_ms = 1'685'577'600'000) : now_ms_(start_ms) {}

  int64_t NowMillis() override {
    std::lock_guard<std::mutex> lock(mu_);
    return now_ms_;
  }
  void SleepMillis(int64_t ms) override {
    std::lock_guard<std::mutex> lock(mu_);
    sleeps_.push_back(ms);
    if (ms > 0) now_ms_ += ms;
  }
  // Moves time forward without recording a sleep.
  void Advance(int64_t ms) {
    std::lock_guard<std::mutex> lock(mu_);
    now_ms_ += ms;
  }
  // Every SleepMillis() argument so far, in order.
  std::vector<int64_t> sleeps() const {
    std::lock_guard<std::mutex> lock(mu_);
    return sleeps_;
  }

 private:
  mutable std::mutex mu_;
  int64_t now_ms_;
  std::vector<int64_t> sleeps_;
};

}  // namespace rapport::connectors

#endif  // RAPPORT_CONNECTORS_CLOCK_H_
