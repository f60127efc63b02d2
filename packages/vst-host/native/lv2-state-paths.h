// state:mapPath, state:makePath and state:freePath for one LV2 instance. Files a plugin makes
// (recorded samples, caches) go to a private scratch directory created on first use and removed
// with the instance, so concurrent workers never share or leak files. Paths inside it are stored
// relative; any other path (a sample in the plugin's bundle, a user's file) stays absolute.
#pragma once

#include <lv2/state/state.h>

#include <string>

namespace vstds {

class Lv2StatePaths {
 public:
  Lv2StatePaths();
  ~Lv2StatePaths();
  Lv2StatePaths(const Lv2StatePaths&) = delete;
  Lv2StatePaths& operator=(const Lv2StatePaths&) = delete;

  LV2_State_Map_Path* mapFeature() { return &map_; }
  LV2_State_Make_Path* makeFeature() { return &make_; }
  LV2_State_Free_Path* freeFeature() { return &free_; }
  // The scratch directory, created if needed ("" when it cannot be created).
  const std::string& scratchDir();

 private:
  static char* abstractPath(LV2_State_Map_Path_Handle h, const char* absolute);
  static char* absolutePath(LV2_State_Map_Path_Handle h, const char* abstract);
  static char* makePath(LV2_State_Make_Path_Handle h, const char* path);
  static void freePath(LV2_State_Free_Path_Handle h, char* path);

  std::string scratch_;
  LV2_State_Map_Path map_{};
  LV2_State_Make_Path make_{};
  LV2_State_Free_Path free_{};
};

}  // namespace vstds
