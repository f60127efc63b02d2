"""train.h5/val.h5/test.h5 + stats.npz written by `vstds split`, read the way training code reads them."""
import json
import os

import h5py
import numpy as np
import pytest

from vstds_data import SPLIT_NAMES, ChunkedDatasetReader, load_stats, open_split
from vstds_data.errors import SplitNotFoundError


def test_training_code_pattern_reads_splits_and_stats(dataset_dir):
    z = np.load(os.path.join(dataset_dir, "stats.npz"))
    mean, std = z["mean"], z["std"]
    assert mean.dtype == np.float32 and std.dtype == np.float32
    with ChunkedDatasetReader(dataset_dir) as reader:
        seen = []
        for split in SPLIT_NAMES:
            with h5py.File(os.path.join(dataset_dir, f"{split}.h5"), "r") as f:
                n = f["mel_spec"].shape[0]
                assert mean.shape == f["mel_spec"].shape[1:]
                for idx in range(n):
                    gid = int(f["global_ids"][idx])
                    s = reader.get_sample(gid)
                    mel = (f["mel_spec"][idx] - mean) / np.where(std > 0, std, 1)
                    np.testing.assert_array_equal(f["mel_spec"][idx], s["mel_spec"])
                    np.testing.assert_array_equal(f["param_array"][idx], s["param_array"])
                    np.testing.assert_array_equal(f["audio"][idx].astype(np.float32), s["audio"])
                    assert np.all(np.isfinite(mel))
                    seen.append(gid)
    assert sorted(seen) == list(range(20))


def test_stats_equal_numpy_over_train(dataset_dir):
    with open_split(dataset_dir, "train") as f:
        m = f["mel_spec"][:].astype(np.float64)
    mean, std = load_stats(dataset_dir)
    np.testing.assert_allclose(mean, m.mean(axis=0), rtol=1e-5, atol=0)
    np.testing.assert_allclose(std, m.std(axis=0, ddof=1), rtol=1e-5, atol=0)


def test_split_is_recorded_in_the_manifest(dataset_dir):
    m = json.load(open(os.path.join(dataset_dir, "dataset_info.json")))
    rec = m["splits"]
    assert rec["counts"] == {"train": 14, "val": 4, "test": 2}
    assert rec["seed"] == 42 and rec["val"] == 0.2 and rec["test"] == 0.1
    for split in SPLIT_NAMES:
        with open_split(dataset_dir, split) as f:
            assert f["global_ids"].shape[0] == rec["counts"][split]
            assert f.attrs["split"] == split


def test_missing_split_is_named(tmp_path):
    with pytest.raises(SplitNotFoundError, match=r"train\.h5: expected a split file"):
        open_split(str(tmp_path), "train")


def test_torch_dataloader_with_two_workers(dataset_dir):
    torch = pytest.importorskip("torch")  # python3-torch is installed by setup; never skipped there
    from torch.utils.data import DataLoader

    from vstds_data import SplitDataset

    ds = SplitDataset(dataset_dir, "train", rescale_params=True, with_audio=True)
    assert len(ds) == 14
    mean, std = load_stats(dataset_dir)
    batches = list(DataLoader(ds, batch_size=4, num_workers=2, shuffle=False))
    ids = [int(i) for b in batches for i in b["global_id"]]
    with open_split(dataset_dir, "train") as f:
        assert ids == f["global_ids"][:].tolist()
        first = batches[0]
        want = (f["mel_spec"][0] - mean) / np.maximum(std, 1e-8)
        np.testing.assert_allclose(first["mel_spec"][0].numpy(), want, rtol=1e-5, atol=1e-5)
        np.testing.assert_allclose(first["params"][0].numpy(), f["param_array"][0] * 2 - 1, rtol=1e-6, atol=1e-6)
        np.testing.assert_array_equal(first["audio"][0].numpy(), f["audio"][0].astype(np.float32))
    assert first["mel_spec"].dtype == torch.float32
    assert float(first["params"].min()) >= -1 and float(first["params"].max()) <= 1
