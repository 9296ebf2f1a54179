"""A real Dask cluster (distributed.LocalCluster on 127.0.0.1) gives the findings of --jobs 1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.test_jsonl import RECORDS, lines

distributed = pytest.importorskip("distributed")


def test_local_cluster_matches_jobs_1(tmp_path: Path) -> None:
    from hygiene.run.cluster import check_shards

    for number in range(3):
        records = [{**record, "id": f"{number}-{record['id']}"} for record in RECORDS * 2]
        (tmp_path / f"shard-{number}.jsonl").write_text(lines(records), encoding="utf-8")
    local_bytes = run_cli("check", ".", "--format", "json", "--jobs", "1", cwd=tmp_path).stdout
    local = json.loads(local_bytes)

    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
        dashboard_address=None,
    )  # fmt: skip
    try:
        with distributed.Client(cluster) as client:
            report = check_shards([str(tmp_path)], client=client)
        address = cluster.scheduler_address
        via_cli = run_cli("check", ".", "--format", "json", "--scheduler", address, cwd=tmp_path)
        # A streamed run's workers skip the document descriptions; the findings stay the same.
        streamed = run_cli("check", ".", "--format", "jsonl", "--scheduler", address, cwd=tmp_path)
    finally:
        cluster.close()
    findings = report.to_dict()["findings"]
    expected = local["findings"]
    for finding in (*findings, *expected):
        # The API was given an absolute folder: paths, and the fingerprints made from them,
        # differ; everything else is the same.
        finding["path"] = Path(finding["path"]).name
        del finding["fingerprint"]
    assert findings == expected
    assert via_cli.stdout == local_bytes
    records = [json.loads(line) for line in streamed.stdout.decode().splitlines()]
    assert [r["finding"] for r in records if r["type"] == "finding"] == json.loads(local_bytes)[
        "findings"
    ]
