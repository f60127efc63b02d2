// A render's notes as the ordered note-on/note-off changes every plugin format is fed.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "plugin-instance.h"

namespace vstds {

struct NoteChange {
  int64_t sample = 0;
  bool on = false;
  int pitch = 60;
  double velocity = 0;  // MIDI velocity 0..127 as given (0 for note-offs)
  int32_t id = 0;       // the note's index in the request
};

struct NoteSchedule {
  std::vector<NoteChange> changes;  // in render order
  std::vector<NoteChange> held;     // note-ons still sounding at the end: released before the next render
};

// Notes starting at or after the end are dropped; note-offs come before note-ons at the same
// sample, so a retriggered pitch is not cut.
inline NoteSchedule scheduleNotes(const std::vector<NoteSpec>& notes, int64_t numSamples) {
  NoteSchedule s;
  s.changes.reserve(notes.size() * 2);
  for (size_t i = 0; i < notes.size(); ++i) {
    const auto& n = notes[i];
    if (n.startSample >= numSamples) continue;
    const NoteChange on{n.startSample, true, n.pitch, n.velocity, static_cast<int32_t>(i)};
    s.changes.push_back(on);
    if (n.endSample < numSamples) {
      s.changes.push_back({n.endSample, false, n.pitch, 0, static_cast<int32_t>(i)});
    } else {
      s.held.push_back(on);
    }
  }
  std::stable_sort(s.changes.begin(), s.changes.end(), [](const NoteChange& a, const NoteChange& b) {
    return a.sample != b.sample ? a.sample < b.sample : (!a.on && b.on);
  });
  return s;
}

}  // namespace vstds
