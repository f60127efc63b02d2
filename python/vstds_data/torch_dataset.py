"""A PyTorch Dataset over one split, in the training code's shape. Imports torch (optional dependency)."""
import os

import numpy as np
import torch
from torch.utils.data import Dataset

from .split_files import load_stats, open_split, split_path

# std of a constant mel bin is 0: dividing by it would give inf/nan rows.
_EPS = 1e-8


class SplitDataset(Dataset):
    """Rows of DIR/<split>.h5 as dicts of tensors: ``mel_spec`` normalised with stats.npz
    ((mel - mean) / std), ``params`` (param_array, rescaled to [-1, 1] when ``rescale_params``),
    ``audio`` when ``with_audio``, plus ``global_id``, ``midi_note``, ``velocity``.

    Each process opens its own h5py handle on first use (h5py handles must not cross a fork), so it
    is safe with ``DataLoader(num_workers=N)``."""

    def __init__(self, dataset_dir, split="train", normalize=True, rescale_params=False, with_audio=False):
        self.dataset_dir = os.fspath(dataset_dir)
        self.split = split
        self.path = split_path(self.dataset_dir, split)
        self.rescale_params = rescale_params
        self.with_audio = with_audio
        with open_split(self.dataset_dir, split) as f:
            self._len = int(f["global_ids"].shape[0])
        if normalize:
            mean, std = load_stats(self.dataset_dir)
            self.mean = torch.from_numpy(np.asarray(mean, dtype=np.float32))
            self.std = torch.from_numpy(np.asarray(std, dtype=np.float32))
        else:
            self.mean = self.std = None
        self._file = None
        self._pid = None

    def __len__(self):
        return self._len

    def _h5(self):
        if self._file is None or self._pid != os.getpid():
            self._file = open_split(self.dataset_dir, self.split)
            self._pid = os.getpid()
        return self._file

    def __getitem__(self, idx):
        if idx < 0:
            idx += self._len
        if not 0 <= idx < self._len:
            raise IndexError(f"{self.path}: index {idx} outside 0..{self._len - 1}")
        f = self._h5()
        mel = torch.from_numpy(np.asarray(f["mel_spec"][idx], dtype=np.float32))
        if self.mean is not None:
            mel = (mel - self.mean) / torch.clamp(self.std, min=_EPS)
        params = torch.from_numpy(np.asarray(f["param_array"][idx], dtype=np.float32))
        if self.rescale_params:
            params = params * 2.0 - 1.0
        item = {
            "mel_spec": mel,
            "params": params,
            "global_id": int(f["global_ids"][idx]),
            "midi_note": int(f["midi_notes"][idx]),
            "velocity": int(f["velocities"][idx]),
        }
        if self.with_audio:
            item["audio"] = torch.from_numpy(np.asarray(f["audio"][idx], dtype=np.float32))
        return item

    def __getstate__(self):
        # Handles never travel to workers; each reopens.
        state = dict(self.__dict__)
        state["_file"] = None
        state["_pid"] = None
        return state
