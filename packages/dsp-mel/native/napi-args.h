// Argument checks shared by the addon's entry points: a wrong type or size from JavaScript throws a
// JavaScript error naming the function and the argument instead of reading out of bounds.
#pragma once
#include <napi.h>

#include <cstdint>
#include <string>

namespace vstds {

template <typename E> constexpr napi_typedarray_type elementType();
template <> constexpr napi_typedarray_type elementType<float>() { return napi_float32_array; }
template <> constexpr napi_typedarray_type elementType<double>() { return napi_float64_array; }
template <> constexpr napi_typedarray_type elementType<int32_t>() { return napi_int32_array; }
template <> constexpr napi_typedarray_type elementType<uint16_t>() { return napi_uint16_array; }

inline Napi::Error argError(const Napi::CallbackInfo& info, const char* fn, const char* name, const char* what) {
  return Napi::TypeError::New(info.Env(), std::string(fn) + ": " + name + " must be " + what);
}

/** info[i] as a typed array of E (Float32Array for float, …); anything else throws a TypeError. */
template <typename E>
Napi::TypedArrayOf<E> typedArg(const Napi::CallbackInfo& info, size_t i, const char* fn, const char* name) {
  if (!info[i].IsTypedArray() || info[i].As<Napi::TypedArray>().TypedArrayType() != elementType<E>())
    throw argError(info, fn, name, "a typed array of the right element type");
  return info[i].As<Napi::TypedArrayOf<E>>();
}

inline int intArg(const Napi::CallbackInfo& info, size_t i, const char* fn, const char* name) {
  if (!info[i].IsNumber()) throw argError(info, fn, name, "a number");
  return info[i].As<Napi::Number>().Int32Value();
}

}  // namespace vstds
