"""The Python reader against a dataset written by the real CLI, compared with @vstds/reader."""
import json
import os
import shutil
import subprocess
import sys

import h5py
import numpy as np
import pytest

from conftest import PYTHON_DIR, node
from chunked_dataset_reader import ChunkedDatasetReader, ChunkReadError
from vstds_data import decode_params, sample_without_replacement

HERE = os.path.dirname(os.path.abspath(__file__))

SEED_SNIPPET = '''from chunked_dataset_reader import ChunkedDatasetReader

# Load chunked dataset
reader = ChunkedDatasetReader('datasets/vst_samples_large')

# Get dataset info
info = reader.get_dataset_info()
print(f"Total samples: {info['total_samples']}")
print(f"Number of chunks: {info['num_chunks']}")

# Get random samples
samples = reader.get_random_samples(10, seed=42)
for sample in samples:
    print(f"Sample {sample['global_id']}: MIDI {sample['midi_note']}")

# Iterate through chunks
for chunk in reader.iterate_chunks():
    audio = chunk['audio'][:]
    # Process chunk...
'''


def ts_reader(dataset_dir, n, seed):
    return json.loads(node(os.path.join(HERE, "fixtures", "reader_rows.mjs"), dataset_dir, str(n), str(seed)))


def test_seed_snippet_runs_unchanged_and_prints_the_totals(dataset_dir, tmp_path):
    with open(os.path.join(PYTHON_DIR, "README.md"), encoding="utf-8") as fh:
        readme = fh.read()
    assert readme.split("```python\n")[1].split("```")[0] == SEED_SNIPPET
    (tmp_path / "datasets").mkdir()
    os.symlink(dataset_dir, tmp_path / "datasets" / "vst_samples_large")
    (tmp_path / "snippet.py").write_text(SEED_SNIPPET)
    env = dict(os.environ, PYTHONPATH=PYTHON_DIR)
    r = subprocess.run([sys.executable, "snippet.py"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0] == "Total samples: 20"
    assert lines[1] == "Number of chunks: 4"
    ts = ts_reader(dataset_dir, 10, 42)
    assert lines[2:] == [f"Sample {s['global_id']}: MIDI {s['midi_note']}" for s in ts["samples"]]


@pytest.mark.parametrize("seed", [0, 42, 2**64 - 1])
def test_random_samples_are_the_typescript_readers_and_params_decode_alike(dataset_dir, seed):
    ts = ts_reader(dataset_dir, 20, seed)
    with ChunkedDatasetReader(dataset_dir) as reader:
        py = reader.get_random_samples(20, seed=seed)
    assert [s["global_id"] for s in py] == [s["global_id"] for s in ts["samples"]]
    assert [s["chunk_index"] for s in py] == [s["chunk_index"] for s in ts["samples"]]
    for a, b in zip(py, ts["samples"]):
        assert set(a["params"]) == set(b["params"])
        for k, v in b["params"].items():
            assert a["params"][k] == pytest.approx(v, rel=1e-6, abs=1e-6), k


def test_sampling_algorithm_matches_for_large_totals():
    # Partial Fisher–Yates over a sparse map: distinct, in range, reproducible.
    ids = sample_without_replacement(10**9, 1000, 7)
    assert len(set(ids)) == 1000 and all(0 <= i < 10**9 for i in ids)
    assert ids == sample_without_replacement(10**9, 1000, 7)


def test_get_sample_fields_match_the_chunk_files(dataset_dir):
    with ChunkedDatasetReader(dataset_dir) as reader:
        s = reader.get_sample(13)
        spec = reader.get_dataset_info()["spec"]
    with h5py.File(os.path.join(dataset_dir, "dataset_0002.h5"), "r") as f:
        row = 13 - 12
        assert s["chunk_index"] == 2 and s["row"] == row and s["global_id"] == int(f["global_ids"][row])
        assert s["audio"].dtype == np.float32
        np.testing.assert_array_equal(s["audio"], f["audio"][row].astype(np.float32))
        np.testing.assert_array_equal(s["mel_spec"], f["mel_spec"][row])
        np.testing.assert_array_equal(s["param_array"], f["param_array"][row])
        assert s["midi_note"] == int(f["midi_notes"][row]) and s["velocity"] == int(f["velocities"][row])
        # The peak is measured on the float32 render, before float16: within half-precision rounding of the stored audio's.
        assert f["peaks"].dtype == np.float32 and f["peaks"].shape == (6,)
        assert s["peak"] == float(f["peaks"][row]) and s["peak"] > 0
        assert abs(float(np.max(np.abs(s["audio"]))) - s["peak"]) <= s["peak"] * 2 ** -10
        stored = json.loads(f["parameters"][row])
    assert s["parameters"] == stored
    assert s["params"] == decode_params(spec, s["param_array"])


def test_validate_passes_and_a_truncated_chunk_is_named(dataset_dir, tmp_path):
    with ChunkedDatasetReader(dataset_dir) as reader:
        report = reader.validate()
    assert report["ok"], report["problems"]
    assert report["checked_samples"] == 20
    broken = tmp_path / "broken"
    shutil.copytree(dataset_dir, broken)
    victim = broken / "dataset_0001.h5"
    size = victim.stat().st_size
    with open(victim, "r+b") as fh:
        fh.truncate(size // 3)
    with ChunkedDatasetReader(str(broken)) as reader:
        with pytest.raises(ChunkReadError) as e:
            reader.get_sample(7)
        assert str(victim) in str(e.value)
        report = reader.validate()
    assert not report["ok"]
    assert any(p.startswith("dataset_0001.h5: ") for p in report["problems"])


def test_pip_install_no_build_isolation(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(PYTHON_DIR, src, ignore=shutil.ignore_patterns("tests", "build", "*.egg-info", "__pycache__"))
    target = tmp_path / "site"
    r = subprocess.run([sys.executable, "-m", "pip", "install", "--no-build-isolation", "--no-deps", "--no-index", "--target", str(target), str(src)],
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    r = subprocess.run([sys.executable, "-c", "import chunked_dataset_reader, vstds_data; print(vstds_data.__file__)"],
                       env=dict(os.environ, PYTHONPATH=str(target)), cwd=tmp_path, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith(str(target))
