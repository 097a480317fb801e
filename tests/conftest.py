"""Shared fixtures: real virtual environments built once per test run, fake packages, a guard
that fails any test writing to the real home directory."""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

import doctor.messages
from doctor.msgtype import Msg
from tests.helpers import VenvFactory


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every test gets its own HOME, so nothing touches the real ~/.bashrc or caches."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.delenv("PYTHONPATH", raising=False)
    monkeypatch.setenv("PIP_DISABLE_PIP_VERSION_CHECK", "1")
    # No test reaches the internet: network checks are off unless a test turns them on against
    # its own server on 127.0.0.1 (ICEFALL_DOCTOR_OFFLINE="" plus a local URL).
    monkeypatch.setenv("ICEFALL_DOCTOR_OFFLINE", "1")
    monkeypatch.setenv("ICEFALL_DOCTOR_K2_WHEELS_URL", "http://127.0.0.1:9")
    # English unless a test asks for another language: a developer's zh_CN locale must not
    # turn the English assertions red.
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "raw_keys: the test shows a message whose key or parameters do not render"
    )


@pytest.fixture(autouse=True)
def _every_message_renders(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """Fails a test in which a message rendered in this process fell back to its raw key: a key
    missing from the catalog or a parameter its template lacks shows the user
    "torch.arch.title(gpu=...)" instead of a sentence. Tests of that fallback itself and of
    foreign reports carry the ``raw_keys`` mark."""
    shown: list[str] = []
    fallback = doctor.messages._fallback

    def record(m: Msg) -> str:
        out = fallback(m)
        shown.append(out)
        return out

    monkeypatch.setattr(doctor.messages, "_fallback", record)
    yield
    if shown and request.node.get_closest_marker("raw_keys") is None:
        pytest.fail(f"messages shown as raw keys: {sorted(set(shown))[:5]}")


@pytest.fixture(scope="session")
def venvs(tmp_path_factory: pytest.TempPathFactory) -> VenvFactory:
    """Builds each named venv once per test run: ``venvs.get("torch", ["torch==2.13.0"])``."""
    return VenvFactory(tmp_path_factory.mktemp("venvs"))


@pytest.fixture(scope="session")
def bare_venv(venvs: VenvFactory) -> Path:
    """A venv with nothing installed (no pip either): its python3."""
    return venvs.get("bare", [], with_pip=False)


@pytest.fixture(scope="session")
def torch_venv(venvs: VenvFactory) -> Path:
    """A venv with the CPU build of torch 2.13.0: its python3."""
    return venvs.get("torch", ["torch==2.13.0"])


@pytest.fixture
def fake_pkg(tmp_path: Path) -> Iterator[FakePackages]:
    yield FakePackages(tmp_path / "fakepkgs")


class FakePackages:
    """Writes importable fake packages into one directory to put on PYTHONPATH."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)

    def add(self, name: str, source: str, *, dist_version: str | None = None) -> Path:
        pkg = self.root / name
        pkg.mkdir(parents=True, exist_ok=True)
        (pkg / "__init__.py").write_text(textwrap.dedent(source))
        if dist_version:
            info = self.root / f"{name}-{dist_version}.dist-info"
            info.mkdir(exist_ok=True)
            (info / "METADATA").write_text(
                f"Metadata-Version: 2.1\nName: {name}\nVersion: {dist_version}\n"
            )
        return pkg
