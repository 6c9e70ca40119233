"""Run every benchmark and print its figures (the README quotes the latest run).

    make bench      (installs the bench extra, then runs this)
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
#: each prints its figures for dev and held-out material side by side (speed: whole processes);
#: deliberate_bugs.py runs the suite once per bug in a scratch clone (about 10 minutes)
BENCHES = ["ocr_repair.py", "structure.py", "web_pages.py", "encoding.py", "speed.py", "lexicons.py",
           "deliberate_bugs.py"]


def main() -> int:
    failed = 0
    for name in BENCHES:
        print(f"== {name}", flush=True)
        failed += subprocess.call([sys.executable, str(HERE / name)]) != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
