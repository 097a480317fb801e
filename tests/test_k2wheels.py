"""The k2 wheel pages: online from a local HTTP server, the day cache, and the offline table
when the network is refused, all through the real CLI."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from doctor.k2wheels import fetch, from_json, notes, parse, valid_url
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


def _serve(tmp_path: Path, cpu: str, cuda: str) -> Path:
    root = tmp_path / "site"
    root.mkdir(exist_ok=True)
    (root / "cpu.html").write_text(cpu)
    (root / "cuda.html").write_text(cuda)
    return root


def _cached(cache: Path) -> str:
    return "".join(p.read_text() for p in cache.glob("**/k2wheels-*.json"))


def test_a_captive_portal_page_is_not_read_as_no_wheel_and_is_never_cached(
    tmp_path: Path,
) -> None:
    portal = "<html><body>Please sign in to the guest network</body></html>"
    root = _serve(tmp_path, portal, portal)
    cache = tmp_path / "cache"
    with serve_directory(root) as (url, hits):
        index = fetch(base_url=url, cache_dir=cache)
        again = fetch(base_url=url, cache_dir=cache)
    assert index.source == "shipped" and again.source == "shipped"
    assert "names no valid k2 wheel" in index.error and f"{url}/cuda.html" in index.error
    assert hits.count("/cuda.html") == 2  # asked again: nothing was cached
    assert not list(cache.glob("**/k2wheels-*.json"))
    assert [n.key for n in notes(index)] == ["fixer.wheels.unreadable"]
    # the shipped table still knows the builds: a wheel exists, with a date to fill in
    assert index.find("cpu", "2.12.0", "cp310", "linux_x86_64") is not None


def test_hostile_names_are_dropped_with_a_warning_and_never_cached(tmp_path: Path) -> None:
    marker = tmp_path / "X"
    plat = "manylinux_2_28_x86_64"
    bad = f"k2-1.24.4.dev20250807$(touch {marker})+cpu.torch2.12.0-{PY}-{PY}-{plat}.whl"
    good = f"k2-1.24.4.dev20260101+cpu.torch2.12.0-{PY}-{PY}-{plat}.whl"
    cpu = f'<a href="{bad}">{bad}</a><br><a href="{good}">{good}</a>'
    root = _serve(tmp_path, cpu, _page("cuda12.6.torch2.12.0", plat))
    cache = tmp_path / "cache"
    with serve_directory(root) as (url, _):
        index = fetch(base_url=url, cache_dir=cache)
    assert index.source == "online"
    assert [w.version for w in index.wheels if w.variant == "cpu"] == [
        "1.24.4.dev20260101+cpu.torch2.12.0"
    ]
    assert index.dropped == ((f"{url}/cpu.html", bad),)
    [warning] = notes(index)
    assert warning.params["page"] == f"{url}/cpu.html" and "touch" in warning.params["names"]
    assert "touch" not in _cached(cache) and "dev20260101" in _cached(cache)
    assert from_json(index.to_json()).wheels == index.wheels  # the facts read back the same
    assert not marker.exists()


def test_a_page_with_only_hostile_names_counts_as_unreadable(tmp_path: Path) -> None:
    bad = f"k2-1.24.4.dev1$(id)+cpu.torch2.12.0-{PY}-{PY}-linux_x86_64.whl"
    root = _serve(tmp_path, bad, bad)
    with serve_directory(root) as (url, _):
        index = fetch(base_url=url, cache_dir=tmp_path / "c")
    assert index.source == "shipped" and index.dropped
    assert not list((tmp_path / "c").glob("*"))


def test_the_find_links_page_is_the_page_the_version_came_from(
    wheel_server: tuple[str, list[str]], tmp_path: Path
) -> None:
    from doctor import resolver
    from doctor.facts import Facts, ProbeResult

    url, _ = wheel_server
    index = fetch(base_url=url, cache_dir=tmp_path)
    facts = Facts(
        probes={
            "python": ProbeResult(
                "python", "ok", {"version": f"3.{PY[3:]}.1", "executable": "/p/python3"}
            ),
            "system": ProbeResult("system", "ok", {"os": "Linux", "machine": "x86_64"}),
        },
        context={"target": "/p/python3", "target_source": "--python"},
    )
    plan = resolver.resolve(facts, wheels=index)
    [k2] = [c for c in plan.commands if " k2==" in c]
    assert k2.endswith(f"k2==1.24.4.dev20260520+cpu.torch2.12.0 -f {url}/cpu.html")


def test_a_cache_holding_hostile_rows_is_validated_again(tmp_path: Path) -> None:
    from doctor.k2wheels import _cache_name, page_urls

    pages = page_urls(None, "http://127.0.0.1:9")
    (tmp_path / _cache_name(pages)).write_text(
        json.dumps([["1.0$(id)+cpu.torch2.12.0", PY, "linux_x86_64", "http://x/$(id)"]])
    )
    index = fetch(base_url="http://127.0.0.1:9", cache_dir=tmp_path)
    assert index.source == "shipped"  # the poisoned cache was not used; the network refused


@pytest.mark.parametrize("bad", ["file:///etc/passwd", "http://h/$(id)", "https://a b", "ftp://x"])
def test_a_wheel_page_url_must_be_http_without_shell_syntax(bad: str, tmp_path: Path) -> None:
    assert not valid_url(bad)
    index = fetch(base_url=bad, cache_dir=tmp_path)
    assert index.source == "shipped" and "not an http(s) URL" in index.error
