// The format-independent view of one hosted plugin instance that the N-API layer drives.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

namespace vstds {

// Errors carry a stable code that the TypeScript layer maps to a named error class.
class HostError : public std::runtime_error {
 public:
  HostError(std::string code, const std::string& message)
      : std::runtime_error(message), code_(std::move(code)) {}
  const std::string& code() const { return code_; }

 private:
  std::string code_;
};

struct PluginInfo {
  std::string name;
  std::string vendor;
  std::string version;
  std::string format;  // "vst3" | "lv2"
  std::string uid;
  bool isInstrument = false;
  int inputChannels = 0;
  int outputChannels = 0;
};

struct ParameterInfo {
  uint32_t id = 0;
  std::string title;
  std::string units;
  double defaultValue = 0;
  int stepCount = 0;
  std::vector<std::string> valueStrings;  // one per step when the parameter is discrete
};

// Recycles channel buffers between renders of one instance: a fresh 700 KB allocation is
// page-faulted in on every render, which cost as much as the rest of the host's work together.
// Buffers come back when JavaScript garbage-collects the Float32Array that wrapped them.
class ChannelPool {
 public:
  ChannelPool() = default;
  ~ChannelPool();
  ChannelPool(const ChannelPool&) = delete;
  ChannelPool& operator=(const ChannelPool&) = delete;
  float* take(size_t size);
  void give(float* data, size_t size);

 private:
  static constexpr size_t kMaxKept = 8;
  std::mutex mutex_;
  std::vector<std::pair<size_t, float*>> kept_;
};

// One channel of rendered audio, handed to JavaScript as an external ArrayBuffer (no copy, no
// zero-fill: every sample is written by the render).
class AudioChannel {
 public:
  AudioChannel(size_t size, std::shared_ptr<ChannelPool> pool);
  ~AudioChannel();
  AudioChannel(AudioChannel&& other) noexcept
      : data_(other.data_), size_(other.size_), pool_(std::move(other.pool_)) {
    other.data_ = nullptr;
  }
  AudioChannel(const AudioChannel&) = delete;
  AudioChannel& operator=(const AudioChannel&) = delete;
  AudioChannel& operator=(AudioChannel&&) = delete;

  float* data() { return data_; }
  const float* data() const { return data_; }
  size_t size() const { return size_; }
  const std::shared_ptr<ChannelPool>& pool() const { return pool_; }
  // Gives up ownership; hand the memory back with freeChannel(pool, data, size).
  float* release() {
    float* out = data_;
    data_ = nullptr;
    return out;
  }

 private:
  float* data_;
  size_t size_;
  std::shared_ptr<ChannelPool> pool_;
};

void freeChannel(const std::shared_ptr<ChannelPool>& pool, float* data, size_t size);

struct NoteSpec {
  int pitch = 60;
  double velocity = 100;  // MIDI velocity 0..127
  int64_t startSample = 0;
  int64_t endSample = 0;
};

struct RenderRequest {
  std::vector<std::pair<uint32_t, double>> params;
  std::vector<NoteSpec> notes;
  int64_t numSamples = 0;
  std::vector<std::vector<float>> input;
  std::shared_ptr<ChannelPool> pool;  // where output channels come from (may be null)
};

struct RenderResult {
  std::vector<AudioChannel> channels;
  double processSeconds = 0;  // time spent inside the plugin's own process()/run()
  double nativeSeconds = 0;   // the whole native render: reset protocol, blocks, copies
};

struct HostOptions {
  double sampleRate = 44100;
  int blockSize = 512;
  int warmupBlocks = 1;
  // Recreate the plugin objects (not the module) before every render instead of reusing them.
  bool reinstantiate = false;
  // LV2 feature URIs not to offer (tests check that a plugin requiring one is refused by name).
  std::vector<std::string> withheldFeatures;
  // See PluginInstance::setParamsReset; ignored while reinstantiate is on.
  bool paramsReset = false;
};

class PluginInstance {
 public:
  virtual ~PluginInstance() = default;
  virtual const PluginInfo& info() const = 0;
  virtual std::vector<ParameterInfo> parameters() = 0;
  virtual RenderResult render(const RenderRequest& request) = 0;
  virtual std::vector<uint8_t> getState() = 0;
  // Makes `state` the new base state that every later render starts from.
  virtual void setState(const std::vector<uint8_t>& state) = 0;
  // Applies normalized values and makes the result the new base state.
  virtual void applyToBase(const std::vector<std::pair<uint32_t, double>>& params) = 0;
  // Normalized values of the listed parameters in the base state.
  virtual std::vector<double> parameterValues() = 0;
  // Switches between restoring state (false) and recreating the plugin objects (true) per render.
  virtual void setReinstantiate(bool on) = 0;
  // Between renders, skip the state restore: deactivate/reactivate and send the base values of
  // only the parameters the last render changed. Returns false where the format lacks it.
  virtual bool setParamsReset(bool) { return false; }
};

}  // namespace vstds
