#include "vst3-module.h"

#include <dirent.h>
#include <dlfcn.h>
#include <sys/stat.h>

#include <climits>
#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

#include "plugin-instance.h"
#include "vst3-host-objects.h"

namespace vstds {
namespace {

bool isDirectory(const std::string& path) {
  struct stat st {};
  return stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

std::vector<std::string> sharedObjectsIn(const std::string& dir) {
  std::vector<std::string> out;
  if (DIR* d = opendir(dir.c_str())) {
    while (dirent* e = readdir(d)) {
      std::string name = e->d_name;
      if (name.size() > 3 && name.compare(name.size() - 3, 3, ".so") == 0) out.push_back(dir + "/" + name);
    }
    closedir(d);
  }
  return out;
}

std::string findLibrary(const std::string& bundlePath) {
  struct stat st {};
  if (stat(bundlePath.c_str(), &st) != 0)
    throw HostError("E_NOT_FOUND", bundlePath + ": no such file or directory");
  if (!S_ISDIR(st.st_mode)) return bundlePath;  // a bare module file
  const std::string contents = bundlePath + "/Contents";
  if (!isDirectory(contents))
    throw HostError("E_NOT_A_BUNDLE", bundlePath +
                                          ": not a VST3 bundle (expected a Contents/ folder with "
                                          "x86_64-linux/<name>.so inside)");
  const std::string archDir = contents + "/x86_64-linux";
  auto libs = sharedObjectsIn(archDir);
  if (libs.empty())
    throw HostError("E_NO_MODULE", bundlePath + ": the bundle has no audio module (expected " + archDir +
                                       "/<name>.so; found none)");
  // Prefer the module named after the bundle, as hosts conventionally do.
  std::string stem = bundlePath;
  while (!stem.empty() && stem.back() == '/') stem.pop_back();
  stem = stem.substr(stem.find_last_of('/') + 1);
  if (stem.size() > 5) stem = stem.substr(0, stem.size() - 5);
  for (const auto& lib : libs)
    if (lib == archDir + "/" + stem + ".so") return lib;
  return libs.front();
}

}  // namespace

// dlopen + ModuleEntry + GetPluginFactory, undone in reverse by the destructor.
class LoadedLibrary {
 public:
  explicit LoadedLibrary(const std::string& path);
  ~LoadedLibrary();
  LoadedLibrary(const LoadedLibrary&) = delete;
  LoadedLibrary& operator=(const LoadedLibrary&) = delete;

  Steinberg::IPluginFactory* factory() const { return factory_; }
  int holds = 0;  // guarded by the registry's mutex

 private:
  void unload();

  std::string path_;
  void* handle_ = nullptr;
  bool entered_ = false;
  Steinberg::IPluginFactory* factory_ = nullptr;
  // The factory's host context lives as long as the factory, not as long as one instance.
  HostApplication hostContext_;
};

namespace {

struct Registry {
  std::mutex mutex;
  std::map<std::string, std::unique_ptr<LoadedLibrary>> libraries;
};

// The one process-wide table (see Vst3Module): it exists because the loaded library does.
Registry& registry() {
  static Registry instance;
  return instance;
}

std::string canonical(const std::string& path) {
  char resolved[PATH_MAX];
  return realpath(path.c_str(), resolved) ? std::string(resolved) : path;
}

}  // namespace

LoadedLibrary::LoadedLibrary(const std::string& path) : path_(path) {
  // RTLD_LOCAL: plugins bundling their own copies of common libraries must not bind to each other.
  handle_ = dlopen(path_.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle_) {
    const char* err = dlerror();
    throw HostError("E_MODULE_LOAD", path_ + ": dlopen failed: " + (err ? err : "unknown error"));
  }
  using EntryFn = bool (*)(void*);
  auto entry = reinterpret_cast<EntryFn>(dlsym(handle_, "ModuleEntry"));
  if (!entry) entry = reinterpret_cast<EntryFn>(dlsym(handle_, "InitDll"));
  if (entry) {
    bool ok = false;
    try {
      ok = entry(handle_);
    } catch (...) {
      ok = false;
    }
    if (!ok) {
      unload();
      throw HostError("E_MODULE_LOAD", path_ + ": ModuleEntry returned false");
    }
    entered_ = true;
  }
  using FactoryFn = Steinberg::IPluginFactory* (*)();
  auto getFactory = reinterpret_cast<FactoryFn>(dlsym(handle_, "GetPluginFactory"));
  if (getFactory) {
    try {
      factory_ = getFactory();
    } catch (...) {
      factory_ = nullptr;
    }
  }
  if (!factory_) {
    const bool missing = getFactory == nullptr;
    unload();
    throw HostError("E_MODULE_LOAD", path_ + (missing ? ": does not export GetPluginFactory (not a VST3 module)"
                                                       : ": GetPluginFactory returned null"));
  }
  try {
    Steinberg::IPluginFactory3* factory3 = nullptr;
    if (factory_->queryInterface(Steinberg::IPluginFactory3::iid, reinterpret_cast<void**>(&factory3)) ==
            Steinberg::kResultOk &&
        factory3) {
      factory3->setHostContext(&hostContext_);
      factory3->release();
    }
  } catch (...) {
  }
}

LoadedLibrary::~LoadedLibrary() { unload(); }

void LoadedLibrary::unload() {
  if (!handle_) return;
  if (factory_) {
    try {
      factory_->release();
    } catch (...) {
    }
    factory_ = nullptr;
  }
  if (entered_) {
    using ExitFn = bool (*)();
    auto exitFn = reinterpret_cast<ExitFn>(dlsym(handle_, "ModuleExit"));
    if (!exitFn) exitFn = reinterpret_cast<ExitFn>(dlsym(handle_, "ExitDll"));
    try {
      if (exitFn) exitFn();
    } catch (...) {
    }
    entered_ = false;
  }
  dlclose(handle_);
  handle_ = nullptr;
}

Vst3Module::Vst3Module(const std::string& bundlePath) : libraryPath_(canonical(findLibrary(bundlePath))) {
  Registry& r = registry();
  std::lock_guard<std::mutex> lock(r.mutex);
  auto& slot = r.libraries[libraryPath_];
  if (!slot) {
    try {
      slot = std::make_unique<LoadedLibrary>(libraryPath_);
    } catch (...) {
      r.libraries.erase(libraryPath_);
      throw;
    }
  }
  ++slot->holds;
  library_ = slot.get();
}

Vst3Module::~Vst3Module() {
  Registry& r = registry();
  std::lock_guard<std::mutex> lock(r.mutex);
  if (--library_->holds == 0) r.libraries.erase(libraryPath_);  // ModuleExit + dlclose, under the lock
}

Steinberg::IPluginFactory* Vst3Module::factory() const { return library_->factory(); }

}  // namespace vstds
