#!/usr/bin/env bash
# @CheckConcurrency as a user meets it: a Maven project outside this build (no parent, the one
# dependency and the annotation, docs/junit.md) gets a failed test naming the threads it leaked,
# and a passing one where it cleans up. .ci/run calls it after the tests.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/loomscope-outside.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
fail() { echo "outside: FAILED: $*" >&2; exit 1; }

# What a user's build resolves: loomscope-junit installed into the local Maven repository.
"$ROOT/loomscope" build -q -pl src/junit -am > "$WORK/install.txt" 2>&1 \
  || { tail -n 40 "$WORK/install.txt"; fail "installing loomscope-junit"; }
jdk=$("$ROOT/loomscope" jdk)

# The project: the template here, with the junit demo's dispatcher and its passing test.
project=$WORK/orders
cp -r "$ROOT/src/junit/outside/." "$project/"
rm "$project/check.sh"
mkdir -p "$project/src/main/java"
cp -r "$ROOT/sample-apps/junit-demo/src/main/java/." "$project/src/main/java/"
cp "$ROOT/sample-apps/junit-demo/src/test/java/com/example/orders/OrderDispatcherTest.java" \
  "$project/src/test/java/com/example/orders/"
property() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" "$ROOT/pom.xml" | head -n 1; }
version=$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' "$ROOT/pom.xml" | head -n 1)
sed -i -e "s/@loomscope.version@/$version/" \
  -e "s/@junit.version@/$(property junit.version)/" \
  -e "s/@resources-plugin.version@/$(property resources-plugin.version)/" \
  -e "s/@compiler-plugin.version@/$(property compiler-plugin.version)/" \
  -e "s/@surefire-plugin.version@/$(property surefire-plugin.version)/" "$project/pom.xml"
grep -q '@' <(grep '<version>' "$project/pom.xml") && fail "a version was left unset in the project's pom"

run() { (cd "$project" && JAVA_HOME="$jdk" mvn -B -Dstyle.color=never "$@"); }

run test -Dtest=OrderDispatcherTest > "$WORK/clean.txt" 2>&1 \
  || { tail -n 60 "$WORK/clean.txt"; fail "the test that closes its dispatcher failed"; }
grep -q 'Tests run: 2, Failures: 0, Errors: 0' "$WORK/clean.txt" \
  || { tail -n 60 "$WORK/clean.txt"; fail "the passing tests did not run"; }

if run test -Dtest=LeakyDispatcherTest > "$WORK/leaky.txt" 2>&1; then
  tail -n 60 "$WORK/leaky.txt"; fail "the test that leaks its workers passed"
fi
for worker in order-worker-0 order-worker-1 order-worker-2; do
  grep -q "$worker" "$WORK/leaky.txt" || { tail -n 60 "$WORK/leaky.txt"; fail "the failure does not name $worker"; }
done
grep -q 'leak at com.example.orders.OrderDispatcher' "$WORK/leaky.txt" \
  || { tail -n 60 "$WORK/leaky.txt"; fail "the failure does not say where the workers leaked"; }
echo "outside: a project outside the build passes when it cleans up and fails naming its 3 leaked workers"
