// A per-instance URID map for LV2 plugins (no process-wide table).
#pragma once

#include <lv2/urid/urid.h>

#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace vstds {

class Lv2UridMap {
 public:
  Lv2UridMap() {
    map_.handle = this;
    map_.map = &Lv2UridMap::mapUri;
    unmap_.handle = this;
    unmap_.unmap = &Lv2UridMap::unmapUri;
  }
  Lv2UridMap(const Lv2UridMap&) = delete;
  Lv2UridMap& operator=(const Lv2UridMap&) = delete;

  LV2_URID map(const char* uri) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = ids_.find(uri);
    if (it != ids_.end()) return it->second;
    uris_.emplace_back(uri);
    const auto id = static_cast<LV2_URID>(uris_.size());
    ids_.emplace(uris_.back(), id);
    return id;
  }
  const char* unmap(LV2_URID id) {
    std::lock_guard<std::mutex> lock(mutex_);
    return id >= 1 && id <= uris_.size() ? uris_[id - 1].c_str() : nullptr;
  }
  LV2_URID_Map* mapFeature() { return &map_; }
  LV2_URID_Unmap* unmapFeature() { return &unmap_; }

 private:
  static LV2_URID mapUri(LV2_URID_Map_Handle h, const char* uri) { return static_cast<Lv2UridMap*>(h)->map(uri); }
  static const char* unmapUri(LV2_URID_Unmap_Handle h, LV2_URID id) { return static_cast<Lv2UridMap*>(h)->unmap(id); }

  std::mutex mutex_;  // plugins may map from their own threads
  std::vector<std::string> uris_;
  std::unordered_map<std::string, LV2_URID> ids_;
  LV2_URID_Map map_{};
  LV2_URID_Unmap unmap_{};
};

}  // namespace vstds
