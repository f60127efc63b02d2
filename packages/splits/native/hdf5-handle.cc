#include "hdf5-handle.h"

namespace vstds {
namespace {
herr_t innermost(unsigned n, const H5E_error2_t* err, void* out) {
  // Frame 0 is where the failure started: the most specific description.
  if (n == 0 && err->desc) *static_cast<std::string*>(out) = err->desc;
  return 0;
}
}  // namespace

std::string hdf5Cause() {
  std::string cause;
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, innermost, &cause);
  H5Eclear2(H5E_DEFAULT);
  return cause;
}

}  // namespace vstds
