#include "clap-host-objects.h"

#include <algorithm>
#include <cstring>

namespace vstds {

ClapHost::ClapHost() {
  host_.clap_version = CLAP_VERSION;
  host_.host_data = this;
  host_.name = "vstds";
  host_.vendor = "vstds";
  host_.url = "";
  host_.version = "0.1.0";
  params_.rescan = [](const clap_host_t*, clap_param_rescan_flags) {};
  params_.clear = [](const clap_host_t*, clap_id, clap_param_clear_flags) {};
  params_.request_flush = [](const clap_host_t*) {};
  state_.mark_dirty = [](const clap_host_t*) {};
  threadCheck_.is_main_thread = [](const clap_host_t* h) { return !self(h).inProcess_; };
  threadCheck_.is_audio_thread = [](const clap_host_t* h) { return self(h).inProcess_; };
  host_.get_extension = [](const clap_host_t* h, const char* id) -> const void* {
    ClapHost& me = self(h);
    if (!id) return nullptr;
    if (std::strcmp(id, CLAP_EXT_PARAMS) == 0) return &me.params_;
    if (std::strcmp(id, CLAP_EXT_STATE) == 0) return &me.state_;
    if (std::strcmp(id, CLAP_EXT_THREAD_CHECK) == 0) return &me.threadCheck_;
    return nullptr;
  };
  host_.request_restart = [](const clap_host_t* h) { self(h).restartRequested_ = true; };
  host_.request_process = [](const clap_host_t*) {};
  host_.request_callback = [](const clap_host_t* h) { self(h).callbackRequested_ = true; };
}

ClapInputEvents::ClapInputEvents() {
  events_.reserve(256);
  list_.ctx = this;
  list_.size = [](const clap_input_events_t* l) {
    return static_cast<uint32_t>(static_cast<const ClapInputEvents*>(l->ctx)->events_.size());
  };
  list_.get = [](const clap_input_events_t* l, uint32_t index) -> const clap_event_header_t* {
    const auto& events = static_cast<const ClapInputEvents*>(l->ctx)->events_;
    return index < events.size() ? &events[index].header : nullptr;
  };
}

void ClapInputEvents::addParam(uint32_t time, clap_id id, void* cookie, double value) {
  Event e{};
  e.param.header = {sizeof(clap_event_param_value_t), time, CLAP_CORE_EVENT_SPACE_ID, CLAP_EVENT_PARAM_VALUE, 0};
  e.param.param_id = id;
  e.param.cookie = cookie;
  e.param.note_id = -1;
  e.param.port_index = -1;
  e.param.channel = -1;
  e.param.key = -1;
  e.param.value = value;
  events_.push_back(e);
}

void ClapInputEvents::addNote(uint32_t time, bool on, int key, double velocity, int32_t noteId, bool midiDialect) {
  Event e{};
  if (midiDialect) {
    e.midi.header = {sizeof(clap_event_midi_t), time, CLAP_CORE_EVENT_SPACE_ID, CLAP_EVENT_MIDI, 0};
    e.midi.port_index = 0;
    const int vel = std::clamp(static_cast<int>(velocity * 127.0 + 0.5), on ? 1 : 0, 127);
    e.midi.data[0] = static_cast<uint8_t>(on ? 0x90 : 0x80);
    e.midi.data[1] = static_cast<uint8_t>(key & 0x7F);
    e.midi.data[2] = static_cast<uint8_t>(on ? vel : 0);
  } else {
    e.note.header = {sizeof(clap_event_note_t), time, CLAP_CORE_EVENT_SPACE_ID,
                     static_cast<uint16_t>(on ? CLAP_EVENT_NOTE_ON : CLAP_EVENT_NOTE_OFF), 0};
    e.note.note_id = noteId;
    e.note.port_index = 0;
    e.note.channel = 0;
    e.note.key = static_cast<int16_t>(key);
    e.note.velocity = velocity;
  }
  events_.push_back(e);
}

ClapOutputEvents::ClapOutputEvents() {
  list_.ctx = this;
  list_.try_push = [](const clap_output_events_t*, const clap_event_header_t*) { return true; };
}

ClapOutputStream::ClapOutputStream() {
  stream_.ctx = this;
  stream_.write = [](const clap_ostream_t* s, const void* buffer, uint64_t size) -> int64_t {
    auto& bytes = static_cast<ClapOutputStream*>(s->ctx)->bytes;
    const auto* p = static_cast<const uint8_t*>(buffer);
    bytes.insert(bytes.end(), p, p + size);
    return static_cast<int64_t>(size);
  };
}

ClapInputStream::ClapInputStream(const uint8_t* data, size_t size) : data_(data), size_(size) {
  stream_.ctx = this;
  stream_.read = [](const clap_istream_t* s, void* buffer, uint64_t size) -> int64_t {
    auto& me = *static_cast<ClapInputStream*>(s->ctx);
    const size_t n = std::min<size_t>(static_cast<size_t>(size), me.size_ - me.pos_);
    if (n > 0) std::memcpy(buffer, me.data_ + me.pos_, n);
    me.pos_ += n;
    return static_cast<int64_t>(n);
  };
}

}  // namespace vstds
