// log:log for LV2 plugins: one stderr line per message, prefixed with the plugin, so a worker's
// log collection can attribute it. Trace messages (per-block chatter) are dropped.
#pragma once

#include <lv2/log/log.h>
#include <lv2/urid/urid.h>

#include <cstdarg>
#include <string>

namespace vstds {

class Lv2Log {
 public:
  Lv2Log(std::string source, LV2_URID_Map* map);
  Lv2Log(const Lv2Log&) = delete;
  Lv2Log& operator=(const Lv2Log&) = delete;
  LV2_Log_Log* feature() { return &log_; }

 private:
  static int printfImpl(LV2_Log_Handle h, LV2_URID type, const char* fmt, ...);
  static int vprintfImpl(LV2_Log_Handle h, LV2_URID type, const char* fmt, va_list ap);

  std::string source_;
  LV2_URID error_ = 0, warning_ = 0, note_ = 0, trace_ = 0;
  LV2_Log_Log log_{};
};

}  // namespace vstds
