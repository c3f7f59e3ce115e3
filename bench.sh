#!/usr/bin/env bash
# Open-model load generator for the running suite: fixed arrival rate, latency from the intended send time,
# each accepted request followed to DISPATCHED, CPU/RSS of the suite's JVMs and the routing consumer lag sampled.
# Start the suite first (./run.sh in another shell). Builds the benchmark jar when it is missing or older than
# its sources, then runs it with the given options, e.g.  ./bench.sh --rate 1000 --duration 60s
# ./bench.sh --help lists the options; BENCH_JAVA_OPTS overrides the benchmark JVM's options.
set -euo pipefail
cd "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
shopt -s nullglob

bench_jar() {
  local jars=(platform/benchmark/target/onenet-benchmark-*-exec.jar)
  if ((${#jars[@]} > 0)); then
    ls -t "${jars[@]}" | head -n 1
  fi
}

needs_build() {
  local jar
  jar="$(bench_jar)"
  [[ -n "$jar" ]] || return 0
  [[ -n "$(find platform/benchmark/src platform/benchmark/pom.xml -type f -newer "$jar" -print -quit)" ]]
}

if needs_build; then
  echo "Building the benchmark (platform/benchmark)…"
  ./mvnw -B -q -pl platform/benchmark -am -DskipTests package
fi
jar="$(bench_jar)"
if [[ -z "$jar" ]]; then
  echo "The build did not produce platform/benchmark/target/onenet-benchmark-*-exec.jar" >&2
  exit 1
fi

# is the target listening at all? (the benchmark checks the API itself too)
target="http://127.0.0.1:8080"
help=false
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  case "${args[i]}" in
    --target=*) target="${args[i]#--target=}" ;;
    --target) if ((i + 1 < ${#args[@]})); then target="${args[i + 1]}"; fi ;;
    --help | -h) help=true ;;
  esac
done
if [[ "$help" == false ]]; then
  hostport="${target#*://}"
  hostport="${hostport%%/*}"
  host="${hostport%:*}"
  port="${hostport##*:}"
  if [[ "$host" == "$hostport" ]]; then
    port=80
  fi
  if ! timeout 3 bash -c "exec 3<>/dev/tcp/${host}/${port}" 2>/dev/null; then
    echo "Nothing is listening at ${target}." >&2
    echo "The benchmark needs the suite running: start it with ./run.sh in another shell, wait for" >&2
    echo "\"OneNetwork is running\", then run ./bench.sh again (or point --target at a running gateway)." >&2
    exit 3
  fi
fi

# The generator shares the machine with the suite, so it runs with the quick compiler alone: with the optimising one
# its compiling took 5.3 s of CPU in the first 50 s of a run at 150/s (a tenth of a core), and each run is a new JVM.
# At 175/s it then used 16 % of a core instead of 26 %, with the same accept latencies (README, twelfth session).
# shellcheck disable=SC2086
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" ${BENCH_JAVA_OPTS:--Xms512m -Xmx1g -XX:+UseParallelGC -XX:TieredStopAtLevel=1} \
  -jar "$jar" "$@"
