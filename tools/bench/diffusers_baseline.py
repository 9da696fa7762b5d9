"""PyTorch/diffusers peer for `sdserve bench unet|vae|txt2img`: the same work with random
weights at the real shapes (SD1.5: UNet batch 2 on a 64x64 latent, VAE decode to 512x512;
SDXL: UNet batch 2 on a 128x128 latent with the `text_time` conditioning, VAE decode to
1024x1024; txt2img: text encoder, `--steps` Euler steps with CFG, VAE decode).

The model is built once (announced by a `{"ready": ...}` line, so the caller never times its
own runs while PyTorch is still building); then every line read from stdin names a precision (`fp32`, or `bf16`
for torch.autocast("cpu", dtype=torch.bfloat16)) and one timed evaluation is printed as a JSON
line (`name`, `precision`, `seconds`, `cpu_seconds`, `peak_rss_bytes`). That lets
`sdserve bench ... --baseline-python PY` interleave its own runs with PyTorch's, which bf16
comparisons on these machines need (reference/pytorch-baseline.md).

Run by hand:  printf 'fp32\\nbf16\\n' | python tools/bench/diffusers_baseline.py unet --arch sd15
"""
import argparse
import contextlib
import json
import resource
import sys
import time

import torch
from diffusers import AutoencoderKL, UNet2DConditionModel

parser = argparse.ArgumentParser()
parser.add_argument("what", choices=["unet", "vae", "txt2img"])
parser.add_argument("--arch", choices=["sd15", "sdxl"], default="sd15")
parser.add_argument("--steps", type=int, default=20, help="txt2img: Euler steps with CFG 7")
parser.add_argument("--warmup", type=int, default=1, help="untimed runs per precision before its first timed one")
args = parser.parse_args()
torch.set_num_threads(2)
torch.manual_seed(0)
side = 64 if args.arch == "sd15" else 128

def sd_unet():
    if args.arch == "sd15":
        return UNet2DConditionModel(cross_attention_dim=768, attention_head_dim=8).eval()
    # SDXL base: published config values (stabilityai/stable-diffusion-xl-base-1.0 unet/config.json).
    return UNet2DConditionModel(
        block_out_channels=(320, 640, 1280),
        down_block_types=("DownBlock2D", "CrossAttnDownBlock2D", "CrossAttnDownBlock2D"),
        up_block_types=("CrossAttnUpBlock2D", "CrossAttnUpBlock2D", "UpBlock2D"),
        transformer_layers_per_block=(1, 2, 10), attention_head_dim=(5, 10, 20), cross_attention_dim=2048,
        use_linear_projection=True, addition_embed_type="text_time", addition_time_embed_dim=256,
        projection_class_embeddings_input_dim=2816, sample_size=128).eval()


def unet_kwargs(batch):
    context = 768 if args.arch == "sd15" else 2048
    kwargs = dict(encoder_hidden_states=torch.randn(batch, 77, context))
    if args.arch == "sdxl":
        kwargs["added_cond_kwargs"] = dict(text_embeds=torch.randn(batch, 1280),
                                           time_ids=torch.tensor([[1024.0, 1024, 0, 0, 1024, 1024]] * batch))
    return kwargs


def sd_vae():
    return AutoencoderKL(down_block_types=("DownEncoderBlock2D",) * 4, up_block_types=("UpDecoderBlock2D",) * 4,
                         block_out_channels=(128, 256, 512, 512), layers_per_block=2, latent_channels=4).eval()


if args.what == "unet":
    model, inputs = sd_unet(), unet_kwargs(2)
    run = lambda steps: model(torch.randn(2, 4, side, side), torch.tensor([500.0, 500.0]), **inputs).sample
    name = f"diffusers unet {args.arch} {side * 8}x{side * 8} batch 2"
elif args.what == "vae":
    model, latents = sd_vae(), torch.randn(1, 4, side, side)
    run = lambda steps: model.decode(latents).sample
    name = f"diffusers vae decode {args.arch} {side * 8}x{side * 8}"
else:
    # The same work as sdserve's txt2img: CLIP-L on prompt and negative prompt (SD1.5; SDXL's
    # two encoders are stood in for by CLIP-L, a small share of the time), Euler with CFG 7,
    # VAE decode, conversion to 8-bit pixels.
    from diffusers import EulerDiscreteScheduler
    from transformers import CLIPTextConfig, CLIPTextModel
    text_encoder = CLIPTextModel(CLIPTextConfig(  # CLIP-L/14 text tower
        hidden_size=768, intermediate_size=3072, num_attention_heads=12, num_hidden_layers=12, hidden_act="quick_gelu")).eval()
    unet, vae, extra = sd_unet(), sd_vae(), unet_kwargs(2)
    scheduler = EulerDiscreteScheduler(beta_start=0.00085, beta_end=0.012, beta_schedule="scaled_linear")
    tokens = torch.randint(0, 49407, (2, 77))

    def run(steps):
        context = text_encoder(tokens).last_hidden_state
        if args.arch == "sd15":
            extra["encoder_hidden_states"] = context
        scheduler.set_timesteps(steps)
        latents = torch.randn(1, 4, side, side, generator=torch.Generator().manual_seed(1)) * scheduler.init_noise_sigma
        for t in scheduler.timesteps:
            both = scheduler.scale_model_input(torch.cat([latents] * 2), t)
            uncond, cond = unet(both, t, **extra).sample.chunk(2)
            latents = scheduler.step(uncond + 7.0 * (cond - uncond), t, latents).prev_sample
        image = vae.decode(latents / 0.18215).sample
        return ((image / 2 + 0.5).clamp(0, 1) * 255).to(torch.uint8)

    name = f"diffusers txt2img {args.arch} {side * 8}x{side * 8} {args.steps} steps"

print(json.dumps({"ready": name}), flush=True)  # the model is built; timing requests may follow
warmed = set()
for line in sys.stdin:
    precision = line.strip()
    if precision not in ("fp32", "bf16"):
        print(json.dumps({"error": f"unknown precision {precision!r}; send fp32 or bf16"}), flush=True)
        continue
    autocast = torch.autocast("cpu", dtype=torch.bfloat16) if precision == "bf16" else contextlib.nullcontext()
    with torch.inference_mode(), autocast:
        if precision not in warmed:
            for _ in range(args.warmup):
                run(1)  # txt2img warms up on one step, as sdserve's bench does
            warmed.add(precision)
        start, cpu_start = time.perf_counter(), time.process_time()
        run(args.steps)
        seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(json.dumps({"name": name, "precision": f"{precision}{' autocast' if precision == 'bf16' else ''}",
                      "peak_rss_bytes": rss, "seconds": seconds, "cpu_seconds": cpu_seconds}, sort_keys=True), flush=True)
