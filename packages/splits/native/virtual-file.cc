#include "virtual-file.h"

#include <algorithm>
#include <vector>

#include "hdf5-handle.h"

namespace vstds {
namespace {

Hid openFile(const std::string& path) {
  return own(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose, "E_CHUNK_UNREADABLE",
             path + ": not a readable HDF5 file (truncated or corrupt?)");
}

std::vector<hsize_t> extent(hid_t space) {
  int rank = H5Sget_simple_extent_ndims(space);
  if (rank < 1) throw SplitError("E_CHUNK_SCHEMA", "dataset is scalar; expected rows");
  std::vector<hsize_t> dims(rank);
  H5Sget_simple_extent_dims(space, dims.data(), nullptr);
  return dims;
}

herr_t collectAttribute(hid_t, const char* name, const H5A_info_t*, void* out) {
  static_cast<std::vector<std::string>*>(out)->push_back(name);
  return 0;
}

// Copies every attribute of `from` to `to` through a native-typed buffer (vlen strings included).
void copyAttributes(hid_t from, hid_t to, const std::vector<std::string>& skip, const std::string& where) {
  std::vector<std::string> names;
  hsize_t idx = 0;
  check(H5Aiterate2(from, H5_INDEX_NAME, H5_ITER_INC, &idx, collectAttribute, &names), "E_HDF5", where + ": listing attributes");
  for (const auto& name : names) {
    if (std::find(skip.begin(), skip.end(), name) != skip.end()) continue;
    const std::string what = where + ": attribute " + name;
    Hid attr = own(H5Aopen(from, name.c_str(), H5P_DEFAULT), H5Aclose, "E_HDF5", what);
    Hid type = own(H5Aget_type(attr), H5Tclose, "E_HDF5", what);
    Hid mem = own(H5Tget_native_type(type, H5T_DIR_DEFAULT), H5Tclose, "E_HDF5", what);
    Hid space = own(H5Aget_space(attr), H5Sclose, "E_HDF5", what);
    hssize_t n = H5Sget_simple_extent_npoints(space);
    std::vector<unsigned char> buf(std::max<size_t>(1, H5Tget_size(mem) * static_cast<size_t>(std::max<hssize_t>(n, 1))));
    check(H5Aread(attr, mem, buf.data()), "E_HDF5", what + ": reading");
    bool vlen = H5Tis_variable_str(mem) > 0 || H5Tdetect_class(mem, H5T_VLEN) > 0;
    herr_t written = -1;
    {
      Hid copy = own(H5Acreate2(to, name.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT), H5Aclose, "E_HDF5", what + ": creating");
      written = H5Awrite(copy, mem, buf.data());
    }
    if (vlen) H5Dvlen_reclaim(mem, space, H5P_DEFAULT, buf.data());
    check(written, "E_HDF5", what + ": writing");
  }
}

void writeExtra(hid_t to, const ExtraAttribute& a) {
  const std::string what = "attribute " + a.name;
  Hid space = own(H5Screate(H5S_SCALAR), H5Sclose, "E_HDF5", what);
  if (a.kind == ExtraAttribute::Kind::String) {
    Hid type = own(H5Tcopy(H5T_C_S1), H5Tclose, "E_HDF5", what);
    check(H5Tset_size(type, H5T_VARIABLE), "E_HDF5", what);
    check(H5Tset_cset(type, H5T_CSET_UTF8), "E_HDF5", what);
    Hid attr = own(H5Acreate2(to, a.name.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT), H5Aclose, "E_HDF5", what);
    const char* text = a.text.c_str();
    check(H5Awrite(attr, type, &text), "E_HDF5", what);
  } else if (a.kind == ExtraAttribute::Kind::Int) {
    Hid attr = own(H5Acreate2(to, a.name.c_str(), H5T_STD_I64LE, space, H5P_DEFAULT, H5P_DEFAULT), H5Aclose, "E_HDF5", what);
    check(H5Awrite(attr, H5T_NATIVE_INT64, &a.integer), "E_HDF5", what);
  } else {
    Hid attr = own(H5Acreate2(to, a.name.c_str(), H5T_IEEE_F64LE, space, H5P_DEFAULT, H5P_DEFAULT), H5Aclose, "E_HDF5", what);
    check(H5Awrite(attr, H5T_NATIVE_DOUBLE, &a.number), "E_HDF5", what);
  }
}

// Selects rows [start, start + count) (whole rows) of `space`, OR-ed with what is selected.
void selectRows(hid_t space, const std::vector<hsize_t>& dims, hsize_t start, hsize_t count, bool first) {
  std::vector<hsize_t> off(dims.size(), 0), one(dims.size(), 1), block(dims);
  off[0] = start;
  block[0] = count;
  check(H5Sselect_hyperslab(space, first ? H5S_SELECT_SET : H5S_SELECT_OR, off.data(), nullptr, one.data(), block.data()),
        "E_HDF5", "selecting rows");
}

}  // namespace

std::vector<std::string> rootDatasets(hid_t file, const std::string& path) {
  H5G_info_t info;
  check(H5Gget_info(file, &info), "E_CHUNK_UNREADABLE", path + ": reading the root group");
  std::vector<std::string> names;
  for (hsize_t i = 0; i < info.nlinks; i++) {
    ssize_t len = H5Lget_name_by_idx(file, ".", H5_INDEX_NAME, H5_ITER_INC, i, nullptr, 0, H5P_DEFAULT);
    if (len < 0) check(-1, "E_CHUNK_UNREADABLE", path + ": reading the root group");
    std::string name(static_cast<size_t>(len), '\0');
    H5Lget_name_by_idx(file, ".", H5_INDEX_NAME, H5_ITER_INC, i, name.data(), name.size() + 1, H5P_DEFAULT);
    Hid obj = own(H5Oopen(file, name.c_str(), H5P_DEFAULT), H5Oclose, "E_CHUNK_UNREADABLE", path + ": opening " + name);
    if (H5Iget_type(obj) == H5I_DATASET) names.push_back(name);
  }
  return names;
}

std::vector<DatasetRows> checkChunkFile(const std::string& path, const std::string& templatePath) {
  Hid tpl = openFile(templatePath);
  Hid file = openFile(path);
  std::vector<DatasetRows> out;
  for (const auto& name : rootDatasets(tpl, templatePath)) {
    const std::string what = path + ": dataset " + name;
    if (H5Lexists(file, name.c_str(), H5P_DEFAULT) <= 0) {
      H5Eclear2(H5E_DEFAULT);
      throw SplitError("E_CHUNK_SCHEMA", what + ": expected it (as in " + templatePath + "), got no such dataset");
    }
    Hid want = own(H5Dopen2(tpl, name.c_str(), H5P_DEFAULT), H5Dclose, "E_CHUNK_UNREADABLE", templatePath + ": dataset " + name);
    Hid got = own(H5Dopen2(file, name.c_str(), H5P_DEFAULT), H5Dclose, "E_CHUNK_UNREADABLE", what);
    Hid wantType = own(H5Dget_type(want), H5Tclose, "E_HDF5", what);
    Hid gotType = own(H5Dget_type(got), H5Tclose, "E_CHUNK_UNREADABLE", what);
    Hid wantSpace = own(H5Dget_space(want), H5Sclose, "E_HDF5", what);
    Hid gotSpace = own(H5Dget_space(got), H5Sclose, "E_CHUNK_UNREADABLE", what);
    auto wantDims = extent(wantSpace);
    auto gotDims = extent(gotSpace);
    bool rowShape = wantDims.size() == gotDims.size() && std::equal(wantDims.begin() + 1, wantDims.end(), gotDims.begin() + 1);
    if (H5Tequal(wantType, gotType) <= 0 || !rowShape) {
      throw SplitError("E_CHUNK_SCHEMA", what + ": expected the type and row shape of " + templatePath + ", got another");
    }
    out.push_back({name, gotDims[0]});
  }
  return out;
}

void writeVirtualFile(const std::string& out, const std::string& templatePath, hsize_t rows,
                      const std::vector<SourceFile>& sources, const std::vector<ExtraAttribute>& extra,
                      const std::vector<std::string>& skipRootAttributes) {
  Hid tpl = openFile(templatePath);
  // No modification times anywhere: the same split must give the same bytes.
  Hid fcpl = own(H5Pcreate(H5P_FILE_CREATE), H5Pclose, "E_HDF5", out);
  check(H5Pset_obj_track_times(fcpl, false), "E_HDF5", out);
  Hid file = own(H5Fcreate(out.c_str(), H5F_ACC_TRUNC, fcpl, H5P_DEFAULT), H5Fclose, "E_WRITE", out + ": cannot create the file");
  for (const auto& name : rootDatasets(tpl, templatePath)) {
    const std::string what = out + ": dataset " + name;
    Hid src = own(H5Dopen2(tpl, name.c_str(), H5P_DEFAULT), H5Dclose, "E_HDF5", templatePath + ": " + name);
    Hid type = own(H5Dget_type(src), H5Tclose, "E_HDF5", what);
    Hid srcSpace = own(H5Dget_space(src), H5Sclose, "E_HDF5", what);
    std::vector<hsize_t> dims = extent(srcSpace);
    std::vector<hsize_t> vdims(dims);
    vdims[0] = rows;
    Hid vspace = own(H5Screate_simple(static_cast<int>(vdims.size()), vdims.data(), nullptr), H5Sclose, "E_HDF5", what);
    Hid dcpl = own(H5Pcreate(H5P_DATASET_CREATE), H5Pclose, "E_HDF5", what);
    check(H5Pset_obj_track_times(dcpl, false), "E_HDF5", what);
    check(H5Pset_layout(dcpl, H5D_VIRTUAL), "E_HDF5", what);
    for (const auto& s : sources) {
      if (s.runs.empty()) continue;
      std::vector<hsize_t> sdims(dims);
      sdims[0] = s.rows;
      Hid sspace = own(H5Screate_simple(static_cast<int>(sdims.size()), sdims.data(), nullptr), H5Sclose, "E_HDF5", what);
      // One mapping per source file with a union of row blocks: the mapping count stays the chunk
      // count however finely the split interleaves rows.
      bool first = true;
      for (const auto& r : s.runs) {
        if (r.src + r.count > s.rows || r.dst + r.count > rows) throw SplitError("E_PLAN", what + ": run outside the source or split rows");
        selectRows(sspace, sdims, r.src, r.count, first);
        selectRows(vspace, vdims, r.dst, r.count, first);
        first = false;
      }
      check(H5Pset_virtual(dcpl, vspace, s.file.c_str(), ("/" + name).c_str(), sspace), "E_HDF5", what + ": mapping " + s.file);
    }
    check(H5Sselect_all(vspace), "E_HDF5", what);
    Hid ds = own(H5Dcreate2(file, name.c_str(), type, vspace, H5P_DEFAULT, dcpl, H5P_DEFAULT), H5Dclose, "E_WRITE", what + ": creating");
    copyAttributes(src, ds, {}, what);
  }
  copyAttributes(tpl, file, skipRootAttributes, out);
  for (const auto& a : extra) writeExtra(file, a);
  check(H5Fflush(file, H5F_SCOPE_GLOBAL), "E_WRITE", out + ": flushing");
}

}  // namespace vstds
