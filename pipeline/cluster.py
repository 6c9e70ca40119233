"""The per-file build on a Dask cluster (an optional extra: ``pip install '.[cluster]'``).

Dask distributed was chosen over Snakemake because the build is already a Python map of
a pure function over files with a small join after it: ``client.map`` runs the very same
``build_file`` the local build runs, on workers that need only the installed package
(each task carries the file's bytes and decisions, so workers need no shared disk), and
``client.gather`` returns the results in order, so the output is byte-identical to a
serial build. Snakemake would add a workflow file and a file-per-step layout for what is
one function call. On a real cluster the scheduler and workers are started by the
cluster's own tools (``dask-scheduler`` and ``dask-worker`` under SLURM, ``dask-jobqueue``,
or the Dask Helm chart / operator on Kubernetes); the build is pointed at the scheduler's
address and no code changes.
"""

from __future__ import annotations

import os

from pipeline.errors import PipelineError


class ClusterUnavailableError(PipelineError):
    """Dask distributed is not installed, or the scheduler cannot be reached."""


def dask_map(function, items, scheduler: str | None = None, progress=None, workers: int = 2) -> list:
    """``function`` over ``items`` on a Dask cluster, results in the order of ``items``.

    ``scheduler`` is the address of a running scheduler (``tcp://host:8786``; default:
    ``$DASK_SCHEDULER_ADDRESS``); without one, a local cluster of ``workers`` processes is
    started on 127.0.0.1 for the run."""
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError as err:
        raise ClusterUnavailableError("dask", "the Dask engine needs Dask distributed",
                                      "pip install '.[cluster]' (or choose --engine local)") from err
    address = scheduler or os.environ.get("DASK_SCHEDULER_ADDRESS")
    cluster = None
    if not address:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                               dashboard_address=None)
        address = cluster.scheduler_address
    try:
        with Client(address) as client:
            futures = client.map(function, items, pure=False)
            if progress is not None:
                for future in as_completed(futures):
                    progress(future.result())
            return client.gather(futures)
    except OSError as err:
        raise ClusterUnavailableError(address, f"cannot reach the Dask scheduler ({err})",
                                      "start it, or check --scheduler") from err
    finally:
        if cluster is not None:
            cluster.close()
