"""PyTorch/diffusers peer timing for `sdserve bench unet|vae`: one SD1.5 UNet evaluation at
batch 2 (64x64 latent) or one VAE decode to 512x512, random weights at the real shapes, printed
in the same JSON line form (`name`, `precision`, `seconds`, `peak_rss_bytes`, plus
`cpu_seconds`: process CPU time, the fairer number when other jobs share the cores).

Run:  /work/pyenv/bin/python tools/bench/diffusers_baseline.py unet|vae [--precision fp32|bf16]
bf16 means torch.autocast("cpu", dtype=torch.bfloat16), as the issue's comparison asks.
"""
import argparse
import contextlib
import json
import resource
import time

import torch
from diffusers import AutoencoderKL, UNet2DConditionModel

parser = argparse.ArgumentParser()
parser.add_argument("what", choices=["unet", "vae"])
parser.add_argument("--precision", choices=["fp32", "bf16"], default="fp32")
parser.add_argument("--warmup", type=int, default=1)
args = parser.parse_args()
torch.set_num_threads(2)
torch.manual_seed(0)

if args.what == "unet":
    model = UNet2DConditionModel(cross_attention_dim=768, attention_head_dim=8).eval()  # SD1.5 shapes
    inputs = (torch.randn(2, 4, 64, 64), torch.tensor([500.0, 500.0]), torch.randn(2, 77, 768))
    run = lambda: model(*inputs).sample
    name = "diffusers unet sd15 512x512 batch 2"
else:
    model = AutoencoderKL(down_block_types=("DownEncoderBlock2D",) * 4, up_block_types=("UpDecoderBlock2D",) * 4,
                          block_out_channels=(128, 256, 512, 512), layers_per_block=2, latent_channels=4).eval()
    latents = torch.randn(1, 4, 64, 64)
    run = lambda: model.decode(latents).sample
    name = "diffusers vae decode sd15 512x512"

autocast = torch.autocast("cpu", dtype=torch.bfloat16) if args.precision == "bf16" else contextlib.nullcontext()
with torch.inference_mode(), autocast:
    for _ in range(args.warmup):
        run()
    start, cpu_start = time.perf_counter(), time.process_time()
    run()
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"name": name, "precision": args.precision, "peak_rss_bytes": rss, "seconds": seconds,
                  "cpu_seconds": cpu_seconds}, sort_keys=True))
