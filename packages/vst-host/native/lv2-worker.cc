#include "lv2-worker.h"

namespace vstds {
namespace {
// A plugin whose work always schedules more work would otherwise hang the render.
constexpr int kMaxRounds = 64;
constexpr uint32_t kMaxMessage = 1u << 20;
}  // namespace

Lv2Worker::Lv2Worker() {
  schedule_.handle = this;
  schedule_.schedule_work = &Lv2Worker::scheduleWork;
}

LV2_Worker_Status Lv2Worker::scheduleWork(LV2_Worker_Schedule_Handle h, uint32_t size, const void* data) {
  if (size > kMaxMessage || (size > 0 && !data)) return LV2_WORKER_ERR_NO_SPACE;
  auto* self = static_cast<Lv2Worker*>(h);
  const auto* bytes = static_cast<const uint8_t*>(data);
  std::lock_guard<std::mutex> lock(self->mutex_);
  self->requests_.emplace_back(bytes, bytes + size);
  return LV2_WORKER_SUCCESS;
}

LV2_Worker_Status Lv2Worker::respond(LV2_Worker_Respond_Handle h, uint32_t size, const void* data) {
  if (size > kMaxMessage || (size > 0 && !data)) return LV2_WORKER_ERR_NO_SPACE;
  auto* self = static_cast<Lv2Worker*>(h);
  const auto* bytes = static_cast<const uint8_t*>(data);
  std::lock_guard<std::mutex> lock(self->mutex_);
  self->responses_.emplace_back(bytes, bytes + size);
  return LV2_WORKER_SUCCESS;
}

void Lv2Worker::runPending(LV2_Handle handle, const LV2_Worker_Interface* iface) {
  for (int round = 0; round < kMaxRounds; ++round) {
    std::deque<Message> requests;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      requests.swap(requests_);
    }
    if (!iface || !iface->work) return;
    if (requests.empty()) break;
    for (const Message& m : requests)
      iface->work(handle, &Lv2Worker::respond, this, static_cast<uint32_t>(m.size()), m.data());
    std::vector<Message> responses;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      responses.swap(responses_);
    }
    if (iface->work_response)
      for (const Message& m : responses) iface->work_response(handle, static_cast<uint32_t>(m.size()), m.data());
    if (iface->end_run) iface->end_run(handle);
  }
}

void Lv2Worker::clear() {
  std::lock_guard<std::mutex> lock(mutex_);
  requests_.clear();
  responses_.clear();
}

}  // namespace vstds
