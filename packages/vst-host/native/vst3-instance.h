// One VST3 plugin instance: component + edit controller, buses, and the per-render reset protocol.
#pragma once

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "plugin-instance.h"
#include "pluginterfaces/base/smartpointer.h"
#include "pluginterfaces/vst/ivstaudioprocessor.h"
#include "pluginterfaces/vst/ivstcomponent.h"
#include "pluginterfaces/vst/ivsteditcontroller.h"
#include "pluginterfaces/vst/ivstmessage.h"
#include "pluginterfaces/vst/ivstprocesscontext.h"
#include "vst3-host-objects.h"
#include "vst3-module.h"
#include "vst3-preset.h"

namespace vstds {

class Vst3Instance final : public PluginInstance {
 public:
  Vst3Instance(const std::string& bundlePath, const HostOptions& options);
  ~Vst3Instance() override;
  Vst3Instance(const Vst3Instance&) = delete;
  Vst3Instance& operator=(const Vst3Instance&) = delete;

  const PluginInfo& info() const override { return info_; }
  std::vector<ParameterInfo> parameters() override { return parameters_; }
  RenderResult render(const RenderRequest& request) override;
  std::vector<uint8_t> getState() override;
  void setState(const std::vector<uint8_t>& state) override;
  void applyToBase(const std::vector<std::pair<uint32_t, double>>& params) override;
  std::vector<double> parameterValues() override;
  void setReinstantiate(bool on) override;
  bool setParamsReset(bool on) override;

 private:
  struct Bus {
    int channels = 0;
    std::vector<std::vector<float>> buffers;
    std::vector<float*> pointers;
  };

  void createObjects();
  void destroyObjects();
  void createComponent(const std::string& bundlePath);
  void setupBuses();
  void setActive(bool active);
  void resetToBase();
  void applyChunks(const VstPresetChunks& chunks, bool wholeController);
  void restoreChangedParameters();
  void addRestorePoints(const std::vector<std::pair<uint32_t, double>>& skip);
  void captureControllerBase();
  void processBlock(int numSamples);
  void runSilence(int64_t samples);
  void readParameters();
  std::vector<uint8_t> componentState();
  std::vector<uint8_t> controllerState();

  HostOptions options_;
  std::string bundlePath_;
  // Host objects outlive the plugin objects declared after them.
  HostApplication hostApplication_;
  ComponentHandler componentHandler_;
  EventList inputEvents_, outputEvents_;
  ParameterChanges inputChanges_, outputChanges_;
  std::unique_ptr<Vst3Module> module_;
  Steinberg::IPtr<Steinberg::Vst::IComponent> component_;
  Steinberg::IPtr<Steinberg::Vst::IAudioProcessor> processor_;
  Steinberg::IPtr<Steinberg::Vst::IEditController> controller_;
  Steinberg::IPtr<Steinberg::Vst::IConnectionPoint> componentConnection_, controllerConnection_;
  bool separateController_ = false;
  bool active_ = false;

  PluginInfo info_;
  std::vector<ParameterInfo> parameters_;
  std::vector<Bus> inputBuses_, outputBuses_;
  std::vector<Steinberg::Vst::AudioBusBuffers> inputBuffers_, outputBuffers_;
  Steinberg::Vst::ProcessContext context_{};
  double processSeconds_ = 0;
  VstPresetChunks base_;
  std::vector<std::pair<int, int32_t>> hangingNotes_;  // (pitch, noteId) still held when the last render ended
  std::vector<Steinberg::Vst::ParamID> mirrored_;  // parameters the last render set on the controller
  std::unordered_map<Steinberg::Vst::ParamID, double> controllerBase_;  // controller values in the base state
  std::vector<Steinberg::Vst::ParamID> pendingRestore_;  // params reset: base values still to send to the component
};

}  // namespace vstds
