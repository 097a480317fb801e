"""Stage status, dataset completeness and reachability, training recommendations."""

from __future__ import annotations

import http.server
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from doctor.facts import Facts, ProbeResult
from doctor.recipe import dataset, model, resources, stages

BAKER = model.load("baker_zh/matcha")


def _touch(root: Path, rel: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("x")


def test_stage_states_done_partial_pending(tmp_path: Path) -> None:
    (tmp_path / "matcha/monotonic_align/build").mkdir(parents=True)  # stage -1 done
    _touch(tmp_path, "data/manifests/.baker-zh.done")  # stage 1: marker, files missing
    _touch(tmp_path, "data/manifests/baker_zh_cuts_raw.jsonl.gz")  # stage 3 done
    _touch(tmp_path, "data/fbank/baker_zh_cuts.jsonl.gz")  # stage 5: output, no marker
    states = {s.n: s for s in stages.stage_status(BAKER, tmp_path)}
    assert states[-1].state == "done"
    assert states[0].state == "pending"
    assert states[1].state == "partial"
    assert "data/manifests/baker_zh_recordings_all.jsonl.gz" in states[1].missing
    assert states[3].state == "done"
    assert states[5].state == "partial"
    assert states[5].present == ("data/fbank/baker_zh_cuts.jsonl.gz",)
    nxt = stages.next_stage(list(states.values()))
    assert nxt is not None and nxt.n == 0


def test_every_shipped_recipe_has_stages_steps_and_a_dataset() -> None:
    recipes = {r.name: r for r in model.all_recipes()}
    assert {
        "baker_zh/matcha",
        "ljspeech/matcha",
        "ljspeech/vits",
        "vctk/vits",
        "libritts/vits",
    } <= (set(recipes))
    for r in recipes.values():
        assert r.stages and "train" in r.steps and r.dataset is not None
        assert r.dataset.url.startswith("https://")
        assert all(s.markers for s in r.stages)


def test_detect_recognises_recipe_dirs(tmp_path: Path) -> None:
    assert model.detect(tmp_path / "icefall/egs/baker_zh/TTS") == BAKER
    assert model.detect(tmp_path / "icefall/egs/baker_zh/TTS/matcha/exp") == BAKER
    found = model.detect(tmp_path / "icefall/egs/ljspeech/TTS/vits")
    assert found is not None and found.name == "ljspeech/vits"
    assert model.detect(tmp_path / "icefall/egs/librispeech/ASR") is None


def test_complete_dataset(tmp_path: Path) -> None:
    ds = BAKER.dataset
    assert ds is not None
    root = tmp_path / "download/BZNSYP"
    (root / "Wave").mkdir(parents=True)
    for i in range(1, 10001):
        (root / "Wave" / f"{i:06d}.wav").touch()
    _touch(root, "ProsodyLabeling/000001-010000.txt")
    got = dataset.inspect(ds, tmp_path)
    assert got["present"] and got["complete"]
    (root / "ProsodyLabeling/000001-010000.txt").write_text("")
    assert not dataset.inspect(ds, tmp_path)["complete"]  # empty: not readable content


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_HEAD(self) -> None:
        self.send_response(200 if self.path == "/BZNSYP.tar.bz2" else 404)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = http.server.HTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_head_request_against_a_local_server(server: str) -> None:
    assert dataset.reachable(f"{server}/BZNSYP.tar.bz2") == {
        "url": f"{server}/BZNSYP.tar.bz2",
        "ok": True,
        "status": 200,
    }
    missing = dataset.reachable(f"{server}/nope")
    assert not missing["ok"] and missing["status"] == 404


def test_head_request_to_a_closed_port_fails_fast() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    got = dataset.reachable(f"http://127.0.0.1:{port}/x", timeout=2)
    assert not got["ok"] and got["status"] is None and got["error"]


def _facts(gpus: list[dict[str, object]], torch: dict[str, object] | None = None) -> Facts:
    probes = {
        "nvidia": ProbeResult("nvidia", "ok", {"gpus": gpus}),
        "system": ProbeResult("system", "ok", {"cpus": 8, "ram_total": 32 * 2**30}),
    }
    if torch is not None:
        probes["torch"] = ProbeResult("torch", "ok", torch)
    return Facts(probes=probes)


def test_8_gb_card_gets_what_ran_there_not_what_ran_out_of_memory() -> None:
    gpu = {
        "index": 0,
        "name": "RTX 3070 Ti",
        "memory_total": 8192 * 2**20,
        "memory_free": 7900 * 2**20,
    }
    rec = resources.recommend(_facts([gpu]))
    assert 300 <= rec.max_duration <= 400
    assert rec.world_size == 1
    assert 1 <= rec.num_workers <= 8


def test_bigger_card_more_duration_and_two_gpus_two_ranks() -> None:
    small = resources.recommend(_facts([{"name": "a", "memory_free": 7900 * 2**20}]))
    big = {"name": "H100", "memory_free": 79000 * 2**20}
    rec = resources.recommend(_facts([big, big]))
    assert rec.max_duration > small.max_duration
    assert rec.world_size == 2
    assert "ddp" in [k for k, _ in rec.reasons]


def test_no_gpu_or_cpu_torch_means_one_rank_and_default_duration() -> None:
    assert resources.recommend(_facts([])).world_size == 1
    gpu = {"name": "x", "memory_free": 20000 * 2**20}
    cpu_torch = {"installed": True, "version": "2.13.0+cpu", "cuda_available": False}
    rec = resources.recommend(_facts([gpu], cpu_torch))
    assert rec.world_size == 1 and rec.max_duration == resources.CPU_DEFAULT_DURATION


def test_checkpoint_disk_counts_every_save() -> None:
    assert resources.checkpoint_bytes(20, 10) == 4 * resources.CHECKPOINT_BYTES
    assert resources.checkpoint_bytes(25, 10) == 5 * resources.CHECKPOINT_BYTES
