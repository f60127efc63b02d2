// The LV2 worker (work:schedule) run synchronously between run() calls. Real-time hosts run the
// work on a second thread and hand responses back some blocks later, at a time that depends on
// thread scheduling; an offline dataset host must not let a sample loaded "a bit later" change the
// rendered bytes. So every request queued during run() is worked off, its responses delivered and
// end_run called before the next run(): the result is what a host with an infinitely fast worker
// would produce, the same on every machine and under any load.
#pragma once

#include <lv2/core/lv2.h>
#include <lv2/worker/worker.h>

#include <cstdint>
#include <deque>
#include <mutex>
#include <vector>

namespace vstds {

class Lv2Worker {
 public:
  Lv2Worker();
  Lv2Worker(const Lv2Worker&) = delete;
  Lv2Worker& operator=(const Lv2Worker&) = delete;

  LV2_Worker_Schedule* scheduleFeature() { return &schedule_; }
  // Works off everything scheduled so far (including work scheduled by the work itself, up to a
  // bound) against the plugin's worker interface; a plugin without one has its requests dropped.
  void runPending(LV2_Handle handle, const LV2_Worker_Interface* iface);
  // Drops queued requests and responses (before an instance is freed or recreated).
  void clear();

 private:
  using Message = std::vector<uint8_t>;
  static LV2_Worker_Status scheduleWork(LV2_Worker_Schedule_Handle h, uint32_t size, const void* data);
  static LV2_Worker_Status respond(LV2_Worker_Respond_Handle h, uint32_t size, const void* data);

  LV2_Worker_Schedule schedule_{};
  std::mutex mutex_;  // some plugins schedule from their own threads
  std::deque<Message> requests_;
  std::vector<Message> responses_;
};

}  // namespace vstds
