// The dsp-mel addon's entry points (see src/native-backend.ts for their TypeScript signatures).
#include <fftw3.h>
#include <napi.h>

#include "float16.h"
#include "k-weighting.h"
#include "mel-power.h"
#include "row-scan.h"

namespace {

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("melPower", Napi::Function::New(env, vstds::MelPower, "melPower"));
  exports.Set("kWeightedPieceSums", Napi::Function::New(env, vstds::KWeightedPieceSums, "kWeightedPieceSums"));
  exports.Set("float16Bits", Napi::Function::New(env, vstds::Float16Bits, "float16Bits"));
  exports.Set("firstNonFinite", Napi::Function::New(env, vstds::FirstNonFinite, "firstNonFinite"));
  exports.Set("peakAbs", Napi::Function::New(env, vstds::PeakAbs, "peakAbs"));
  exports.Set("dbFromPower", Napi::Function::New(env, vstds::DbFromPower, "dbFromPower"));
  exports.Set("fftwVersion", Napi::String::New(env, fftw_version));
  exports.Set("f16c", Napi::Boolean::New(env, vstds::hasF16c()));
  return exports;
}

}  // namespace

NODE_API_MODULE(vstds_dsp_mel, Init)
