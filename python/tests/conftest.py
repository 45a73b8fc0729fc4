"""Shared fixtures: the CLI binary and the source tree (set by ctest: python/CMakeLists.txt)."""
import os
import pathlib
import subprocess

import numpy as np
import pytest

SOURCE_DIR = pathlib.Path(os.environ.get("OPENSPINS_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))
EXAMPLES = SOURCE_DIR / "examples"


@pytest.fixture(scope="session")
def cli() -> str:
    path = os.environ.get("OPENSPINS_CLI")
    if not path:
        pytest.skip("OPENSPINS_CLI not set (run through ctest)")
    return path


def run_cli(cli: str, *args, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([cli, *map(str, args)], capture_output=True, text=True, cwd=cwd)


def read_series(directory: pathlib.Path):
    """series.csv → (header, t, step, values) with every number read back as a double."""
    lines = (directory / "series.csv").read_text().splitlines()
    header = lines[0].split(",")
    rows = np.array([[float(x) for x in line.split(",")] for line in lines[1:]])
    return header, rows[:, 0], rows[:, 1].astype(int), rows[:, 2:]
