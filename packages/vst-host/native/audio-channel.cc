#include "plugin-instance.h"

namespace vstds {

ChannelPool::~ChannelPool() {
  for (auto& [size, data] : kept_) delete[] data;
}

float* ChannelPool::take(size_t size) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto it = kept_.begin(); it != kept_.end(); ++it) {
      if (it->first == size) {
        float* data = it->second;
        kept_.erase(it);
        return data;
      }
    }
  }
  return new float[size > 0 ? size : 1];
}

void ChannelPool::give(float* data, size_t size) {
  if (!data) return;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (kept_.size() < kMaxKept) {
      kept_.emplace_back(size, data);
      return;
    }
  }
  delete[] data;
}

void freeChannel(const std::shared_ptr<ChannelPool>& pool, float* data, size_t size) {
  if (pool) {
    pool->give(data, size);
  } else {
    delete[] data;
  }
}

AudioChannel::AudioChannel(size_t size, std::shared_ptr<ChannelPool> pool)
    : data_(pool ? pool->take(size) : new float[size > 0 ? size : 1]), size_(size), pool_(std::move(pool)) {}

AudioChannel::~AudioChannel() { freeChannel(pool_, data_, size_); }

}  // namespace vstds
