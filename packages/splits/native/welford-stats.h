#pragma once
#include <hdf5.h>

#include <string>
#include <vector>

namespace vstds {

// Rows [start, start + count) of one file.
struct RowSpan {
  hsize_t start;
  hsize_t count;
};

struct FileRows {
  std::string path;
  std::vector<RowSpan> spans;
};

// Per-element running mean and sum of squared deviations, in float64.
struct WelfordState {
  double n = 0;
  std::vector<hsize_t> rowShape;
  std::vector<double> mean;
  std::vector<double> m2;
};

// Welford over the rows of `dataset` listed in `files`, reading at most `batchRows` rows at a time
// (memory: batchRows rows as float32 plus two float64 rows).
WelfordState welfordStats(const std::vector<FileRows>& files, const std::string& dataset, hsize_t batchRows);

}  // namespace vstds
