#!/usr/bin/env bash
# Where the model's inference time goes, kernel by kernel: runs benchmarks/run-model.sh (inference
# only, the inference service's threads: 1 intra-op + 1 inter-op, one batch size) with oneDNN's
# verbose log on, and sums the steady-state part of that log per layer shape (convolutions and
# fully connected layers): milliseconds per segment, and for convolutions FLOP per segment and the
# GFLOP/s they reach on this CPU.
# Use it to tell a slow machine (low GFLOP/s everywhere) from a slow model (a few shapes that
# dominate) before changing either.
#
# Usage: benchmarks/profile-model-kernels.sh [BUNDLE_DIR] [BATCH]   (defaults: models/default, 32;
#        BATCH is one size above 0, not run-model.sh's mixed sizes)
#        benchmarks/profile-model-kernels.sh --summarise LOG BATCH   (only the summary of a saved log)
# The log is kept in benchmarks/target/onednn-verbose.log. Needs python3. Run it on a quiet machine:
# oneDNN times each kernel by the wall clock.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

summarise() { # log batch
  python3 - "$1" "$2" <<'EOF'
import re, sys
from collections import defaultdict
log, batch = sys.argv[1], int(sys.argv[2])
rows = [l.rstrip('\n').split(',') for l in open(log, errors='replace')
        if l.startswith('onednn_verbose,primitive,exec,cpu,')]
# Layers run at this batch size (their problem descriptor starts with mbN); weight reorders and
# primitives described by dims (eltwise, binary) are left out.
at_batch = re.compile(rf'(^|_)mb{batch}(?!\d)')
rows = [r for r in rows if at_batch.search(r[-2])]
# Steady state: drop the first half of the rows (kernel creation, the warm-up batches and more).
rows = rows[len(rows) // 2:]
per = defaultdict(lambda: [0.0, 0, 0.0])  # ms, calls, flop
total_ms = conv_ms = conv_flop = 0.0
unparsed = 0
for r in rows:
    kind, impl, desc, ms = r[4], r[5], r[-2], float(r[-1])
    total_ms += ms
    flop = 0.0
    if kind == 'convolution':
        p = {k: int(v) for k, v in re.findall(r'([a-z]+)(\d+)', desc)}
        try:
            flop = (2.0 * p['mb'] * (p['ic'] // p.get('g', 1)) * p['oc'] * p.get('od', 1) * p.get('oh', 1)
                    * p['ow'] * p.get('kd', 1) * p.get('kh', 1) * p['kw'])
            conv_ms += ms
            conv_flop += flop
        except KeyError:
            unparsed += 1
    key = (kind, impl, desc)
    per[key][0] += ms
    per[key][1] += 1
    per[key][2] += flop
# Every layer runs once a batch and several layers may share a shape: the rarest shape's count is
# the number of batches, and every shape's count must be a multiple of it.
counts = sorted(v[1] for (k, i, d), v in per.items() if k == 'convolution')
if not counts or not conv_ms:
    sys.exit(f'no oneDNN convolution at batch {batch} in {log}')
batches = counts[0]
if any(c % batches for c in counts):
    sys.exit(f'convolution shapes ran {sorted(set(counts))} times: not whole batches; run more batches')
if unparsed:
    print(f'warning: {unparsed} convolution lines with a descriptor this script cannot read (left out)')
segments = batches * batch
print(f'{batches} batches of {batch} (the steady half of the log): {segments} segments')
print(f'oneDNN kernels at batch {batch}: {total_ms / segments:.3f} ms a segment')
print(f'convolutions: {conv_ms / segments:.3f} ms and {conv_flop / segments / 1e6:.1f} MFLOP a segment, '
      f'{conv_flop / conv_ms / 1e6:.1f} GFLOP/s')
print()
print('| share | layers | ms a segment | MFLOP a segment | GFLOP/s | kernel | shape |')
print('|---|---|---|---|---|---|---|')
for (kind, impl, desc), (ms, n, flop) in sorted(per.items(), key=lambda kv: -kv[1][0])[:12]:
    rate = f'{flop / ms / 1e6:.1f}' if flop else ''
    mflop = f'{flop / segments / 1e6:.1f}' if flop else ''
    print(f'| {100 * ms / total_ms:.0f}% | {n // batches} | {ms / segments:.3f} | {mflop} | {rate} | {kind} {impl} | {desc} |')
EOF
}

if [[ "${1:-}" == --summarise ]]; then
  summarise "${2:?usage: $0 --summarise LOG BATCH}" "${3:-32}"
  exit
fi
BUNDLE="${1:-models/default}"
BATCH="${2:-32}"
[[ "$BATCH" =~ ^[1-9][0-9]*$ ]] || { echo "BATCH must be a whole number above 0" >&2; exit 2; }
LOG="$ROOT/benchmarks/target/onednn-verbose.log"
mkdir -p "$(dirname "$LOG")"
# The user's options first: for -D options the last one wins, and the batch size must be BATCH.
ONEDNN_VERBOSE=1 TAGGER_BENCH_SKIP_TRAIN=1 TAGGER_BENCH_JAVA_OPTS="${TAGGER_BENCH_JAVA_OPTS:-} \
-Dai.djl.tensorflow.num_intraop_threads=1 -Dai.djl.tensorflow.num_interop_threads=1 -Dtagger.bench.batches=$BATCH" \
  benchmarks/run-model.sh "$BUNDLE" > "$LOG" 2>&1 \
  || { echo "benchmarks/run-model.sh failed; its output is in $LOG:" >&2; tail -20 "$LOG" >&2; exit 1; }
grep -a 'infer .* batch' "$LOG" || true
grep -a -m3 'onednn_verbose,info' "$LOG" || true
summarise "$LOG" "$BATCH"
