"""A vstds dataset directory (chunk files + dataset_info.json) read with h5py, with the seed tool's API."""
import hashlib
import json
import os
from collections import OrderedDict

import h5py
import numpy as np

from .errors import ChunkReadError, DatasetNotFoundError, SampleNotFoundError
from .param_decode import decode_params
from .seeded_random import sample_without_replacement

MANIFEST_FILE = "dataset_info.json"
CHUNK_DATASETS = ("audio", "mel_spec", "param_array", "parameters", "midi_notes", "velocities", "global_ids")
# Per-row datasets added after dataset format version 1 (@vstds/hdf5-chunks DATASET_SINCE_VERSION):
# checked when present; absent from chunks of datasets started before them.
LATER_CHUNK_DATASETS = ("peaks",)
_OPEN_FILES = 8


def open_h5(path):
    """h5py.File read-only; a missing, truncated or corrupt file raises ChunkReadError naming it."""
    try:
        return h5py.File(path, "r")
    except (OSError, ValueError) as e:
        raise ChunkReadError(path, f"not a readable HDF5 file (truncated or corrupt?): {e}") from e


def _attr_json(attrs, key):
    v = attrs.get(key)
    if isinstance(v, bytes):
        v = v.decode("utf-8")
    if isinstance(v, str):
        try:
            return json.loads(v)
        except ValueError:
            return v
    return v


def _plain(v):
    if isinstance(v, np.generic):
        return v.item()
    if isinstance(v, np.ndarray):
        return v.tolist()
    if isinstance(v, bytes):
        return v.decode("utf-8")
    return v


class ChunkedDatasetReader:
    """Reads rows by global id, seeded random rows, whole chunks and checks a dataset; h5py handles are
    opened on demand (at most a few at a time) and never shared across processes."""

    def __init__(self, dataset_dir):
        self.dataset_dir = os.path.abspath(os.fspath(dataset_dir))
        if not os.path.isdir(self.dataset_dir):
            raise DatasetNotFoundError(f"{self.dataset_dir}: expected a dataset directory, got nothing there")
        self.manifest = self._read_manifest()
        self.chunks = self._catalog()
        if not self.chunks:
            raise DatasetNotFoundError(f"{self.dataset_dir}: expected {MANIFEST_FILE} listing chunks or *.h5 chunk files, got none")
        self._open = OrderedDict()
        self._pid = os.getpid()
        first = self._file(self.chunks[0])
        raw_spec = self.manifest.get("spec") if self.manifest else _attr_json(first.attrs, "param_spec")
        self.spec = raw_spec if isinstance(raw_spec, dict) else None
        self._info = self._summary(first)

    # -- the seed tool's API ---------------------------------------------------------------------

    def get_dataset_info(self):
        """Totals and the dataset's attributes (the keys of @vstds/reader's getDatasetInfo)."""
        return dict(self._info)

    def get_sample(self, global_id):
        entry = self._locate(int(global_id))
        f = self._file(entry)
        row = int(global_id) - entry["first_global_id"]
        try:
            param_array = np.asarray(f["param_array"][row], dtype=np.float32)
            sample = {
                "global_id": int(global_id),
                "chunk_index": entry["index"],
                "row": row,
                "midi_note": int(f["midi_notes"][row]),
                "velocity": int(f["velocities"][row]),
                "audio": np.asarray(f["audio"][row], dtype=np.float32),
                "mel_spec": np.asarray(f["mel_spec"][row], dtype=np.float32),
                "param_array": param_array,
                "parameters": json.loads(_plain(f["parameters"][row])),
                # max |sample| over channels before float16; None in datasets from before per-row peaks.
                "peak": float(f["peaks"][row]) if "peaks" in f else None,
            }
            if "preset_files" in f:
                # A preset dataset: the row's preset file (relative to its preset folder) and sha256.
                sample["preset"] = {"file": _plain(f["preset_files"][row]), "sha256": _plain(f["preset_sha256"][row])}
        except (OSError, KeyError, ValueError) as e:
            raise ChunkReadError(entry["path"], f"row {row}: {e}") from e
        sample["params"] = self.decode_params(param_array)
        return sample

    def get_random_samples(self, n, seed=0):
        """`n` distinct rows chosen by splitmix64 + partial Fisher–Yates: the ids @vstds/reader's
        getRandomSamples(n, {seed}) returns."""
        total = self._info["total_samples"]
        if not isinstance(n, int) or n < 0 or n > total:
            raise ValueError(f"get_random_samples: n: expected an integer in 0..{total}, got {n!r}")
        return [self.get_sample(self._global_id_at(k)) for k in sample_without_replacement(total, n, seed)]

    def iterate_chunks(self):
        """Each chunk as an open h5py.File (``chunk['audio'][:]``), closed when the next is yielded."""
        for entry in self.chunks:
            f = open_h5(entry["path"])
            try:
                yield f
            finally:
                f.close()

    def decode_params(self, param_array):
        """Named parameter values of an encoded row (@vstds/param-spec's decode with the dataset's spec)."""
        if self.spec is None:
            return {}
        return decode_params(self.spec, param_array)

    def validate(self, check_sha256=True):
        """Per chunk: file present, size and sha256 (manifest), datasets, row counts, finite values."""
        report = {"ok": True, "checked_samples": 0, "problems": [], "missing_chunks": [], "chunks": []}
        first_shapes = None
        for entry in self.chunks:
            problems = []
            path = entry["path"]
            if not os.path.exists(path):
                problems.append("file missing")
            else:
                if entry.get("sha256") and check_sha256:
                    size = os.path.getsize(path)
                    if size != entry.get("bytes"):
                        problems.append(f"size {size} bytes, manifest says {entry.get('bytes')}")
                    digest = _sha256(path)
                    if digest != entry["sha256"]:
                        problems.append(f"sha256 {digest}, manifest says {entry['sha256']}")
                self._drop(entry["index"])
                try:
                    with open_h5(path) as f:
                        shapes = {}
                        for name in CHUNK_DATASETS + LATER_CHUNK_DATASETS:
                            if name not in f and name in LATER_CHUNK_DATASETS:
                                continue
                            if name not in f:
                                problems.append(f"dataset {name}: missing")
                                continue
                            shapes[name] = f[name].shape
                            if f[name].shape[0] != entry["num_samples"]:
                                problems.append(f"dataset {name}: {f[name].shape[0]} rows, manifest says {entry['num_samples']}")
                        if first_shapes is None:
                            first_shapes = shapes
                        for name, shape in shapes.items():
                            if shape[1:] != first_shapes.get(name, shape)[1:]:
                                problems.append(f"dataset {name}: row shape {shape[1:]}, first chunk has {first_shapes[name][1:]}")
                        for name in ("audio", "mel_spec", "param_array"):
                            if name in f and not np.all(np.isfinite(f[name][()])):
                                problems.append(f"dataset {name}: non-finite values")
                        if "global_ids" in f:
                            ids = f["global_ids"][()]
                            want = np.arange(entry["first_global_id"], entry["first_global_id"] + entry["num_samples"])
                            if ids.shape != want.shape or not np.array_equal(ids, want):
                                problems.append("global_ids: not the chunk's consecutive ids")
                        report["checked_samples"] += int(f["global_ids"].shape[0]) if "global_ids" in f else 0
                except ChunkReadError as e:
                    problems.append(e.reason)
            report["chunks"].append({"index": entry["index"], "file": entry["file"], "ok": not problems, "num_samples": entry["num_samples"], "problems": problems})
            report["problems"].extend(f"{entry['file']}: {p}" for p in problems)
        listed = {c["index"] for c in self.chunks}
        report["missing_chunks"] = [i for i in range(self._info["planned_chunks"]) if i not in listed]
        if report["missing_chunks"]:
            report["problems"].append("chunks not complete: " + ", ".join(map(str, report["missing_chunks"])))
        report["ok"] = not report["problems"]
        return report

    def close(self):
        for f in self._open.values():
            f.close()
        self._open.clear()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __len__(self):
        return self._info["total_samples"]

    # -- internals -------------------------------------------------------------------------------

    def _read_manifest(self):
        path = os.path.join(self.dataset_dir, MANIFEST_FILE)
        if not os.path.exists(path):
            return None
        with open(path, encoding="utf-8") as fh:
            try:
                return json.load(fh)
            except ValueError as e:
                raise DatasetNotFoundError(f"{path}: expected valid JSON, got {e}") from e

    def _catalog(self):
        if self.manifest is not None:
            out = []
            for c in sorted(self.manifest["chunks"], key=lambda c: c["first_global_id"]):
                name = c["file"]
                if os.path.basename(name) != name or name in ("", ".", ".."):
                    raise DatasetNotFoundError(f"{os.path.join(self.dataset_dir, MANIFEST_FILE)}: chunks[].file: expected a file name inside the directory, got {name!r}")
                out.append(dict(c, path=os.path.join(self.dataset_dir, name)))
            return out
        out = []
        for name in sorted(os.listdir(self.dataset_dir)):
            if not name.endswith(".h5") or name in ("train.h5", "val.h5", "test.h5"):
                continue
            path = os.path.join(self.dataset_dir, name)
            with open_h5(path) as f:
                if "global_ids" not in f:
                    continue
                ids = f["global_ids"][()]
                out.append({"file": name, "path": path, "index": int(f.attrs.get("chunk_index", len(out))),
                            "first_global_id": int(ids[0]) if len(ids) else 0, "num_samples": int(len(ids))})
        return sorted(out, key=lambda c: c["first_global_id"])

    def _summary(self, first):
        m = self.manifest or {}
        audio = first["audio"]
        _, channels, samples = audio.shape
        _, _, n_mels, frames = first["mel_spec"].shape
        total = sum(c["num_samples"] for c in self.chunks)
        a = {k: _plain(v) for k, v in audio.attrs.items()}
        return {
            "total_samples": total,
            "num_chunks": len(self.chunks),
            "planned_samples": m.get("total_samples", total),
            "planned_chunks": m.get("num_chunks", len(self.chunks)),
            "samples_per_file": m.get("samples_per_file", max(c["num_samples"] for c in self.chunks)),
            "sample_rate": a.get("sample_rate"),
            "channels": int(channels),
            "signal_duration_seconds": a.get("signal_duration_seconds"),
            "note_duration_seconds": a.get("note_duration_seconds"),
            "samples_per_channel": int(samples),
            "n_mels": int(n_mels),
            "frames": int(frames),
            "min_loudness": a.get("min_loudness"),
            "min_pitch": a.get("min_pitch"),
            "max_pitch": a.get("max_pitch"),
            "velocity": a.get("velocity"),
            "param_names": m.get("param_names") or _attr_json(first.attrs, "param_names") or [],
            "encoded_width": int(first["param_array"].shape[1]),
            "plugin": m.get("plugin") or _attr_json(first.attrs, "plugin"),
            "seed": m.get("seed", _plain(first.attrs.get("seed"))),
            "spec": self.spec,
            "vstds_version": str(m.get("vstds_version") or _plain(first.attrs.get("vstds_version")) or ""),
            "source": "manifest" if self.manifest is not None else "scan",
            "splits": m.get("splits"),
            "chunks": [{k: c[k] for k in ("index", "file", "first_global_id", "num_samples")} for c in self.chunks],
        }

    def _locate(self, global_id):
        lo, hi = 0, len(self.chunks) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            e = self.chunks[mid]
            if global_id < e["first_global_id"]:
                hi = mid - 1
            elif global_id >= e["first_global_id"] + e["num_samples"]:
                lo = mid + 1
            else:
                return e
        raise SampleNotFoundError(f"{self.dataset_dir}: global id {global_id}: expected an id held by one of {len(self.chunks)} chunks, got none")

    def _global_id_at(self, k):
        for e in self.chunks:
            if k < e["num_samples"]:
                return e["first_global_id"] + k
            k -= e["num_samples"]
        raise SampleNotFoundError(f"{self.dataset_dir}: row ordinal out of range")

    def _file(self, entry):
        if self._pid != os.getpid():
            # A forked child (DataLoader worker) must not reuse its parent's HDF5 handles.
            self._open.clear()
            self._pid = os.getpid()
        f = self._open.pop(entry["index"], None)
        if f is None:
            f = open_h5(entry["path"])
            rows = f["global_ids"].shape[0] if "global_ids" in f else None
            if rows != entry["num_samples"]:
                f.close()
                raise ChunkReadError(entry["path"], f"expected {entry['num_samples']} rows ({MANIFEST_FILE}), got {rows}")
        self._open[entry["index"]] = f
        while len(self._open) > _OPEN_FILES:
            _, old = self._open.popitem(last=False)
            old.close()
        return f

    def _drop(self, index):
        f = self._open.pop(index, None)
        if f is not None:
            f.close()


def _sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(8 << 20), b""):
            h.update(block)
    return h.hexdigest()
