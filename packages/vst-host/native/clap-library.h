// One loaded .clap file: the shared library and its clap_entry, initialised once per path.
#pragma once

#include <memory>
#include <string>

#include "clap/entry.h"
#include "clap/plugin-factory.h"

namespace vstds {

class ClapLibrary {
 public:
  // The same file loaded twice shares one library: CLAP forbids a second clap_entry.init before
  // deinit, so the registry behind open() mirrors the dynamic loader's own reference counting.
  static std::shared_ptr<ClapLibrary> open(const std::string& path);
  ~ClapLibrary();
  ClapLibrary(const ClapLibrary&) = delete;
  ClapLibrary& operator=(const ClapLibrary&) = delete;

  const clap_plugin_factory_t& factory() const { return *factory_; }
  const std::string& path() const { return path_; }

 private:
  explicit ClapLibrary(std::string path);
  std::string path_;
  void* handle_ = nullptr;
  const clap_plugin_entry_t* entry_ = nullptr;
  const clap_plugin_factory_t* factory_ = nullptr;
};

}  // namespace vstds
