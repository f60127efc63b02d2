// One CLAP plugin instance (instrument or effect) with the same per-render reset protocol as VST3.
#pragma once

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "clap-host-objects.h"
#include "clap-library.h"
#include "clap/ext/audio-ports.h"
#include "clap/ext/params.h"
#include "clap/ext/state.h"
#include "clap/plugin.h"
#include "plugin-instance.h"

namespace vstds {

class ClapInstance final : public PluginInstance {
 public:
  ClapInstance(const std::string& path, const HostOptions& options);
  ~ClapInstance() override;
  ClapInstance(const ClapInstance&) = delete;
  ClapInstance& operator=(const ClapInstance&) = delete;

  const PluginInfo& info() const override { return info_; }
  std::vector<ParameterInfo> parameters() override { return parameters_; }
  RenderResult render(const RenderRequest& request) override;
  std::vector<uint8_t> getState() override;
  void setState(const std::vector<uint8_t>& state) override;
  void applyToBase(const std::vector<std::pair<uint32_t, double>>& params) override;
  std::vector<double> parameterValues() override;
  void setReinstantiate(bool on) override;

 private:
  // Plain-value range of a parameter: the host API speaks normalized [0, 1] like VST3.
  struct ParamRange {
    clap_id id = 0;
    void* cookie = nullptr;
    double min = 0, max = 1;
    bool stepped = false;
  };
  struct Port {
    std::vector<std::vector<float>> buffers;
    std::vector<float*> pointers;
  };

  void createPlugin();
  void destroyPlugin();
  void setActive(bool active);
  void setupPorts();
  void readParameters();
  std::vector<uint8_t> saveState();
  void loadState(const std::vector<uint8_t>& state);
  void resetToBase();
  void processBlock(int numSamples);
  void runSilence(int64_t samples);
  void serviceHostRequests();
  void addParamEvents(const std::vector<std::pair<uint32_t, double>>& params);
  double toPlain(const ParamRange& range, double normalized) const;

  HostOptions options_;
  std::string path_;
  // Host objects outlive the plugin that holds pointers to them.
  ClapHost host_;
  ClapInputEvents inputEvents_;
  ClapOutputEvents outputEvents_;
  std::shared_ptr<ClapLibrary> library_;
  std::string pluginId_;
  const clap_plugin_t* plugin_ = nullptr;
  const clap_plugin_params_t* params_ = nullptr;
  const clap_plugin_state_t* state_ = nullptr;
  bool active_ = false;
  bool processing_ = false;
  bool midiDialect_ = false;

  PluginInfo info_;
  std::vector<ParameterInfo> parameters_;
  std::unordered_map<uint32_t, ParamRange> ranges_;
  std::vector<Port> inputPorts_, outputPorts_;
  std::vector<clap_audio_buffer_t> inputBuffers_, outputBuffers_;
  int64_t steadyTime_ = 0;
  double processSeconds_ = 0;
  std::vector<uint8_t> base_;  // the plugin's own state bytes that every render starts from
  std::vector<std::pair<int, int32_t>> hangingNotes_;
};

}  // namespace vstds
