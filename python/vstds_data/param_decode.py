"""@vstds/param-spec's decode (decode.ts) for a spec given as plain data (the manifest's `spec`)."""
import math


def _argmax(e, start, n):
    best = 0
    for i in range(1, n):
        if e[start + i] > e[start + best]:
            best = i
    return best


def _raw_values(p):
    n = len(p["values"])
    return p.get("raw_values") or [i / (n - 1) for i in range(n)]


def _discrete(e, at, lo, hi, encoding):
    if encoding == "scalar":
        return math.trunc(e[at] * (hi - lo) + lo), at + 1
    n = hi - lo + 1
    return lo + _argmax(e, at, n), at + n


def decode_params(spec, encoded):
    """Synth and note parameters of one encoded row, by name (note_start_and_end as a pair)."""
    e = [float(v) for v in encoded]
    width = _width(spec)
    if len(e) != width:
        raise ValueError(f"{spec.get('name')}: expected an encoded vector of {width} values, found {len(e)}")
    out = {}
    at = 0
    for p in spec["synth_params"]:
        kind = p["kind"]
        if kind == "continuous":
            out[p["name"]] = e[at] * (p["max"] - p["min"]) + p["min"]
            at += 1
        elif kind == "categorical":
            if p["encoding"] == "scalar":
                out[p["name"]] = e[at]
                at += 1
            else:
                out[p["name"]] = _raw_values(p)[_argmax(e, at, len(p["values"]))]
                at += len(p["values"])
        elif kind == "discrete":
            out[p["name"]], at = _discrete(e, at, p["min"], p["max"], p["encoding"])
    for p in spec["note_params"]:
        if p["kind"] == "note_start_and_end":
            out["note_start_and_end"] = (e[at] * p["max_seconds"], e[at + 1] * p["max_seconds"])
            at += 2
        else:
            out[p["name"]], at = _discrete(e, at, p["min"], p["max"], p["encoding"])
    return out


def _width(spec):
    w = 0
    for p in list(spec["synth_params"]) + list(spec["note_params"]):
        kind = p["kind"]
        if kind == "continuous":
            w += 1
        elif kind == "categorical":
            w += 1 if p["encoding"] == "scalar" else len(p["values"])
        elif kind == "discrete":
            w += 1 if p["encoding"] == "scalar" else p["max"] - p["min"] + 1
        elif kind == "note_start_and_end":
            w += 2
    return w
