#!/usr/bin/env bash
# The checks that need a GPU, as one short script for a CUDA machine (the device tool runs it
# in the repo's root; CI has no GPU). The machine's own python3 holds torch with CUDA; streamlit
# is not needed: the engine's CUDA tests, the worker pool's training on the GPU, the bench.
# Usage: bash scripts/device_check.sh [OUTDIR]
set -uo pipefail
out=${1:-${OUT:-/tmp/device_check}}
mkdir -p "$out"
export PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1
nvidia-smi -L
python3 -c 'import torch; print("torch", torch.__version__, "cuda", torch.version.cuda,
      torch.cuda.get_device_name() if torch.cuda.is_available() else "NO CUDA")'
timeout 300 python3 -m pytest -q -p no:cacheprovider -o addopts="-rA" -s \
  tests/test_cuda.py tests/test_training_device.py tests/test_training_job.py \
  tests/test_models_fast.py 2>&1 | tee "$out/tests.log"
echo "pytest rc=${PIPESTATUS[0]}"
timeout 240 python3 scripts/bench_device.py --json "$out/bench_device.json" 2>&1 \
  | tee "$out/bench.log"
echo "bench rc=${PIPESTATUS[0]}"
