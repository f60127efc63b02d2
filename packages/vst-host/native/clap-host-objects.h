// What a CLAP plugin talks back to: the clap_host with its extensions, event lists and state streams.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "clap/events.h"
#include "clap/ext/params.h"
#include "clap/ext/state.h"
#include "clap/ext/thread-check.h"
#include "clap/host.h"
#include "clap/stream.h"

namespace vstds {

// The host side of one plugin instance. Every host call is answered synchronously on the thread
// that renders: offline there is no separate main thread, so requests are recorded and honoured
// between process blocks.
class ClapHost {
 public:
  ClapHost();
  ClapHost(const ClapHost&) = delete;
  ClapHost& operator=(const ClapHost&) = delete;

  const clap_host_t* host() const { return &host_; }
  // Set while the plugin's process() runs, so the thread-check extension can tell the plugin
  // which role the (single) calling thread plays.
  void setInProcess(bool on) { inProcess_ = on; }
  bool takeCallbackRequest() {
    const bool requested = callbackRequested_;
    callbackRequested_ = false;
    return requested;
  }
  bool takeRestartRequest() {
    const bool requested = restartRequested_;
    restartRequested_ = false;
    return requested;
  }

 private:
  static ClapHost& self(const clap_host_t* host) { return *static_cast<ClapHost*>(host->host_data); }

  clap_host_t host_{};
  clap_host_params_t params_{};
  clap_host_state_t state_{};
  clap_host_thread_check_t threadCheck_{};
  bool inProcess_ = false;
  bool callbackRequested_ = false;
  bool restartRequested_ = false;
};

// A time-ordered list of note and parameter events for one process block.
class ClapInputEvents {
 public:
  ClapInputEvents();
  ClapInputEvents(const ClapInputEvents&) = delete;
  ClapInputEvents& operator=(const ClapInputEvents&) = delete;

  void clear() { events_.clear(); }
  void addParam(uint32_t time, clap_id id, void* cookie, double value);
  // MIDI-only plugins (DPF's wrapper among them) get the same note as a raw MIDI message.
  void addNote(uint32_t time, bool on, int key, double velocity, int32_t noteId, bool midiDialect);
  const clap_input_events_t* list() const { return &list_; }

 private:
  union Event {
    clap_event_header_t header;
    clap_event_note_t note;
    clap_event_midi_t midi;
    clap_event_param_value_t param;
  };
  std::vector<Event> events_;
  clap_input_events_t list_{};
};

// Output events are accepted and dropped: offline rendering needs none of them.
class ClapOutputEvents {
 public:
  ClapOutputEvents();
  const clap_output_events_t* list() const { return &list_; }

 private:
  clap_output_events_t list_{};
};

class ClapOutputStream {
 public:
  ClapOutputStream();
  const clap_ostream_t* stream() const { return &stream_; }
  std::vector<uint8_t> bytes;

 private:
  clap_ostream_t stream_{};
};

class ClapInputStream {
 public:
  ClapInputStream(const uint8_t* data, size_t size);
  const clap_istream_t* stream() const { return &stream_; }

 private:
  const uint8_t* data_;
  size_t size_;
  size_t pos_ = 0;
  clap_istream_t stream_{};
};

}  // namespace vstds
