// RAII over HDF5 identifiers, and HDF5 failures as C++ exceptions carrying a stable code.
#pragma once
#include <hdf5.h>

#include <stdexcept>
#include <string>
#include <utility>

namespace vstds {

class SplitError : public std::runtime_error {
 public:
  SplitError(std::string code, const std::string& message) : std::runtime_error(message), code_(std::move(code)) {}
  const std::string& code() const { return code_; }

 private:
  std::string code_;
};

// The innermost message of HDF5's error stack (the actual cause), or "" when the stack is empty.
std::string hdf5Cause();

// Owns one hid_t and closes it with the matching H5?close.
class Hid {
 public:
  using Closer = herr_t (*)(hid_t);
  Hid() = default;
  Hid(hid_t id, Closer close) : id_(id), close_(close) {}
  Hid(const Hid&) = delete;
  Hid& operator=(const Hid&) = delete;
  Hid(Hid&& o) noexcept : id_(std::exchange(o.id_, H5I_INVALID_HID)), close_(o.close_) {}
  Hid& operator=(Hid&& o) noexcept {
    if (this != &o) {
      reset();
      id_ = std::exchange(o.id_, H5I_INVALID_HID);
      close_ = o.close_;
    }
    return *this;
  }
  ~Hid() { reset(); }
  hid_t get() const { return id_; }
  operator hid_t() const { return id_; }
  void reset() {
    if (id_ >= 0 && close_) close_(id_);
    id_ = H5I_INVALID_HID;
  }

 private:
  hid_t id_ = H5I_INVALID_HID;
  Closer close_ = nullptr;
};

// Wraps a freshly returned id; a negative id throws with `what` and HDF5's own cause.
inline Hid own(hid_t id, Hid::Closer close, const std::string& code, const std::string& what) {
  if (id < 0) {
    std::string cause = hdf5Cause();
    throw SplitError(code, what + (cause.empty() ? "" : ": " + cause));
  }
  return Hid(id, close);
}

inline void check(herr_t status, const std::string& code, const std::string& what) {
  if (status < 0) {
    std::string cause = hdf5Cause();
    throw SplitError(code, what + (cause.empty() ? "" : ": " + cause));
  }
}

}  // namespace vstds
