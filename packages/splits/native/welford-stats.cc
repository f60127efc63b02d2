#include "welford-stats.h"

#include <algorithm>

#include "hdf5-handle.h"

namespace vstds {
namespace {

void accumulate(WelfordState& st, const float* rows, hsize_t count, size_t elems) {
  double* mean = st.mean.data();
  double* m2 = st.m2.data();
  for (hsize_t r = 0; r < count; r++) {
    st.n += 1;
    const double inv = 1.0 / st.n;
    const float* x = rows + r * elems;
    for (size_t i = 0; i < elems; i++) {
      const double d = x[i] - mean[i];
      mean[i] += d * inv;
      m2[i] += d * (x[i] - mean[i]);
    }
  }
}

}  // namespace

WelfordState welfordStats(const std::vector<FileRows>& files, const std::string& dataset, hsize_t batchRows) {
  WelfordState st;
  std::vector<float> buf;
  size_t elems = 0;
  for (const auto& f : files) {
    const std::string what = f.path + ": dataset " + dataset;
    Hid file = own(H5Fopen(f.path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose, "E_CHUNK_UNREADABLE",
                   f.path + ": not a readable HDF5 file (truncated or corrupt?)");
    Hid ds = own(H5Dopen2(file, dataset.c_str(), H5P_DEFAULT), H5Dclose, "E_CHUNK_SCHEMA", what + ": cannot open it");
    Hid space = own(H5Dget_space(ds), H5Sclose, "E_HDF5", what);
    int rank = H5Sget_simple_extent_ndims(space);
    if (rank < 1) throw SplitError("E_CHUNK_SCHEMA", what + ": expected rows, got a scalar");
    std::vector<hsize_t> dims(rank);
    H5Sget_simple_extent_dims(space, dims.data(), nullptr);
    std::vector<hsize_t> shape(dims.begin() + 1, dims.end());
    if (st.mean.empty()) {
      st.rowShape = shape;
      elems = 1;
      for (auto d : shape) elems *= d;
      st.mean.assign(elems, 0.0);
      st.m2.assign(elems, 0.0);
      buf.resize(elems * batchRows);
    } else if (shape != st.rowShape) {
      throw SplitError("E_CHUNK_SCHEMA", what + ": row shape differs from the first file's");
    }
    std::vector<hsize_t> off(rank, 0), one(rank, 1), block(dims);
    for (const auto& span : f.spans) {
      if (span.start + span.count > dims[0]) throw SplitError("E_PLAN", what + ": rows outside the dataset");
      for (hsize_t at = span.start; at < span.start + span.count; at += batchRows) {
        const hsize_t n = std::min(batchRows, span.start + span.count - at);
        off[0] = at;
        block[0] = n;
        check(H5Sselect_hyperslab(space, H5S_SELECT_SET, off.data(), nullptr, one.data(), block.data()), "E_HDF5", what);
        hsize_t memDims[2] = {n, elems};
        Hid mem = own(H5Screate_simple(2, memDims, nullptr), H5Sclose, "E_HDF5", what);
        // H5T_NATIVE_FLOAT converts whatever float or integer type is stored.
        check(H5Dread(ds, H5T_NATIVE_FLOAT, mem, space, H5P_DEFAULT, buf.data()), "E_CHUNK_UNREADABLE",
              what + ": reading rows " + std::to_string(at) + ".." + std::to_string(at + n - 1));
        accumulate(st, buf.data(), n, elems);
      }
    }
  }
  return st;
}

}  // namespace vstds
