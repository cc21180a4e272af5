#!/usr/bin/env bash
# Fresh-JVM measurements of issue 20, all in one run: the launcher's fit on small files (default kernel against
# -Demkernel.kernel=scalar), --version against a hello-world JVM with the launcher's flags, and the first call of an
# embedding application (10^6 observations -> histogram -> 20 iterations), default against scalar. Then
# ManyFitsBenchmark (JMH: fits per second, and a fit's iteration against a steady iterate() in the same measurement)
# unless --no-jmh. Writes one JSON file into results/ and regenerates results/ (the report computes the verdicts).
#
#   bench/fresh.sh [rounds (default 9)] [--no-build] [--no-jmh]
#
# The JVM is $BENCH_JAVA, else $JAVA_HOME/bin/java, else java on the PATH; the launcher uses the same one.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
rounds=9
build=1
jmh=1
for arg in "$@"; do
  case "$arg" in
    --no-build) build=0 ;;
    --no-jmh) jmh=0 ;;
    *[!0-9]*|'') echo "usage: bench/fresh.sh [rounds] [--no-build] [--no-jmh]" >&2; exit 2 ;;
    *) rounds="$arg" ;;
  esac
done
source "$(dirname "${BASH_SOURCE[0]}")/java.sh"
if [[ $build == 1 ]]; then
  mvn -B -q package -DskipTests -DskipSmoke
fi
machine="$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | sed 's/.*: //; s/(R)//g; s/(TM)//g' \
  | awk '{print tolower($1) "-" tolower($2)}' || echo unknown)"
export JAVA="$java"
no_jmh=()
[[ $jmh == 0 ]] && no_jmh=(--no-jmh)
"$java" -Djmh.ignoreLock=true -Demkernel.java="$java" -cp bench/target/benchmarks.jar \
  org.emkernel.bench.fresh.FreshRuns "$root" bench/target/benchmarks.jar results bench/target/fresh "$rounds" \
  "$machine" "${no_jmh[@]}"
