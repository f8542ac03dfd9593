#include "connectors/clock.h"

#include <chrono>
#include <thread>

namespace rapport::connectors {

namespace {

class RealClock final : public Clock {
 public:
  int64_t NowMillis() override {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
  }
  void SleepMillis(int64_t ms) override {
    if (ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(ms));
  }
};

}  // namespace

Clock* Clock::Default() {
  static Clock* clock = new RealClock();  // never deleted: usable during static destruction
  return clock;
}

}  // namespace rapport::connectors
