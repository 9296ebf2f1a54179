"""Running checks: the Checker, the local process pool, the Dask cluster, streamed output
and progress.
"""
