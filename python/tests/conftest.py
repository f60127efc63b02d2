"""A real dataset for the Python tests: written by the vstds CLI (from sources) and split by it."""
import os
import subprocess
import sys

import pytest

PYTHON_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REPO = os.path.dirname(PYTHON_DIR)
sys.path.insert(0, PYTHON_DIR)

CONFIG = """plugin_path: http://drobilla.net/plugins/mda/JX10
param_spec: mda_jx10
output_dir: dataset
num_samples: 20
samples_per_file: 6
num_workers: 1
seed: 42
sample_rate: 44100
channels: 2
signal_duration_seconds: 1.0
note_duration_seconds: 0.5
velocity: 100
min_loudness: -55
"""


def node(*args, cwd=REPO):
    """node with the workspace's sources (no build needed), output as text; raises with stderr."""
    tsx = os.path.join(REPO, "node_modules", "tsx", "dist", "loader.mjs")
    r = subprocess.run(["node", "--conditions=@vstds/source", "--import", "file://" + tsx, *args], cwd=cwd,
                       capture_output=True, text=True, timeout=900)
    if r.returncode != 0:
        raise RuntimeError(f"node {' '.join(args)} exited {r.returncode}: {r.stderr}")
    return r.stdout


def vstds(*args):
    return node(os.path.join(REPO, "packages", "cli", "src", "bin.ts"), *args)


@pytest.fixture(scope="session")
def dataset_dir(tmp_path_factory):
    root = tmp_path_factory.mktemp("vstds-py")
    (root / "config.yaml").write_text(CONFIG)
    vstds("generate", "--config", str(root / "config.yaml"))
    d = root / "dataset"
    vstds("split", str(d), "--val", "0.2", "--test", "0.1")
    return str(d)
