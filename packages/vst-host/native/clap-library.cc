#include "clap-library.h"

#include <dlfcn.h>

#include <map>
#include <mutex>

#include "plugin-instance.h"

namespace vstds {

namespace {
std::mutex registryMutex;
std::map<std::string, std::weak_ptr<ClapLibrary>>& registry() {
  static std::map<std::string, std::weak_ptr<ClapLibrary>> libraries;
  return libraries;
}
}  // namespace

std::shared_ptr<ClapLibrary> ClapLibrary::open(const std::string& path) {
  std::lock_guard<std::mutex> lock(registryMutex);
  auto& libraries = registry();
  if (auto existing = libraries[path].lock()) return existing;
  std::shared_ptr<ClapLibrary> library(new ClapLibrary(path));
  libraries[path] = library;
  return library;
}

ClapLibrary::ClapLibrary(std::string path) : path_(std::move(path)) {
  // RTLD_LOCAL: plugins bundling their own copies of common libraries must not bind to each other.
  handle_ = dlopen(path_.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle_) {
    const char* why = dlerror();
    throw HostError("E_MODULE_LOAD", path_ + ": dlopen failed: " + (why ? why : "unknown error"));
  }
  entry_ = static_cast<const clap_plugin_entry_t*>(dlsym(handle_, "clap_entry"));
  if (!entry_) {
    dlclose(handle_);
    throw HostError("E_NO_MODULE", path_ + ": not a CLAP plugin (the library exports no clap_entry)");
  }
  if (!clap_version_is_compatible(entry_->clap_version)) {
    dlclose(handle_);
    throw HostError("E_MODULE_LOAD", path_ + ": CLAP version " + std::to_string(entry_->clap_version.major) + "." +
                                         std::to_string(entry_->clap_version.minor) + " is not supported by this host");
  }
  bool ok = false;
  try {
    ok = entry_->init && entry_->init(path_.c_str());
  } catch (...) {
    ok = false;
  }
  if (!ok) {
    dlclose(handle_);
    throw HostError("E_MODULE_LOAD", path_ + ": clap_entry.init failed");
  }
  try {
    factory_ = static_cast<const clap_plugin_factory_t*>(entry_->get_factory(CLAP_PLUGIN_FACTORY_ID));
  } catch (...) {
    factory_ = nullptr;
  }
  if (!factory_ || !factory_->get_plugin_count || !factory_->create_plugin) {
    try {
      entry_->deinit();
    } catch (...) {
    }
    dlclose(handle_);
    throw HostError("E_NO_MODULE", path_ + ": the CLAP file has no plugin factory");
  }
}

ClapLibrary::~ClapLibrary() {
  try {
    if (entry_ && entry_->deinit) entry_->deinit();
  } catch (...) {
  }
  if (handle_) dlclose(handle_);
}

}  // namespace vstds
