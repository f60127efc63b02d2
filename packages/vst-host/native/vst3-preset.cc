#include "vst3-preset.h"

#include <cstring>

#include "plugin-instance.h"

namespace vstds {
namespace {

constexpr size_t kHeaderSize = 4 + 4 + 32 + 8;
constexpr int32_t kFormatVersion = 1;

void put32(std::vector<uint8_t>& out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<uint8_t>(v >> (8 * i)));
}
void put64(std::vector<uint8_t>& out, uint64_t v) {
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<uint8_t>(v >> (8 * i)));
}
uint64_t get(const uint8_t* p, int bytes) {
  uint64_t v = 0;
  for (int i = 0; i < bytes; ++i) v |= static_cast<uint64_t>(p[i]) << (8 * i);
  return v;
}

}  // namespace

std::vector<uint8_t> encodeVstPreset(const VstPresetChunks& chunks) {
  std::vector<uint8_t> out;
  out.reserve(kHeaderSize + chunks.component.size() + chunks.controller.size() + 64);
  out.insert(out.end(), {'V', 'S', 'T', '3'});
  put32(out, kFormatVersion);
  std::string cid = chunks.classId;
  cid.resize(32, '0');
  out.insert(out.end(), cid.begin(), cid.end());
  const size_t listOffsetPos = out.size();
  put64(out, 0);
  struct Entry {
    const char* id;
    uint64_t offset, size;
  };
  std::vector<Entry> entries;
  entries.push_back({"Comp", out.size(), chunks.component.size()});
  out.insert(out.end(), chunks.component.begin(), chunks.component.end());
  if (chunks.hasController) {
    entries.push_back({"Cont", out.size(), chunks.controller.size()});
    out.insert(out.end(), chunks.controller.begin(), chunks.controller.end());
  }
  const uint64_t listOffset = out.size();
  out.insert(out.end(), {'L', 'i', 's', 't'});
  put32(out, static_cast<uint32_t>(entries.size()));
  for (const auto& e : entries) {
    out.insert(out.end(), e.id, e.id + 4);
    put64(out, e.offset);
    put64(out, e.size);
  }
  for (int i = 0; i < 8; ++i) out[listOffsetPos + i] = static_cast<uint8_t>(listOffset >> (8 * i));
  return out;
}

VstPresetChunks decodeVstPreset(const uint8_t* data, size_t size, const std::string& origin) {
  auto fail = [&](const std::string& what) {
    throw HostError("E_PRESET_FORMAT", origin + ": not a valid .vstpreset: " + what);
  };
  if (size < kHeaderSize || std::memcmp(data, "VST3", 4) != 0)
    fail("expected the 4-byte header \"VST3\" and at least 48 bytes, found " + std::to_string(size) + " bytes");
  VstPresetChunks chunks;
  chunks.classId.assign(reinterpret_cast<const char*>(data + 8), 32);
  const uint64_t listOffset = get(data + 40, 8);
  if (listOffset + 8 > size || std::memcmp(data + listOffset, "List", 4) != 0)
    fail("chunk list offset " + std::to_string(listOffset) + " does not point at a \"List\" chunk");
  const uint64_t count = get(data + listOffset + 4, 4);
  if (listOffset + 8 + count * 20 > size) fail("chunk list of " + std::to_string(count) + " entries is truncated");
  bool hasComponent = false;
  for (uint64_t i = 0; i < count; ++i) {
    const uint8_t* e = data + listOffset + 8 + i * 20;
    const uint64_t off = get(e + 4, 8), len = get(e + 12, 8);
    if (off > size || len > size - off) fail("chunk " + std::string(reinterpret_cast<const char*>(e), 4) + " lies outside the file");
    std::vector<uint8_t> bytes(data + off, data + off + len);
    if (std::memcmp(e, "Comp", 4) == 0) {
      chunks.component = std::move(bytes);
      hasComponent = true;
    } else if (std::memcmp(e, "Cont", 4) == 0) {
      chunks.controller = std::move(bytes);
      chunks.hasController = true;
    }
  }
  if (!hasComponent) fail("no \"Comp\" (component state) chunk");
  return chunks;
}

}  // namespace vstds
