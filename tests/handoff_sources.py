"""The public repositories the hand-off tests run against (``bench/public_sources.py``);
a test skips, with the reason, where one cannot be had."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from public_sources import SourceUnavailable  # noqa: E402
from public_sources import repository as fetched  # noqa: E402


def repository(name: str) -> Path:
    try:
        return fetched(name)
    except SourceUnavailable as reason:
        pytest.skip(str(reason))
