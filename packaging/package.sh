#!/usr/bin/env bash
# Builds Loomscope's installers from the laid-out distribution (target/loomscope, made by the
# Maven build): a trimmed runtime (jlink), an app-image (jpackage), and a .deb and .rpm where
# their tools exist. Run through ./loomscope package, which sets JAVA_HOME to a JDK 25.
#
#   package.sh [--app-image-only]
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
DIST=$HERE/target/loomscope
OUT=$HERE/target
ICON=$HERE/../src/app/src/main/resources/dev/loomscope/app/loomscope.png
: "${JAVA_HOME:?JAVA_HOME must name a JDK 25 (./loomscope package sets it)}"

# What the app, the CLI, the sample apps (the demo runs one on this runtime) and an attached
# session need: jdeps over lib/ names most; jdk.attach, jdk.jfr and java.instrument are reached
# reflectively or by the agent; java.sql and java.compiler only for gson's and jfreechart's
# optional parts, kept so nothing fails on a code path we did not test.
MODULES=java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management,java.naming,\
java.prefs,java.sql,java.xml,jdk.attach,jdk.charsets,jdk.jfr,jdk.management,jdk.management.jfr,\
jdk.unsupported,jdk.unsupported.desktop,jdk.zipfs

app_jar=$(cd "$DIST/lib" && ls loomscope-app-*.jar 2>/dev/null | head -n 1)
[ -n "$app_jar" ] || { echo "package: $DIST/lib has no loomscope-app jar; build first (./loomscope build)" >&2; exit 1; }
version=${app_jar#loomscope-app-}
version=${version%.jar}
version=${version%-SNAPSHOT}

step() { echo "package: $*" >&2; }

rm -rf "$OUT/runtime" "$OUT/app-image" "$OUT/installers"
mkdir -p "$OUT/installers"

# No --strip-native-commands: the demo and 'loomscope record -- java ...' start bin/java.
step "runtime (jlink)"
"$JAVA_HOME/bin/jlink" --add-modules "$MODULES" --output "$OUT/runtime" \
  --strip-debug --no-man-pages --no-header-files --compress zip-6

step "app-image (jpackage)"
# samples/, plugins/ and agent/ go in as app content (beside app/, under lib/), so they stay off
# the class path: the app finds them through loomscope.home.
"$JAVA_HOME/bin/jpackage" --type app-image --name loomscope --dest "$OUT/app-image" \
  --app-version "$version" --vendor "Loomscope" --icon "$ICON" \
  --input "$DIST/lib" --main-jar "$app_jar" --main-class dev.loomscope.app.Main \
  --runtime-image "$OUT/runtime" \
  --app-content "$DIST/samples,$DIST/plugins,$DIST/agent" \
  --java-options '-XX:MaxRAMPercentage=50' \
  --java-options '--enable-native-access=ALL-UNNAMED' \
  --java-options '--add-exports=jdk.attach/sun.tools.attach=ALL-UNNAMED' \
  --java-options '--add-opens=jdk.jfr/jdk.jfr.consumer=ALL-UNNAMED' \
  --java-options '-Dloomscope.home=$APPDIR/..'
echo "$OUT/app-image/loomscope"

if [ "${1:-}" = "--app-image-only" ]; then
  exit 0
fi

installer() {
  local type=$1
  step "$type installer (jpackage)"
  "$JAVA_HOME/bin/jpackage" --type "$type" --name loomscope --dest "$OUT/installers" \
    --app-image "$OUT/app-image/loomscope" --app-version "$version" --vendor "Loomscope" \
    --description "Visual profiler for virtual threads, blocking queues and CompletableFuture chains" \
    --icon "$ICON" --install-dir /opt --resource-dir "$HERE/linux" \
    --file-associations "$HERE/linux/jfr.properties" \
    --linux-package-name loomscope --linux-shortcut --linux-menu-group Development \
    --linux-app-category devel
}

if command -v dpkg-deb >/dev/null 2>&1 && command -v fakeroot >/dev/null 2>&1; then
  installer deb
else
  step "no dpkg-deb and fakeroot here: skipping the .deb ('apt install dpkg-dev fakeroot')"
fi
if command -v rpmbuild >/dev/null 2>&1; then
  installer rpm
else
  step "no rpmbuild here: skipping the .rpm ('apt install rpm' or 'dnf install rpm-build')"
fi
ls -1 "$OUT/installers"/* 2>/dev/null || true
