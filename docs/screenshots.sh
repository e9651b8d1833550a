#!/usr/bin/env bash
# Makes the README's pictures from real runs: records the bundled sample apps with the agent, then
# draws each view with 'loomscope render' (the app's own views, headless). Run from the repository.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SAMPLES=$ROOT/packaging/target/loomscope/samples
OUT=$ROOT/docs/images
WORK=$(mktemp -d "${TMPDIR:-/tmp}/loomscope-shots.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$OUT"

record() { # NAME SAMPLE ARGS...
  local name=$1 sample=$2
  shift 2
  "$ROOT/loomscope" record --agent-full -o "$WORK/$name.jfr" -- java -jar "$SAMPLES/loomscope-sample-$sample.jar" "$@" >/dev/null
}

"$ROOT/loomscope" build -q >/dev/null
record pipeline pipeline --items 400 --sink-millis 5
record futures futures --linger-millis 1000
# The scheduler's parallelism is a JVM option: it goes before -jar, not among the sample's arguments.
"$ROOT/loomscope" record --agent-full -o "$WORK/starved.jfr" -- java -Djdk.virtualThreadScheduler.parallelism=2 \
  -jar "$SAMPLES/loomscope-sample-starved.jar" >/dev/null
render() { "$ROOT/loomscope" render "$WORK/$1.jfr" --view "$2" -o "$OUT/$2.png" --width 1400 --height 800 "${@:3}"; }
render pipeline threads --range 0.2:0.5
render pipeline channels
render starved carriers
render futures futures # fitted to the futures, as the view's Fit button does
# Without the agent (--no-agent: JFR with Loomscope's settings only): CPU-bound virtual threads hold both carriers, and
# the sleepers' late wake-ups show as waiting for a carrier; the hogs' own time is "running or
# waiting for a carrier", since JFR alone cannot tell which.
"$ROOT/loomscope" record --no-agent -o "$WORK/starvation.jfr" -- java -Djdk.virtualThreadScheduler.parallelism=2 \
  "$ROOT/bench/src/main/java/dev/loomscope/bench/workloads/CarrierStarvation.java" >/dev/null
"$ROOT/loomscope" render "$WORK/starvation.jfr" --view threads -o "$OUT/threads-no-agent.png" --width 1400 --height 500
