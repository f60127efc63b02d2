// One LV2 plugin instance through lilv: MIDI through an atom sequence port, control ports as
// parameters (normalized over each port's range), the same reset protocol as VST3.
#pragma once

#include <memory>
#include <string>

#include "plugin-instance.h"

namespace vstds {

class Lv2Instance final : public PluginInstance {
 public:
  Lv2Instance(const std::string& bundleOrUri, const HostOptions& options);
  ~Lv2Instance() override;
  Lv2Instance(const Lv2Instance&) = delete;
  Lv2Instance& operator=(const Lv2Instance&) = delete;

  const PluginInfo& info() const override;
  std::vector<ParameterInfo> parameters() override;
  RenderResult render(const RenderRequest& request) override;
  std::vector<uint8_t> getState() override;
  void setState(const std::vector<uint8_t>& state) override;
  void applyToBase(const std::vector<std::pair<uint32_t, double>>& params) override;
  std::vector<double> parameterValues() override;
  void setReinstantiate(bool on) override;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace vstds
