// A VST3 bundle's shared library: dlopen'ed with RTLD_LOCAL and entered through ModuleEntry.
#pragma once

#include <memory>
#include <string>

#include "pluginterfaces/base/ipluginbase.h"

namespace vstds {

class LoadedLibrary;

// One instance's hold on a module. The library itself is process-wide (the dynamic loader keeps
// one copy), and ModuleEntry/ModuleExit must bracket its whole use exactly once: DPF's ModuleExit
// destroys the state every instance's factory calls rely on. So holds on the same library share
// one LoadedLibrary, counted in a process-wide registry that mirrors the loader's own bookkeeping
// (worker_threads included); the last hold to go calls ModuleExit and dlclose.
class Vst3Module {
 public:
  // `bundlePath` is a `.vst3` directory (or a bare .so). Throws HostError on every failure.
  explicit Vst3Module(const std::string& bundlePath);
  ~Vst3Module();
  Vst3Module(const Vst3Module&) = delete;
  Vst3Module& operator=(const Vst3Module&) = delete;

  Steinberg::IPluginFactory* factory() const;
  const std::string& libraryPath() const { return libraryPath_; }

 private:
  std::string libraryPath_;
  LoadedLibrary* library_ = nullptr;
};

}  // namespace vstds
