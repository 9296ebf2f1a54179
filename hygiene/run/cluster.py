"""Past one machine: the same per-input check, scheduled on a Dask cluster.

Workers run ``Checker.check_input``, the function ``--jobs`` runs in local
processes, so findings are the same whatever runs them. Inputs must be readable by
the workers at the same paths (a shared file system or object store mount).

    from distributed import Client
    from hygiene.run.cluster import check_shards

    report = check_shards(["shards/"], client=Client("tcp://scheduler:8786"))

Install with ``pip install 'hygiene[dask]'``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import Any

from hygiene.config.settings import Config
from hygiene.core.corpus import LineCounts
from hygiene.inputs.discovery import Input, discover
from hygiene.report.model import Report
from hygiene.run.checker import Checker, InputResult

_CHECKERS: dict[str, Checker] = {}


def check_on_worker(
    item: Input,
    config: Config,
    base: str,
    corpus: LineCounts | None = None,
    describe: bool = True,
) -> InputResult:
    """Runs on a worker: rule packs load once per worker process and configuration."""
    key = f"{config.digest()}{config.rule_packs!r}{base}{describe}"
    checker = _CHECKERS.get(key)
    if checker is None:
        checker = _CHECKERS[key] = Checker(config, base=base, describe=describe)
    checker.use_counts(corpus)
    return checker.check_input(item)


def map_inputs(
    client: Any,
    config: Config,
    inputs: Sequence[Input],
    corpus: LineCounts | None = None,
    describe: bool = True,
) -> Iterator[InputResult]:
    """Each input's result, in input order, computed on the cluster.

    Workers get absolute paths (their working folder is not ours) and keep our display
    paths, so reports read as a local run's. The run's line counts (BP010), counted
    here, go to every worker once.
    """
    base = os.getcwd()
    located = [Input(os.path.abspath(item.path), item.display) for item in inputs]
    packs = tuple(os.path.abspath(folder) for folder in config.rule_packs)
    config = replace(config, rule_packs=packs)
    shared = client.scatter(corpus, broadcast=True) if corpus is not None else None
    futures = client.map(
        check_on_worker, located, config=config, base=base, corpus=shared, describe=describe,
        pure=False,
    )  # fmt: skip
    for future in futures:
        yield future.result()


def check_shards(paths: Sequence[str], client: Any, config: Config | None = None) -> Report:
    """Check files, folders and shards on a Dask cluster; the report equals a local run's."""
    checker = Checker(config)
    inputs, errors = discover(paths, checker.excluded)
    checker.count_lines(inputs)
    results = []
    for done in map_inputs(client, checker.config, inputs, checker.corpus):
        results.extend(done.results)
        errors.extend(done.errors)
    return checker.report(results, errors)
