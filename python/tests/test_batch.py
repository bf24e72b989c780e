"""batch(): one candor report per client on any executor, the same bytes as candor batch."""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from support import SAMPLE_CLIENTS, assert_same_trees, candor

from candor_report import CandorError, Report, batch


def cli_batch(workspace: Path, out: Path) -> int:
    return candor("batch", str(workspace), "--out", str(out), "--jobs", "2",
                  check=False).returncode


def assert_same_clients(ours: Path, theirs: Path, clients: list[str]) -> None:
    """Each client's folder holds the same bytes (candor batch also writes batch-level pages
    beside them, which batch() does not)."""
    assert sorted(p.name for p in ours.iterdir()) == sorted(clients)
    for client in clients:
        assert_same_trees(ours / client, theirs / client)


def test_the_default_executor_writes_what_candor_batch_writes(
    samples: Path, tmp_path: Path
) -> None:
    results = batch(samples, out=tmp_path / "py")
    assert sorted(results) == SAMPLE_CLIENTS
    assert all(isinstance(r, Report) for r in results.values())
    assert cli_batch(samples, tmp_path / "cli") == 0
    assert_same_clients(tmp_path / "py", tmp_path / "cli", SAMPLE_CLIENTS)


def test_a_dask_cluster_writes_what_candor_batch_writes(samples: Path, tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        results = batch(samples, out=tmp_path / "dask", executor=client.get_executor())
    assert sorted(results) == SAMPLE_CLIENTS
    for name, result in results.items():
        assert isinstance(result, Report), result
        assert result.folder.parent == tmp_path / "dask" / name
        assert result.summary["client"] == name
    assert cli_batch(samples, tmp_path / "cli") == 0
    assert_same_clients(tmp_path / "dask", tmp_path / "cli", SAMPLE_CLIENTS)


def test_a_process_pool_and_chosen_clients(samples: Path, tmp_path: Path) -> None:
    with ProcessPoolExecutor(max_workers=2) as pool:
        results = batch(samples, out=tmp_path / "py", clients=["tiny-lake", "nordic-fleet"],
                        executor=pool)
    assert list(results) == ["tiny-lake", "nordic-fleet"]
    assert results["tiny-lake"].folder.name == "2026-W49"  # type: ignore[union-attr]
    assert cli_batch(samples, tmp_path / "cli") == 0
    assert_same_clients(tmp_path / "py", tmp_path / "cli", ["nordic-fleet", "tiny-lake"])


def test_one_failing_client_does_not_stop_the_others(samples: Path, tmp_path: Path) -> None:
    yaml = samples / "clients" / "tiny-lake" / "client.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8") + "surprise: 1\n", encoding="utf-8")
    results = batch(samples, out=tmp_path / "py")
    failed = results["tiny-lake"]
    assert isinstance(failed, CandorError)
    assert failed.exit_status == 1 and "client.yaml" in failed.message
    assert cli_batch(samples, tmp_path / "cli") == 1
    others = [c for c in SAMPLE_CLIENTS if c != "tiny-lake"]
    assert_same_clients(tmp_path / "py", tmp_path / "cli", others)


def test_a_missing_workspace_is_an_error_not_an_empty_batch(tmp_path: Path) -> None:
    with pytest.raises(CandorError, match="workspace folder does not exist") as refused:
        batch(tmp_path / "nope", out=tmp_path / "out")
    assert refused.value.exit_status == 1
    (tmp_path / "plain").mkdir()
    with pytest.raises(CandorError, match="has no 'clients' folder"):
        batch(tmp_path / "plain", out=tmp_path / "out")


def test_a_stray_entry_of_clients_fails_as_candor_batch_says(samples: Path, tmp_path: Path) -> None:
    (samples / "clients" / "README.txt").write_text("notes\n", encoding="utf-8")
    results = batch(samples, out=tmp_path / "py")
    stray = results["README.txt"]
    assert isinstance(stray, CandorError) and stray.exit_status == 1
    assert stray.message.startswith("clients/README.txt: invalid client folder name")
    assert all(isinstance(results[c], Report) for c in SAMPLE_CLIENTS)


def test_an_entry_whose_name_is_not_utf8_fails_alone(samples: Path, tmp_path: Path) -> None:
    name = os.fsencode(samples / "clients") + b"/caf\xe9.txt"
    os.close(os.open(name, os.O_CREAT | os.O_WRONLY))
    results = batch(samples, out=tmp_path / "py")
    stray = [result for client, result in results.items() if client not in SAMPLE_CLIENTS]
    assert len(stray) == 1 and isinstance(stray[0], CandorError)
    assert stray[0].exit_status == 1 and "invalid client folder name" in stray[0].message
    assert all(isinstance(results[c], Report) for c in SAMPLE_CLIENTS)


def test_one_client_id_as_a_string_is_refused_not_read_letter_by_letter(samples: Path) -> None:
    with pytest.raises(CandorError, match=r"clients='tiny-lake' is one string"):
        batch(samples, clients="tiny-lake")
