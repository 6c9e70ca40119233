"""A pytest plugin for ``make mutation`` (loaded through ``[tool.mutmut] pytest_add_cli_args``).

mutmut runs the tests of each mutant in a process forked from one that has already run
the tests once, unmutated. A source's working state lives in its ``SourceContext`` and dies
with its build, so no mutant is handed what the unmutated code computed; the few
process-wide caches left hold data read from a library or the code's own fingerprint, and
each session starts by emptying any other a module may hold.
"""

from __future__ import annotations

import inspect
import sys

#: caches whose values no mutated code computes
KEEP = {"pipeline.repair.lexicon.english_frequencies", "pipeline.repair.lexicon.general_zipf",
        "pipeline.repair.channel.common_english", "pipeline.runner.code_fingerprint"}


def pytest_sessionstart(session):
    for name, module in list(sys.modules.items()):
        if name != "pipeline" and not name.startswith("pipeline.") or name.startswith("pipeline.validate"):
            continue
        for attr, value in list(vars(module).items()):
            if callable(getattr(value, "cache_clear", None)) and getattr(value, "__module__", name) == name \
                    and f"{name}.{attr}" not in KEEP:
                value.cache_clear()


def pytest_collection_modifyitems(config, items):
    """Leave out the tests that drive the command line through click's ``CliRunner``: mutmut
    captures the output itself and click's runner then writes to a closed file, so such a
    test fails on the unmutated code and mutmut stops before testing any mutant. (The
    command line is thin over ``run_build``; ``make test`` runs these tests.)"""
    kept, left_out = [], []
    for item in items:
        (left_out if drives_the_command_line(item) else kept).append(item)
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = kept


def drives_the_command_line(item) -> bool:
    function = getattr(item, "function", None)
    try:
        return function is not None and "CliRunner" in inspect.getsource(function)
    except (OSError, TypeError):
        return False
