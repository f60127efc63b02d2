#include "vst3-host-objects.h"

#include <algorithm>
#include <cstring>

namespace vstds {

using namespace Steinberg;
using namespace Steinberg::Vst;

namespace {

template <class Iface, class Self>
tresult queryOne(Self* self, const TUID iid, void** obj) {
  if (FUnknownPrivate::iidEqual(iid, Iface::iid) || FUnknownPrivate::iidEqual(iid, FUnknown::iid)) {
    self->addRef();
    *obj = static_cast<Iface*>(self);
    return kResultOk;
  }
  *obj = nullptr;
  return kNoInterface;
}

}  // namespace

// ---- HostAttributeList ----
tresult PLUGIN_API HostAttributeList::setInt(AttrID id, int64 value) {
  if (!id) return kInvalidArgument;
  ints_[id] = value;
  return kResultOk;
}
tresult PLUGIN_API HostAttributeList::getInt(AttrID id, int64& value) {
  auto it = id ? ints_.find(id) : ints_.end();
  if (it == ints_.end()) return kResultFalse;
  value = it->second;
  return kResultOk;
}
tresult PLUGIN_API HostAttributeList::setFloat(AttrID id, double value) {
  if (!id) return kInvalidArgument;
  floats_[id] = value;
  return kResultOk;
}
tresult PLUGIN_API HostAttributeList::getFloat(AttrID id, double& value) {
  auto it = id ? floats_.find(id) : floats_.end();
  if (it == floats_.end()) return kResultFalse;
  value = it->second;
  return kResultOk;
}
tresult PLUGIN_API HostAttributeList::setString(AttrID id, const TChar* string) {
  if (!id || !string) return kInvalidArgument;
  strings_[id] = std::u16string(reinterpret_cast<const char16_t*>(string));
  return kResultOk;
}
tresult PLUGIN_API HostAttributeList::getString(AttrID id, TChar* string, uint32 sizeInBytes) {
  auto it = id ? strings_.find(id) : strings_.end();
  if (it == strings_.end() || !string || sizeInBytes < sizeof(TChar)) return kResultFalse;
  const size_t maxChars = sizeInBytes / sizeof(TChar) - 1;
  const size_t n = std::min(maxChars, it->second.size());
  std::memcpy(string, it->second.data(), n * sizeof(TChar));
  string[n] = 0;
  return kResultOk;
}
tresult PLUGIN_API HostAttributeList::setBinary(AttrID id, const void* data, uint32 sizeInBytes) {
  if (!id) return kInvalidArgument;
  const char* p = static_cast<const char*>(data);
  binaries_[id] = std::vector<char>(p, p + (p ? sizeInBytes : 0));
  return kResultOk;
}
tresult PLUGIN_API HostAttributeList::getBinary(AttrID id, const void*& data, uint32& sizeInBytes) {
  auto it = id ? binaries_.find(id) : binaries_.end();
  if (it == binaries_.end()) return kResultFalse;
  data = it->second.data();
  sizeInBytes = static_cast<uint32>(it->second.size());
  return kResultOk;
}
tresult PLUGIN_API HostAttributeList::queryInterface(const TUID iid, void** obj) {
  return queryOne<IAttributeList>(this, iid, obj);
}

// ---- HostMessage ----
HostMessage::HostMessage() : attributes_(new HostAttributeList()) {}
HostMessage::~HostMessage() { attributes_->release(); }
tresult PLUGIN_API HostMessage::queryInterface(const TUID iid, void** obj) { return queryOne<IMessage>(this, iid, obj); }

// ---- HostApplication ----
tresult PLUGIN_API HostApplication::getName(String128 name) {
  const char* host = "vstds";
  int i = 0;
  for (; host[i] && i < 127; ++i) name[i] = static_cast<TChar>(host[i]);
  name[i] = 0;
  return kResultOk;
}
tresult PLUGIN_API HostApplication::createInstance(TUID cid, TUID iid, void** obj) {
  if (FUnknownPrivate::iidEqual(cid, IMessage::iid) && FUnknownPrivate::iidEqual(iid, IMessage::iid)) {
    *obj = static_cast<IMessage*>(new HostMessage());
    return kResultOk;
  }
  if (FUnknownPrivate::iidEqual(cid, IAttributeList::iid) && FUnknownPrivate::iidEqual(iid, IAttributeList::iid)) {
    *obj = static_cast<IAttributeList*>(new HostAttributeList());
    return kResultOk;
  }
  *obj = nullptr;
  return kResultFalse;
}
tresult PLUGIN_API HostApplication::queryInterface(const TUID iid, void** obj) {
  return queryOne<IHostApplication>(this, iid, obj);
}

// ---- ComponentHandler ----
tresult PLUGIN_API ComponentHandler::queryInterface(const TUID iid, void** obj) {
  return queryOne<IComponentHandler>(this, iid, obj);
}

// ---- EventList ----
tresult PLUGIN_API EventList::getEvent(int32 index, Event& e) {
  if (index < 0 || index >= getEventCount()) return kInvalidArgument;
  e = events_[static_cast<size_t>(index)];
  return kResultOk;
}
tresult PLUGIN_API EventList::addEvent(Event& e) {
  events_.push_back(e);
  return kResultOk;
}
tresult PLUGIN_API EventList::queryInterface(const TUID iid, void** obj) { return queryOne<IEventList>(this, iid, obj); }

// ---- ParamValueQueue ----
tresult PLUGIN_API ParamValueQueue::getPoint(int32 index, int32& sampleOffset, ParamValue& value) {
  if (index < 0 || index >= getPointCount()) return kInvalidArgument;
  sampleOffset = points_[static_cast<size_t>(index)].first;
  value = points_[static_cast<size_t>(index)].second;
  return kResultOk;
}
tresult PLUGIN_API ParamValueQueue::addPoint(int32 sampleOffset, ParamValue value, int32& index) {
  // Points stay sorted by offset; a point at an existing offset replaces it.
  auto it = std::lower_bound(points_.begin(), points_.end(), sampleOffset,
                             [](const auto& p, int32 off) { return p.first < off; });
  if (it != points_.end() && it->first == sampleOffset) {
    it->second = value;
  } else {
    it = points_.insert(it, {sampleOffset, value});
  }
  index = static_cast<int32>(it - points_.begin());
  return kResultOk;
}
tresult PLUGIN_API ParamValueQueue::queryInterface(const TUID iid, void** obj) {
  return queryOne<IParamValueQueue>(this, iid, obj);
}

// ---- ParameterChanges ----
IParamValueQueue* PLUGIN_API ParameterChanges::getParameterData(int32 index) {
  if (index < 0 || index >= getParameterCount()) return nullptr;
  return queues_[static_cast<size_t>(index)].get();
}
IParamValueQueue* PLUGIN_API ParameterChanges::addParameterData(const ParamID& id, int32& index) {
  for (size_t i = 0; i < queues_.size(); ++i) {
    if (queues_[i]->getParameterId() == id) {
      index = static_cast<int32>(i);
      return queues_[i].get();
    }
  }
  queues_.push_back(std::make_unique<ParamValueQueue>(id));
  index = static_cast<int32>(queues_.size() - 1);
  return queues_.back().get();
}
tresult PLUGIN_API ParameterChanges::queryInterface(const TUID iid, void** obj) {
  return queryOne<IParameterChanges>(this, iid, obj);
}

}  // namespace vstds
