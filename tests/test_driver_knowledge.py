"""What the driver <-> CUDA knowledge tells a user, through `check --from`: the CUDA a driver
runs when NVML does not say it, at the exact driver each CUDA toolkit shipped with."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import findings_by_check, run_json
from tests.test_resolver import machine_facts


def _nvidia_driver(tmp_path: Path, driver: str) -> dict[str, Any]:
    facts = machine_facts(python="3.10.12", driver=driver, ccs=("8.6",))
    facts["probes"]["nvidia"]["data"]["cuda_driver_version"] = None  # not reported
    saved = tmp_path / "report.json"
    saved.write_text(json.dumps({"schema": 1, "facts": facts}))
    _, report = run_json("check", "--from", str(saved), "--only", "nvidia.driver")
    [finding] = findings_by_check(report)["nvidia.driver"]
    return finding


@pytest.mark.parametrize(
    ("driver", "cuda"),
    [
        ("550.142", "12.4"),  # between 12.4's driver and 12.5's
        ("550.54.14", "12.4"),  # exactly the driver the 12.4 toolkit shipped with
        ("550.54.13", "12.3"),  # one below it
        ("450.51.05", "11.0"),  # the oldest CUDA the table knows
        ("999.1", "13.3"),  # newer than every toolkit: the newest CUDA
    ],
)
def test_the_driver_alone_tells_the_newest_cuda_it_runs(
    tmp_path: Path, driver: str, cuda: str
) -> None:
    finding = _nvidia_driver(tmp_path, driver)
    assert finding["status"] == "ok"
    assert finding["title_text"] == f"NVIDIA driver {driver}: runs CUDA up to {cuda} (via nvml)"


def test_a_driver_older_than_every_toolkit_runs_no_known_cuda(tmp_path: Path) -> None:
    finding = _nvidia_driver(tmp_path, "418.40")
    assert finding["title_text"] == "NVIDIA driver 418.40: runs CUDA up to ? (via nvml)"
