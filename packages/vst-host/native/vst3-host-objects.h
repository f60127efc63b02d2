// The host-side COM objects a VST3 plugin talks to: host application, messages, event lists and
// parameter change queues. Our own implementations; only the interface headers come from the SDK.
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "pluginterfaces/vst/ivstattributes.h"
#include "pluginterfaces/vst/ivsteditcontroller.h"
#include "pluginterfaces/vst/ivstevents.h"
#include "pluginterfaces/vst/ivsthostapplication.h"
#include "pluginterfaces/vst/ivstmessage.h"
#include "pluginterfaces/vst/ivstparameterchanges.h"

namespace vstds {

// Objects handed to plugins that may outlive the call (messages, attribute lists) are heap
// allocated and reference counted; the rest are owned by the instance and outlive the plugin.
#define VSTDS_REFCOUNT_METHODS                                                          \
  Steinberg::uint32 PLUGIN_API addRef() override { return ++refCount_; }               \
  Steinberg::uint32 PLUGIN_API release() override {                                    \
    const auto left = --refCount_;                                                      \
    if (left == 0) delete this;                                                         \
    return left;                                                                        \
  }                                                                                     \
  std::atomic<Steinberg::uint32> refCount_{1};

// Members of a longer-lived owner: reference counting is a no-op.
#define VSTDS_OWNED_REFCOUNT_METHODS                                        \
  Steinberg::uint32 PLUGIN_API addRef() override { return 1; }             \
  Steinberg::uint32 PLUGIN_API release() override { return 1; }

class HostAttributeList final : public Steinberg::Vst::IAttributeList {
 public:
  Steinberg::tresult PLUGIN_API setInt(AttrID id, Steinberg::int64 value) override;
  Steinberg::tresult PLUGIN_API getInt(AttrID id, Steinberg::int64& value) override;
  Steinberg::tresult PLUGIN_API setFloat(AttrID id, double value) override;
  Steinberg::tresult PLUGIN_API getFloat(AttrID id, double& value) override;
  Steinberg::tresult PLUGIN_API setString(AttrID id, const Steinberg::Vst::TChar* string) override;
  Steinberg::tresult PLUGIN_API getString(AttrID id, Steinberg::Vst::TChar* string, Steinberg::uint32 sizeInBytes) override;
  Steinberg::tresult PLUGIN_API setBinary(AttrID id, const void* data, Steinberg::uint32 sizeInBytes) override;
  Steinberg::tresult PLUGIN_API getBinary(AttrID id, const void*& data, Steinberg::uint32& sizeInBytes) override;
  Steinberg::tresult PLUGIN_API queryInterface(const Steinberg::TUID iid, void** obj) override;
  VSTDS_REFCOUNT_METHODS

 private:
  std::map<std::string, Steinberg::int64> ints_;
  std::map<std::string, double> floats_;
  std::map<std::string, std::u16string> strings_;
  std::map<std::string, std::vector<char>> binaries_;
};

class HostMessage final : public Steinberg::Vst::IMessage {
 public:
  HostMessage();
  ~HostMessage();
  Steinberg::FIDString PLUGIN_API getMessageID() override { return id_.c_str(); }
  void PLUGIN_API setMessageID(Steinberg::FIDString id) override { id_ = id ? id : ""; }
  Steinberg::Vst::IAttributeList* PLUGIN_API getAttributes() override { return attributes_; }
  Steinberg::tresult PLUGIN_API queryInterface(const Steinberg::TUID iid, void** obj) override;
  VSTDS_REFCOUNT_METHODS

 private:
  std::string id_;
  HostAttributeList* attributes_;
};

class HostApplication final : public Steinberg::Vst::IHostApplication {
 public:
  Steinberg::tresult PLUGIN_API getName(Steinberg::Vst::String128 name) override;
  Steinberg::tresult PLUGIN_API createInstance(Steinberg::TUID cid, Steinberg::TUID iid, void** obj) override;
  Steinberg::tresult PLUGIN_API queryInterface(const Steinberg::TUID iid, void** obj) override;
  VSTDS_OWNED_REFCOUNT_METHODS
};

// Accepts and ignores edits: offline renders take parameters from the render request only.
class ComponentHandler final : public Steinberg::Vst::IComponentHandler {
 public:
  Steinberg::tresult PLUGIN_API beginEdit(Steinberg::Vst::ParamID) override { return Steinberg::kResultOk; }
  Steinberg::tresult PLUGIN_API performEdit(Steinberg::Vst::ParamID, Steinberg::Vst::ParamValue) override {
    return Steinberg::kResultOk;
  }
  Steinberg::tresult PLUGIN_API endEdit(Steinberg::Vst::ParamID) override { return Steinberg::kResultOk; }
  Steinberg::tresult PLUGIN_API restartComponent(Steinberg::int32 flags) override {
    restartFlags |= flags;
    return Steinberg::kResultOk;
  }
  Steinberg::tresult PLUGIN_API queryInterface(const Steinberg::TUID iid, void** obj) override;
  VSTDS_OWNED_REFCOUNT_METHODS
  Steinberg::int32 restartFlags = 0;
};

class EventList final : public Steinberg::Vst::IEventList {
 public:
  Steinberg::int32 PLUGIN_API getEventCount() override { return static_cast<Steinberg::int32>(events_.size()); }
  Steinberg::tresult PLUGIN_API getEvent(Steinberg::int32 index, Steinberg::Vst::Event& e) override;
  Steinberg::tresult PLUGIN_API addEvent(Steinberg::Vst::Event& e) override;
  Steinberg::tresult PLUGIN_API queryInterface(const Steinberg::TUID iid, void** obj) override;
  VSTDS_OWNED_REFCOUNT_METHODS
  void clear() { events_.clear(); }
  void reserve(size_t n) { events_.reserve(n); }

 private:
  std::vector<Steinberg::Vst::Event> events_;
};

class ParamValueQueue final : public Steinberg::Vst::IParamValueQueue {
 public:
  explicit ParamValueQueue(Steinberg::Vst::ParamID id) : id_(id) {}
  Steinberg::Vst::ParamID PLUGIN_API getParameterId() override { return id_; }
  Steinberg::int32 PLUGIN_API getPointCount() override { return static_cast<Steinberg::int32>(points_.size()); }
  Steinberg::tresult PLUGIN_API getPoint(Steinberg::int32 index, Steinberg::int32& sampleOffset,
                                         Steinberg::Vst::ParamValue& value) override;
  Steinberg::tresult PLUGIN_API addPoint(Steinberg::int32 sampleOffset, Steinberg::Vst::ParamValue value,
                                         Steinberg::int32& index) override;
  Steinberg::tresult PLUGIN_API queryInterface(const Steinberg::TUID iid, void** obj) override;
  VSTDS_OWNED_REFCOUNT_METHODS

 private:
  Steinberg::Vst::ParamID id_;
  std::vector<std::pair<Steinberg::int32, Steinberg::Vst::ParamValue>> points_;
};

class ParameterChanges final : public Steinberg::Vst::IParameterChanges {
 public:
  Steinberg::int32 PLUGIN_API getParameterCount() override { return static_cast<Steinberg::int32>(queues_.size()); }
  Steinberg::Vst::IParamValueQueue* PLUGIN_API getParameterData(Steinberg::int32 index) override;
  Steinberg::Vst::IParamValueQueue* PLUGIN_API addParameterData(const Steinberg::Vst::ParamID& id,
                                                                Steinberg::int32& index) override;
  Steinberg::tresult PLUGIN_API queryInterface(const Steinberg::TUID iid, void** obj) override;
  VSTDS_OWNED_REFCOUNT_METHODS
  void clear() { queues_.clear(); }

 private:
  std::vector<std::unique_ptr<ParamValueQueue>> queues_;
};

}  // namespace vstds
