"""The k2 wheel pages: online from a local HTTP server, the day cache, and the offline table
when the network is refused, all through the real CLI."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from doctor.k2wheels import fetch, parse
from tests.helpers import findings_by_check, run_json, serve_directory

PY = f"cp{sys.version_info[0]}{sys.version_info[1]}"
DATES = ("20260401", "20260520")


def _page(local: str, plat: str) -> str:
    return "\n".join(
        f'<a href="https://example.invalid/cpu/k2-1.24.4.dev{d}%2B{local}-{PY}-{PY}-{plat}.whl">'
        f"k2-1.24.4.dev{d}+{local}-{PY}-{PY}-{plat}.whl</a><br>"
        for d in DATES
    )


@pytest.fixture
def wheel_server(tmp_path: Path) -> Iterator[tuple[str, list[str]]]:
    root = tmp_path / "site"
    root.mkdir()
    plat = "manylinux_2_27_x86_64.manylinux_2_28_x86_64"
    (root / "cpu.html").write_text(_page("cpu.torch2.12.0", plat))
    (root / "cuda.html").write_text(_page("cuda12.6.torch2.12.0", plat))
    with serve_directory(root) as served:
        yield served


def _plan(env: dict[str, str], python: Path, *extra: str) -> list[dict[str, object]]:
    _, report = run_json("--python", str(python), "--only", "k2.plan", *extra, env=env, timeout=180)
    return findings_by_check(report)["k2.plan"]


def test_parse_unquotes_and_keeps_newest_per_build() -> None:
    wheels = parse(_page("cuda12.6.torch2.12.0", "manylinux_2_28_x86_64"))
    assert [w.version for w in wheels] == ["1.24.4.dev20260520+cuda12.6.torch2.12.0"]
    assert (wheels[0].variant, wheels[0].torch, wheels[0].platform) == (
        "12.6",
        "2.12.0",
        "linux_x86_64",
    )


def test_online_page_names_exact_version_then_cache_serves_it(
    wheel_server: tuple[str, list[str]], bare_venv: Path, tmp_path: Path
) -> None:
    url, hits = wheel_server
    env = {
        "ICEFALL_DOCTOR_K2_WHEELS_URL": url,
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "ICEFALL_DOCTOR_OFFLINE": "",
    }
    plan = _plan(env, bare_venv)[-1]
    k2_cmd = [c for c in plan["fix"]["commands"] if " k2==" in c]  # type: ignore[index]
    assert k2_cmd and "k2==1.24.4.dev20260520+cpu.torch2.12.0 -f" in k2_cmd[0]
    assert plan["facts"]["wheels_from"] == "online"  # type: ignore[index]
    assert "/cpu.html" in hits and "/cuda.html" in hits
    hits.clear()
    again = _plan(env, bare_venv)[-1]
    assert again["facts"]["wheels_from"] == "cache"  # type: ignore[index]
    assert hits == []
    assert list((tmp_path / "cache" / "icefall-doctor").glob("k2wheels-*.json"))


def test_network_refused_falls_back_to_the_shipped_table(bare_venv: Path) -> None:
    refused = "http://127.0.0.1:9"
    env = {"HTTPS_PROXY": refused, "HTTP_PROXY": refused, "https_proxy": refused}
    found = _plan(env, bare_venv)
    notes = " | ".join(str(f["title_text"]) for f in found)
    assert (
        "replace YYYYMMDD with the newest date listed on https://k2-fsa.github.io/k2/cpu.html"
        in notes
    )
    cmds = found[-1]["fix"]["commands"]  # type: ignore[index]
    assert any("k2==1.24.4.devYYYYMMDD+cpu.torch2.12.0" in c for c in cmds)
    assert found[-1]["facts"]["wheels_from"] == "shipped"  # type: ignore[index]


def test_offline_flag_never_touches_the_network(
    wheel_server: tuple[str, list[str]], tmp_path: Path
) -> None:
    url, hits = wheel_server
    index = fetch(offline=True, base_url=url, cache_dir=tmp_path)
    assert index.source == "shipped" and hits == []
    assert index.find("cpu", "2.12.0", PY, "linux_x86_64") is not None
