#include "lv2-state-paths.h"

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <system_error>
#include <vector>

namespace vstds {
namespace {
char* copyOut(const std::string& s) {
  char* out = static_cast<char*>(std::malloc(s.size() + 1));
  if (out) std::memcpy(out, s.c_str(), s.size() + 1);
  return out;
}
}  // namespace

Lv2StatePaths::Lv2StatePaths() {
  map_.handle = this;
  map_.abstract_path = &Lv2StatePaths::abstractPath;
  map_.absolute_path = &Lv2StatePaths::absolutePath;
  make_.handle = this;
  make_.path = &Lv2StatePaths::makePath;
  free_.handle = this;
  free_.free_path = &Lv2StatePaths::freePath;
}

Lv2StatePaths::~Lv2StatePaths() {
  if (scratch_.empty()) return;
  std::error_code ignored;
  std::filesystem::remove_all(scratch_, ignored);
}

const std::string& Lv2StatePaths::scratchDir() {
  if (!scratch_.empty()) return scratch_;
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/vstds-lv2-XXXXXX";
  std::vector<char> buf(pattern.begin(), pattern.end());
  buf.push_back('\0');
  if (mkdtemp(buf.data())) scratch_ = buf.data();
  return scratch_;
}

char* Lv2StatePaths::abstractPath(LV2_State_Map_Path_Handle h, const char* absolute) {
  auto* self = static_cast<Lv2StatePaths*>(h);
  const std::string path = absolute ? absolute : "";
  const std::string& dir = self->scratch_;
  if (!dir.empty() && path.size() > dir.size() && path.compare(0, dir.size(), dir) == 0 && path[dir.size()] == '/')
    return copyOut(path.substr(dir.size() + 1));
  return copyOut(path);
}

char* Lv2StatePaths::absolutePath(LV2_State_Map_Path_Handle h, const char* abstract) {
  auto* self = static_cast<Lv2StatePaths*>(h);
  const std::string path = abstract ? abstract : "";
  if (path.empty() || path[0] == '/') return copyOut(path);
  const std::string& dir = self->scratchDir();
  return copyOut(dir.empty() ? path : dir + "/" + path);
}

char* Lv2StatePaths::makePath(LV2_State_Make_Path_Handle h, const char* path) {
  auto* self = static_cast<Lv2StatePaths*>(h);
  const std::string& dir = self->scratchDir();
  const std::string rel = path ? path : "";
  if (dir.empty()) return nullptr;
  const std::filesystem::path full = std::filesystem::path(dir) / std::filesystem::path(rel).relative_path();
  std::error_code ignored;
  std::filesystem::create_directories(full.parent_path(), ignored);
  return copyOut(full.string());
}

void Lv2StatePaths::freePath(LV2_State_Free_Path_Handle, char* path) { std::free(path); }

}  // namespace vstds
