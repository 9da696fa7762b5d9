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
    # The fake checkpoints cannot be loaded: every field of webuiapi's payload validates, then
    # the load fails with a clear 500.
    with pytest.raises(RuntimeError) as raised:
        api.txt2img(prompt="a cat", steps=4, width=64, height=64)
    status, body = raised.value.args
    assert status == 500
    assert "could not load model" in json.loads(body)["detail"]
    bad = api.session.post(f"{api.baseurl}/txt2img", json={"steps": "many"})
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["loc"] == ["body", "steps"]


@pytest.fixture(scope="module")
def generator(tmp_path_factory):
    """A server over a real tiny SD1 checkpoint made by `sdserve make-test-model`."""
    root = tmp_path_factory.mktemp("tiny-models")
    (root / "checkpoints").mkdir()
    subprocess.run([str(BINARY), "make-test-model", "--arch", "sd15-tiny", "--out",
                    str(root / "checkpoints" / "tiny.safetensors"), "--dtype", "f32"], check=True, timeout=120)
    (root / "loras").mkdir()
    subprocess.run([str(BINARY), "make-test-model", "--arch", "lora-tiny", "--base", str(root / "checkpoints" / "tiny.safetensors"),
                    "--out", str(root / "loras" / "tiny-detail.safetensors"), "--seed", "3"], check=True, timeout=120)
    running = Server(root, "--data-dir", str(root / "data"))
    yield webuiapi.WebUIApi(host="127.0.0.1", port=running.port, sampler="Euler", steps=3)
    running.stop()


def test_webuiapi_txt2img_and_progress(generator):
    result = generator.txt2img(prompt="a cat", seed=42, width=64, height=64, batch_size=2)
    assert [image.size for image in result.images] == [(64, 64), (64, 64)]
    assert result.info["all_seeds"] == [42, 43]
    assert "Seed: 42" in result.info["infotexts"][0]
    progress = generator.get_progress()
    assert progress["progress"] == 0 and progress["state"]["job_count"] == 0


def test_webuiapi_txt2img_with_a_lora_tag(generator):
    plain = generator.txt2img(prompt="a cat", seed=5, width=64, height=64)
    tagged = generator.txt2img(prompt="a cat <lora:tiny-detail:1>", seed=5, width=64, height=64)
    assert plain.image.tobytes() != tagged.image.tobytes()
    assert tagged.info["prompt"] == "a cat <lora:tiny-detail:1>"
    assert 'Lora hashes: "tiny-detail: ' in tagged.info["infotexts"][0]
    missing = generator.session.post(f"{generator.baseurl}/txt2img", json={"prompt": "a cat <lora:nope:1>", "steps": 1})
    assert missing.status_code == 404 and "nope" in missing.json()["detail"]


def test_webuiapi_img2img_with_mask(generator):
    init = Image.new("RGB", (64, 64), (200, 30, 30))
    mask = Image.new("L", (64, 64), 0)
    mask.paste(255, (0, 0, 32, 64))
    result = generator.img2img(images=[init], mask_image=mask, prompt="a cat", seed=7, width=64, height=64,
                               denoising_strength=0.5, inpainting_fill=1, mask_blur=0, inpaint_full_res=False)
    image = result.image.convert("RGB")
    assert image.size == (64, 64)
    assert image.getpixel((60, 32)) == (200, 30, 30)
    assert result.info["denoising_strength"] == 0.5


def test_webuiapi_interrupt(generator):
    import threading
    results = {}
    worker = threading.Thread(target=lambda: results.setdefault(
        "result", generator.txt2img(prompt="a cat", seed=1, width=64, height=64, steps=400, n_iter=3)))
    worker.start()
    deadline = time.monotonic() + 60
    while generator.get_progress()["state"]["sampling_step"] < 1 and time.monotonic() < deadline:
        time.sleep(0.05)
    generator.interrupt()
    worker.join(timeout=120)
    assert len(results["result"].images) == 1


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
