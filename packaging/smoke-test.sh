#!/usr/bin/env bash
# The packaging smoke test: builds the installers, then uses the app-image the way a user with no
# JDK would (no JAVA_HOME, no java on the PATH): --version, recording a bundled sample app with the
# bundled runtime, analyze and render on that recording, the app opening it; and checks what the
# .deb installs.
# .ci/run calls it after the tests.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
IMAGE=$ROOT/packaging/target/app-image/loomscope
WORK=$(mktemp -d "${TMPDIR:-/tmp}/loomscope-smoke.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

fail() { echo "smoke: FAILED: $*" >&2; exit 1; }
# No JDK in sight: only what the image brings.
bare() { env -i HOME="$WORK/home" PATH=/usr/bin:/bin "$IMAGE/bin/loomscope" "$@"; }

"$ROOT/loomscope" package

version=$(bare --version)
echo "$version"
grep -q '^Loomscope ' <<<"$version" || fail "--version does not name Loomscope"
grep -q "^JDK 25.*$IMAGE/lib/runtime" <<<"$version" || fail "--version does not run on the bundled JDK 25 runtime"

# The leaky sample leaves 40 virtual threads named leaky-orphan-N blocked forever.
bare record -o "$WORK/leaky.jfr" -- java -jar "$IMAGE/lib/samples/loomscope-sample-leaky.jar" \
  --linger-millis 1000 > "$WORK/record.txt" 2>&1 || { cat "$WORK/record.txt"; fail "record"; }
analysis=$(bare analyze "$WORK/leaky.jfr") || fail "analyze exited with $?"
echo "$analysis" | head -n 4
grep -q 'leak' <<<"$analysis" || fail "analyze did not report the leak"
grep -q '40 virtual threads (leaky-orphan-' <<<"$analysis" || fail "analyze did not name the 40 orphans"

bare render "$WORK/leaky.jfr" --view threads -o "$WORK/threads.png" --width 800 --height 500 >/dev/null \
  || fail "render"
[ "$(head -c 8 "$WORK/threads.png" | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ] || fail "render wrote no PNG"

# The desktop app itself, on the headless glass platform: it starts, opens the recording, and
# remembers it in the settings of the user's config folder (which proves the window got that far).
env -i HOME="$WORK/home" PATH=/usr/bin:/bin XDG_CONFIG_HOME="$WORK/config" \
  JAVA_TOOL_OPTIONS="-Dglass.platform=Monocle -Dmonocle.platform=Headless -Dprism.order=sw" \
  timeout 20 "$IMAGE/bin/loomscope" "$WORK/leaky.jfr" > "$WORK/app.txt" 2>&1 || [ $? -eq 124 ] \
  || { cat "$WORK/app.txt"; fail "the app did not start"; }
grep -q "leaky.jfr" "$WORK/config/loomscope/settings.json" 2>/dev/null \
  || { cat "$WORK/app.txt"; fail "the app did not open the recording"; }
echo "smoke: the app opened leaky.jfr with no JDK on the machine"

deb=$(ls "$ROOT"/packaging/target/installers/*.deb 2>/dev/null | head -n 1 || true)
if [ -n "$deb" ]; then
  contents=$(dpkg-deb -c "$deb")
  grep -q '\./opt/loomscope/bin/loomscope$' <<<"$contents" || fail ".deb has no launcher"
  grep -q '\./opt/loomscope/lib/agent/loomscope-agent.jar$' <<<"$contents" || fail ".deb has no agent"
  grep -q '\./opt/loomscope/lib/plugins/' <<<"$contents" || fail ".deb has no plugins folder"
  dpkg-deb -x "$deb" "$WORK/deb"
  grep -q '^MimeType=application/x-jfr' "$WORK"/deb/opt/loomscope/lib/*.desktop || fail ".deb does not associate .jfr"
  grep -q '^Exec=/opt/loomscope/bin/loomscope %f' "$WORK"/deb/opt/loomscope/lib/*.desktop || fail ".deb desktop entry does not pass the file"
  echo "smoke: $(basename "$deb") ($(du -h "$deb" | cut -f1)) installs the launcher, agent, plugins and the .jfr association"
fi
echo "smoke: passed"
