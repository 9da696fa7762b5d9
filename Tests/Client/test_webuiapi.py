"""End-to-end: the built `sdserve` binary driven by the `webuiapi` client from PyPI.

Run after `swift build` (scripts/test does both). Each server runs on a free loopback port
over a temporary models folder of tiny fake safetensors files written here, and is stopped
when its tests end.
"""

import hashlib
import json
import socket
import struct
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
import webuiapi
from PIL import Image

REPO = Path(__file__).resolve().parents[2]
BINARY = REPO / ".build" / "debug" / "sdserve"


def write_safetensors(path: Path, tensors: dict, metadata: dict | None = None) -> bytes:
    """A minimal valid safetensors file: little-endian header length, JSON header, zero data."""
    header, offset = {}, 0
    if metadata:
        header["__metadata__"] = metadata
    for name, shape in tensors.items():
        size = 4
        for dim in shape:
            size *= dim
        header[name] = {"dtype": "F32", "shape": shape, "data_offsets": [offset, offset + size]}
        offset += size
    encoded = json.dumps(header).encode()
    content = struct.pack("<Q", len(encoded)) + encoded + bytes(offset)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return content


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    def __init__(self, models: Path, *extra: str):
        self.port = free_port()
        self.process = subprocess.Popen(
            [str(BINARY), "serve", "--port", str(self.port), "--models-dir", str(models), *extra],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"sdserve exited early:\n{self.process.stdout.read()}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("sdserve did not start listening within 60 s")

    def stop(self) -> str:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.stdout.read()


@pytest.fixture(scope="module")
def models(tmp_path_factory) -> dict:
    root = tmp_path_factory.mktemp("models")
    contents = {
        "base.safetensors": write_safetensors(root / "checkpoints" / "base.safetensors", {"w": [2, 2]}),
        "sub/dream.safetensors": write_safetensors(root / "Stable-diffusion" / "sub" / "dream.safetensors", {"w": [3]}),
    }
    write_safetensors(root / "loras" / "detail.safetensors", {"lora_up.weight": [4, 1]},
                      {"ss_output_name": "fine_detail", "ss_network_dim": "1"})
    write_safetensors(root / "vae" / "kl.safetensors", {"w": [1]})
    return {"root": root, "contents": contents}


@pytest.fixture(scope="module")
def server(models):
    running = Server(models["root"])
    yield running
    log = running.stop()
    assert "starting" in log


@pytest.fixture()
def api(server):
    return webuiapi.WebUIApi(host="127.0.0.1", port=server.port)


def wait_for_hashes(api, timeout=30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        listed = api.get_sd_models()
        if all(model["sha256"] for model in listed):
            return listed
        time.sleep(0.2)
    raise AssertionError("checkpoint hashes did not appear")


def test_sd_models_lists_checkpoints_with_hashes(api, models):
    listed = wait_for_hashes(api)
    by_name = {model["model_name"]: model for model in listed}
    assert sorted(by_name) == ["base", "sub_dream"]
    for relative, content in models["contents"].items():
        digest = hashlib.sha256(content).hexdigest()
        model = by_name[relative.rsplit(".", 1)[0].replace("/", "_")]
        assert model["sha256"] == digest
        assert model["hash"] == digest[:10]
        assert model["title"] == f"{relative} [{digest[:10]}]"
        assert model["filename"].endswith(relative)


def test_util_get_model_names_returns_sorted_titles(api):
    titles = [model["title"] for model in wait_for_hashes(api)]
    assert api.util_get_model_names() == sorted(titles)


def test_samplers(api):
    samplers = api.get_samplers()
    assert len(samplers) == 20
    assert samplers[0] == {"name": "DPM++ 2M", "aliases": ["k_dpmpp_2m"], "options": {"scheduler": "karras"}}
    assert "Euler a" in api.util_get_sampler_names()
    assert [s["name"] for s in api.get_schedulers()][:3] == ["automatic", "uniform", "karras"]


def test_options_round_trip_and_model_switch(api):
    titles = [model["title"] for model in wait_for_hashes(api)]
    options = api.get_options()
    assert options["sd_model_checkpoint"] in titles
    assert options["CLIP_stop_at_last_layers"] == 1
    target = next(title for title in titles if title.startswith("sub/dream"))
    assert api.set_options({"sd_model_checkpoint": target, "CLIP_stop_at_last_layers": 2}) is None
    options = api.get_options()
    assert options["sd_model_checkpoint"] == target
    assert options["CLIP_stop_at_last_layers"] == 2
    assert api.util_get_current_model() == target
    refused = api.set_options({"sd_model_checkpoint": "missing.safetensors"})
    assert refused["errors"] == "model 'missing.safetensors' not found"
    assert api.get_options()["sd_model_checkpoint"] == target


def test_progress_is_idle_and_interrupt_answers(api):
    progress = api.get_progress()
    assert progress["progress"] == 0
    assert progress["state"]["job_count"] == 0
    assert progress["current_image"] is None
    api.util_wait_for_ready(check_interval=0.1)
    assert api.interrupt() == {}
    assert api.get_progress()["state"]["interrupted"] is True


def test_png_info_parses_the_parameters_chunk(api):
    infotext = "a red fox\nNegative prompt: blurry\nSteps: 20, Sampler: Euler a, CFG scale: 7.0, Seed: 42, Size: 512x768"
    image = Image.new("RGB", (8, 8))
    image.info["parameters"] = infotext
    result = api.png_info(image)
    assert result.info == infotext
    assert result.parameters["Prompt"] == "a red fox"
    assert result.parameters["Negative prompt"] == "blurry"
    assert result.parameters["Steps"] == "20"
    assert result.parameters["Size-1"] == "512"
    assert result.parameters["Size-2"] == "768"


def test_other_listings(api):
    assert api.get_loras() == [{
        "name": "detail", "alias": "fine_detail", "path": api.get_loras()[0]["path"],
        "metadata": {"ss_output_name": "fine_detail", "ss_network_dim": "1"},
    }]
    assert [vae["model_name"] for vae in api.get_sd_vae()] == ["kl.safetensors"]
    assert [u["name"] for u in api.get_upscalers()] == ["None", "Lanczos", "Nearest"]
    assert len(api.get_latent_upscale_modes()) == 6
    assert api.get_cmd_flags()["api_auth"] is None
    assert api.get_memory()["cuda"] == {"error": "unavailable"}


def test_generation_validates_webuiapi_payloads(api):
    # webuiapi sends its full txt2img payload; every field must validate, and then the server
    # says plainly that generation is not connected yet.
    with pytest.raises(RuntimeError) as raised:
        api.txt2img(prompt="a cat", steps=4, width=64, height=64)
    status, body = raised.value.args
    assert status == 503
    assert "not available yet" in json.loads(body)["detail"]
    bad = api.session.post(f"{api.baseurl}/txt2img", json={"steps": "many"})
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["loc"] == ["body", "steps"]


def test_api_auth(models):
    running = Server(models["root"], "--api-auth", "alice:pa:ss,bob:x", "--data-dir", str(models["root"] / "auth-data"))
    try:
        authorised = webuiapi.WebUIApi(host="127.0.0.1", port=running.port, username="alice", password="pa:ss")
        assert len(authorised.get_samplers()) == 20
        assert authorised.get_cmd_flags()["api_auth"] == "alice:***,bob:***"
        anonymous = webuiapi.WebUIApi(host="127.0.0.1", port=running.port)
        assert anonymous.get_options() == {
            "error": "HTTPException", "detail": "Not authenticated", "body": "", "errors": ""}
        wrong = webuiapi.WebUIApi(host="127.0.0.1", port=running.port, username="alice", password="nope")
        assert wrong.get_options()["detail"] == "Incorrect username or password"
    finally:
        log = running.stop()
    assert "pa:ss" not in log


def test_unknown_flags_fail_clearly(models):
    result = subprocess.run([str(BINARY), "serve", "--models-dir", str(models["root"]), "--no-such-flag"],
                            capture_output=True, text=True, timeout=30)
    assert result.returncode != 0
    assert "--no-such-flag" in result.stderr


def test_bare_listen_means_all_interfaces(models):
    running = Server(models["root"], "--listen", "--data-dir", str(models["root"] / "listen-data"))
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{running.port}/sdapi/v1/cmd-flags", timeout=5) as answer:
            flags = json.load(answer)
        assert flags["server_name"] == "0.0.0.0"
        assert flags["listen"] is True
    finally:
        running.stop()
