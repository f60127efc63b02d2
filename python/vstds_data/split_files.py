"""train.h5 / val.h5 / test.h5 (HDF5 virtual datasets over the chunk files) and stats.npz."""
import os

import numpy as np

from .chunked_dataset_reader import open_h5
from .errors import ChunkReadError, SplitNotFoundError

SPLIT_NAMES = ("train", "val", "test")
STATS_FILE = "stats.npz"


def split_path(dataset_dir, split):
    if split not in SPLIT_NAMES:
        raise ValueError(f"split: expected one of {', '.join(SPLIT_NAMES)}, got {split!r}")
    path = os.path.join(os.fspath(dataset_dir), f"{split}.h5")
    if not os.path.exists(path):
        raise SplitNotFoundError(f"{path}: expected a split file, got none (run: vstds split {dataset_dir})")
    return path


def open_split(dataset_dir, split="train"):
    """The split file as an h5py.File: ``f['mel_spec'][i]`` reads row i of the split from its chunk."""
    return open_h5(split_path(dataset_dir, split))


def load_stats(dataset_dir):
    """(mean, std) float32 arrays of one mel_spec row's shape, from DIR/stats.npz."""
    path = os.path.join(os.fspath(dataset_dir), STATS_FILE)
    if not os.path.exists(path):
        raise SplitNotFoundError(f"{path}: expected normalisation stats, got none (run: vstds stats {dataset_dir})")
    try:
        with np.load(path) as z:
            return z["mean"], z["std"]
    except (OSError, ValueError, KeyError) as e:
        raise ChunkReadError(path, f"expected an .npz with mean and std: {e}") from e
