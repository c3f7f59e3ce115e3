#!/usr/bin/env bash
# Runs OneNetwork locally: Kafka, the document store, the identity provider and the three services, with one command.
# Builds first when a jar is missing or older than the sources. Options go to the launcher (--help lists them).
set -euo pipefail
cd "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
shopt -s nullglob

service_jars=(
  request-intake-service/target/request-intake-service.jar
  routing-service/target/routing-service.jar
  gateway/target/gateway.jar
  platform/identity/target/identity.jar
)

launcher_jar() {
  local jars=(platform/local-stack/target/onenet-local-stack-*-exec.jar)
  if ((${#jars[@]} > 0)); then
    ls -t "${jars[@]}" | head -n 1
  fi
}

# true when a jar is missing or any module source file or pom.xml is newer than it
needs_build() {
  local launcher jar
  launcher="$(launcher_jar)"
  [[ -n "$launcher" ]] || return 0
  for jar in "${service_jars[@]}" "$launcher"; do
    [[ -f "$jar" ]] || return 0
    if [[ -n "$(find . \( -name target -o -name .git -o -name node_modules -o -path ./data \) -prune -o \
                  -type f \( -path '*/src/*' -o -name pom.xml \) -newer "$jar" -print -quit)" ]]; then
      return 0
    fi
  done
  return 1
}

if needs_build; then
  echo "Building (first run takes a few minutes)…"
  # forceCreation: a service whose own classes are unchanged keeps its jar otherwise, with the libraries it had
  # (a change to platform/contracts alone never reached the services, and every start built again)
  ./mvnw -B -q -DskipTests -Dmaven.jar.forceCreation=true package
fi

launcher="$(launcher_jar)"
if [[ -z "$launcher" ]]; then
  echo "The build did not produce platform/local-stack/target/onenet-local-stack-*-exec.jar" >&2
  exit 1
fi

# The broker and the document store share this JVM. 1 GB: after a day's orders (53,000 open) their live heap is
# some 300-370 MB; at 512 MB load then spent a tenth of the time collecting (README, fifth session), and at 768 MB
# G1's threads used half as much CPU again under load as at 1 GB, its concurrent marking twice as much (README, tenth
# session). G1 grows the heap only as it needs: a fresh suite at rest holds no more than at 768 MB. Out of memory
# it exits rather than linger half-alive; the services it started follow it (LauncherWatch), and the store applies
# its journal when it starts again. G1, with its concurrent cycles from 70 % of the heap: the serial collector
# stopped the broker and the store for about half a second every 25 s under load (a full collection); G1 costs
# somewhat more CPU and had no such pause (README, eighth session).
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -Xmx1g -XX:+UseG1GC -XX:-G1UseAdaptiveIHOP \
  -XX:InitiatingHeapOccupancyPercent=70 -XX:+ExitOnOutOfMemoryError \
  -jar "$launcher" --home "$PWD" "$@"
