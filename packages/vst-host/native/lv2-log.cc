#include "lv2-log.h"

#include <cstdio>
#include <vector>

namespace vstds {

Lv2Log::Lv2Log(std::string source, LV2_URID_Map* map) : source_(std::move(source)) {
  error_ = map->map(map->handle, LV2_LOG__Error);
  warning_ = map->map(map->handle, LV2_LOG__Warning);
  note_ = map->map(map->handle, LV2_LOG__Note);
  trace_ = map->map(map->handle, LV2_LOG__Trace);
  log_.handle = this;
  log_.printf = &Lv2Log::printfImpl;
  log_.vprintf = &Lv2Log::vprintfImpl;
}

int Lv2Log::printfImpl(LV2_Log_Handle h, LV2_URID type, const char* fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  const int n = vprintfImpl(h, type, fmt, ap);
  va_end(ap);
  return n;
}

int Lv2Log::vprintfImpl(LV2_Log_Handle h, LV2_URID type, const char* fmt, va_list ap) {
  const auto* self = static_cast<const Lv2Log*>(h);
  if (!fmt) return 0;
  va_list copy;
  va_copy(copy, ap);
  const int n = std::vsnprintf(nullptr, 0, fmt, copy);
  va_end(copy);
  if (n < 0 || type == self->trace_) return n < 0 ? 0 : n;
  std::vector<char> text(static_cast<size_t>(n) + 1);
  std::vsnprintf(text.data(), text.size(), fmt, ap);
  std::string line(text.data(), static_cast<size_t>(n));
  while (!line.empty() && line.back() == '\n') line.pop_back();
  const char* level = type == self->error_ ? "error" : type == self->warning_ ? "warning" : "note";
  std::fprintf(stderr, "[lv2 %s] %s: %s\n", level, self->source_.c_str(), line.c_str());
  return n;
}

}  // namespace vstds
