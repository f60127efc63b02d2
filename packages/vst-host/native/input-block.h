// One block of a render request's input audio, copied into a plugin's input buffers.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

namespace vstds {

// The main (first) bus or port gets the request's channels — its last channel repeated for any
// further ones, silence past the input's end; every other bus gets silence. `Bus` is anything with
// `buffers`, one std::vector<float> per channel of at least `n` samples.
template <class Bus>
void fillInputBlock(std::vector<Bus>& buses, const std::vector<std::vector<float>>& input, int64_t pos, int n) {
  for (size_t b = 0; b < buses.size(); ++b) {
    auto& channels = buses[b].buffers;
    for (size_t c = 0; c < channels.size(); ++c) {
      float* dst = channels[c].data();
      std::fill(dst, dst + n, 0.f);
      if (b != 0 || input.empty()) continue;
      const auto& src = input[std::min(c, input.size() - 1)];
      for (int i = 0; i < n; ++i) {
        const size_t at = static_cast<size_t>(pos) + static_cast<size_t>(i);
        if (at < src.size()) dst[i] = src[at];
      }
    }
  }
}

}  // namespace vstds
