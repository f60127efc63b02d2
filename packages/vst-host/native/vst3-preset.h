// The .vstpreset container (Steinberg's documented layout): a 48-byte header ("VST3", version,
// 32-character class id, offset of the chunk list), data chunks, then a "List" of (id, offset, size).
// The same bytes are what getState()/setState() exchange, so a saved state is a valid preset file.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace vstds {

struct VstPresetChunks {
  std::string classId;  // 32 hex characters
  std::vector<uint8_t> component;
  std::vector<uint8_t> controller;
  bool hasController = false;
};

std::vector<uint8_t> encodeVstPreset(const VstPresetChunks& chunks);
// Throws HostError E_PRESET_FORMAT naming `origin` when the bytes are not a .vstpreset.
VstPresetChunks decodeVstPreset(const uint8_t* data, size_t size, const std::string& origin);

}  // namespace vstds
