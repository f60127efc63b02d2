// Node-API surface of the split writer: virtual-dataset files, chunk schema checks and Welford
// statistics, all through Debian's libhdf5. Every HDF5 failure becomes a JS Error "[CODE] message".
#include <napi.h>

#include "hdf5-handle.h"
#include "virtual-file.h"
#include "welford-stats.h"

namespace vstds {
namespace {

template <class F>
Napi::Value guarded(const Napi::CallbackInfo& info, F&& f) {
  try {
    return f();
  } catch (const SplitError& e) {
    throw Napi::Error::New(info.Env(), "[" + e.code() + "] " + e.what());
  } catch (const std::exception& e) {
    throw Napi::Error::New(info.Env(), std::string("[E_INTERNAL] ") + e.what());
  }
}

std::vector<double> numbers(const Napi::Value& v) {
  auto a = v.As<Napi::Float64Array>();
  return std::vector<double>(a.Data(), a.Data() + a.ElementLength());
}

Napi::Value WriteVirtualFile(const Napi::CallbackInfo& info) {
  return guarded(info, [&]() -> Napi::Value {
    std::string out = info[0].As<Napi::String>();
    std::string tpl = info[1].As<Napi::String>();
    auto rows = static_cast<hsize_t>(info[2].As<Napi::Number>().Int64Value());
    std::vector<SourceFile> sources;
    auto jsSources = info[3].As<Napi::Array>();
    for (uint32_t i = 0; i < jsSources.Length(); i++) {
      auto s = jsSources.Get(i).As<Napi::Object>();
      SourceFile src{s.Get("file").As<Napi::String>(), static_cast<hsize_t>(s.Get("rows").As<Napi::Number>().Int64Value()), {}};
      auto runs = numbers(s.Get("runs"));
      for (size_t k = 0; k + 2 < runs.size(); k += 3) {
        src.runs.push_back({static_cast<hsize_t>(runs[k]), static_cast<hsize_t>(runs[k + 1]), static_cast<hsize_t>(runs[k + 2])});
      }
      sources.push_back(std::move(src));
    }
    std::vector<ExtraAttribute> extra;
    auto jsExtra = info[4].As<Napi::Array>();
    for (uint32_t i = 0; i < jsExtra.Length(); i++) {
      auto e = jsExtra.Get(i).As<Napi::Object>();
      ExtraAttribute a{ExtraAttribute::Kind::String, e.Get("name").As<Napi::String>(), "", 0, 0};
      auto v = e.Get("value");
      if (v.IsString()) {
        a.text = v.As<Napi::String>();
      } else if (e.Get("integer").ToBoolean()) {
        a.kind = ExtraAttribute::Kind::Int;
        a.integer = v.As<Napi::Number>().Int64Value();
      } else {
        a.kind = ExtraAttribute::Kind::Float;
        a.number = v.As<Napi::Number>().DoubleValue();
      }
      extra.push_back(std::move(a));
    }
    std::vector<std::string> skip;
    auto jsSkip = info[5].As<Napi::Array>();
    for (uint32_t i = 0; i < jsSkip.Length(); i++) skip.push_back(jsSkip.Get(i).As<Napi::String>());
    writeVirtualFile(out, tpl, rows, sources, extra, skip);
    return info.Env().Undefined();
  });
}

Napi::Value CheckChunkFile(const Napi::CallbackInfo& info) {
  return guarded(info, [&]() -> Napi::Value {
    auto rows = checkChunkFile(info[0].As<Napi::String>(), info[1].As<Napi::String>());
    auto out = Napi::Array::New(info.Env(), rows.size());
    for (size_t i = 0; i < rows.size(); i++) {
      auto o = Napi::Object::New(info.Env());
      o.Set("name", rows[i].name);
      o.Set("rows", static_cast<double>(rows[i].rows));
      out.Set(static_cast<uint32_t>(i), o);
    }
    return out;
  });
}

Napi::Value WelfordStats(const Napi::CallbackInfo& info) {
  return guarded(info, [&]() -> Napi::Value {
    std::vector<FileRows> files;
    auto jsFiles = info[0].As<Napi::Array>();
    for (uint32_t i = 0; i < jsFiles.Length(); i++) {
      auto f = jsFiles.Get(i).As<Napi::Object>();
      FileRows fr{f.Get("path").As<Napi::String>(), {}};
      auto spans = numbers(f.Get("spans"));
      for (size_t k = 0; k + 1 < spans.size(); k += 2) fr.spans.push_back({static_cast<hsize_t>(spans[k]), static_cast<hsize_t>(spans[k + 1])});
      files.push_back(std::move(fr));
    }
    auto batch = static_cast<hsize_t>(info[2].As<Napi::Number>().Int64Value());
    WelfordState st = welfordStats(files, info[1].As<Napi::String>(), batch < 1 ? 1 : batch);
    Napi::Env env = info.Env();
    auto out = Napi::Object::New(env);
    out.Set("n", st.n);
    auto shape = Napi::Array::New(env, st.rowShape.size());
    for (size_t i = 0; i < st.rowShape.size(); i++) shape.Set(static_cast<uint32_t>(i), static_cast<double>(st.rowShape[i]));
    out.Set("shape", shape);
    auto mean = Napi::Float64Array::New(env, st.mean.size());
    auto m2 = Napi::Float64Array::New(env, st.m2.size());
    std::copy(st.mean.begin(), st.mean.end(), mean.Data());
    std::copy(st.m2.begin(), st.m2.end(), m2.Data());
    out.Set("mean", mean);
    out.Set("m2", m2);
    return out;
  });
}

}  // namespace
}  // namespace vstds

namespace {
Napi::Object Init(Napi::Env env, Napi::Object exports) {
  using namespace vstds;
  // HDF5 would print its error stack to stderr; the messages are carried in exceptions instead.
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  exports.Set("writeVirtualFile", Napi::Function::New(env, WriteVirtualFile));
  exports.Set("checkChunkFile", Napi::Function::New(env, CheckChunkFile));
  exports.Set("welfordStats", Napi::Function::New(env, WelfordStats));
  return exports;
}
}  // namespace

NODE_API_MODULE(vstds_splits, Init)
