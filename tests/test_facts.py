"""How fix commands name the target interpreter."""

from __future__ import annotations

from doctor.facts import Facts, ProbeResult


def _facts(source: str) -> Facts:
    py = ProbeResult("python", "ok", {"executable": "/envs/matcha/bin/python3.10"})
    return Facts({"python": py}, {"target": "/envs/matcha/bin/python3", "target_source": source})


def test_python3_on_path_is_named_as_users_type_it() -> None:
    assert _facts("PATH").python_cmd() == "python3"


def test_explicit_python_is_named_by_its_absolute_path() -> None:
    assert _facts("--python").python_cmd() == "/envs/matcha/bin/python3.10"


def test_facts_round_trip_through_json() -> None:
    f = _facts("--python")
    assert Facts.from_json(f.to_json()) == f
