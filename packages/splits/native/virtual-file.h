#pragma once
#include <hdf5.h>

#include <cstdint>
#include <string>
#include <vector>

namespace vstds {

// Rows [src, src + count) of one source file land at rows [dst, dst + count) of the virtual file.
struct RowRun {
  hsize_t src;
  hsize_t dst;
  hsize_t count;
};

// One chunk file as a virtual file sees it: `file` is stored verbatim (relative names resolve
// against the virtual file's directory), `rows` is the chunk's row count.
struct SourceFile {
  std::string file;
  hsize_t rows;
  std::vector<RowRun> runs;
};

struct ExtraAttribute {
  enum class Kind { String, Int, Float } kind;
  std::string name;
  std::string text;
  int64_t integer = 0;
  double number = 0;
};

// Writes `out` with one virtual dataset per dataset of `templatePath` (same type, rows = `rows`),
// mapping every source's runs, and copies the template's root and dataset attributes (except
// `skipRootAttributes`) before adding `extra`.
void writeVirtualFile(const std::string& out, const std::string& templatePath, hsize_t rows,
                      const std::vector<SourceFile>& sources, const std::vector<ExtraAttribute>& extra,
                      const std::vector<std::string>& skipRootAttributes);

// Datasets of `path` that `templatePath` has, checked for the template's type and row shape;
// returns each dataset's row count (in the template's dataset order).
struct DatasetRows {
  std::string name;
  hsize_t rows;
};
std::vector<DatasetRows> checkChunkFile(const std::string& path, const std::string& templatePath);

// Names of the root datasets of an open file, in name order.
std::vector<std::string> rootDatasets(hid_t file, const std::string& path);

}  // namespace vstds
