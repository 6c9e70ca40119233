"""Which parts of the raw text earlier repairs already changed."""

from __future__ import annotations

import bisect

from pipeline.model import Change


class Occupancy:
    """The spans of accepted changes (which never overlap one another); answers whether
    a new change would touch any of them.

    >>> taken = Occupancy([Change("a", 2, 5, "xyz", "", 1.0), Change("b", 10, 12, "uv", "", 1.0)])
    >>> [taken.is_free(Change("c", s, e, "", "", 1.0)) for s, e in [(0, 2), (4, 6), (5, 10), (0, 20)]]
    [True, False, True, False]
    """

    def __init__(self, changes):
        spans = sorted((c.start, c.end) for c in changes)
        self.starts = [start for start, _ in spans]
        self.ends = [end for _, end in spans]

    def is_free(self, change: Change) -> bool:
        i = bisect.bisect_right(self.ends, change.start)  # the first span that ends after the change begins
        return i == len(self.starts) or self.starts[i] >= change.end
