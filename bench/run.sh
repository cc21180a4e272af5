#!/usr/bin/env bash
# Runs the emkernel JMH suite and regenerates results/README.md.
#
#   bench/run.sh quick   [--no-build] [extra JMH args]   trimmed grid -> results/
#   bench/run.sh full    [--no-build] [extra JMH args]   whole grid, gc profiler -> results/
#   bench/run.sh threads [--no-build] [extra JMH args]   1 -> 2 thread targets and host ceilings, 3 forks -> results/
#
# Progress: one line per benchmark and parameter set, with JMH's ETA; the whole JMH log is in bench/target/<run>.log.
# results/README.md lists how long each profile's latest run took.
#   bench/run.sh smoke   [--no-build] [extra JMH args]   every benchmark once, smallest params -> bench/target/smoke/
#
# The benchmark JVM is $BENCH_JAVA, else $JAVA_HOME/bin/java, else java on the PATH (the build always uses
# Maven's JDK). Example on JDK 25: BENCH_JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java bench/run.sh quick
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

profile="${1:-}"
shift || true
build=1
if [[ "${1:-}" == "--no-build" ]]; then
  build=0
  shift
fi
extra=("$@")

case "$profile" in
  quick)
    # Trimmed grid: outcomes 11, 101, 1001 (no 100001); observations up to 10^7 (no 10^8).
    # One fork, 2 warmup iterations of 1 s (the vector code needs C2 before it is measured), 3 measured
    # iterations of 700 ms (three, so JMH reports an error). gc profiler on.
    jmh=(-f 1 -wi 2 -w 1s -i 3 -r 700ms -prof gc
         -p outcomes=11,101,1001 -p observations=1000,100000,10000000) ;;
  full)
    # The whole grid of the annotations (outcomes up to 100001, histogram builds up to 10^8 observations),
    # one fork, 4 warmup + 5 measured iterations of 1 s each. gc profiler on.
    jmh=(-f 1 -wi 4 -w 1s -i 5 -r 1s -prof gc) ;;
  threads)
    # Only the 1 -> 2 thread scaling targets (iteration at 100001 outcomes, histogram build of 10^8) and the
    # machine's own ceilings beside them (ParallelReferenceBenchmark: a bare vector read of the same observations, bare vector
    # chains of fused multiply-adds), three forks each: on a shared machine a neighbour's burst then hits one
    # fork, not the whole measurement.
    jmh=('Parallel' -f 3 -wi 3 -w 1s -i 5 -r 1s -prof gc
         -p outcomes=100001 -p observations=100000000) ;;
  smoke)
    # Every benchmark once with the smallest parameters: proves each one runs, measures nothing.
    jmh=(-f 1 -wi 0 -i 1 -r 100ms
         -p outcomes=11 -p components=2 -p observations=1000) ;;
  *)
    echo "usage: bench/run.sh quick|full|threads|smoke [--no-build] [extra JMH args]" >&2
    exit 2 ;;
esac

source "$(dirname "${BASH_SOURCE[0]}")/java.sh"

if [[ $build == 1 ]]; then
  mvn -B -q -pl core,bench -am package -DskipTests -DskipSmoke
fi
jar="$root/bench/target/benchmarks.jar"
[[ -f "$jar" ]] || { echo "missing $jar: build first (mvn -pl core,bench -am package)" >&2; exit 1; }

version="$("$java" -version 2>&1 | head -1)"
major="$(sed -E 's/.*version "([0-9]+)(\.[^"]*)?".*/\1/' <<<"$version")"
cpu_model="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed -E 's/^ +//' || true)"
cpu_model="${cpu_model:-unknown cpu}"
cpu_slug="$(tr 'A-Z' 'a-z' <<<"$cpu_model" | sed -E 's/\((r|tm)\)//g; s/@.*//; s/ (cpu|processor)\b//g; s/[0-9]+-core//g; s/[^a-z0-9]+/-/g; s/^-+|-+$//g')"
day="$(date -u +%Y-%m-%d)"

if [[ $profile == smoke ]]; then
  outdir="$root/bench/target/smoke"
  base="smoke"
else
  outdir="$root/results"
  base="${day}_${profile}_${cpu_slug}_jdk${major}"
fi
mkdir -p "$outdir"
json="$outdir/$base.json"
meta="$outdir/$base.properties"
log="$root/bench/target/$base.log"

# A second run of the same profile on the same day keeps the first: it moves to the lowest free
# <date>_<profile>-N_... name (the report lists both; stale charts under the old name are rewritten).
if [[ $profile != smoke && -e "$json" ]]; then
  n=1
  # The report moves earlier runs to history/, so a number taken there is taken too.
  while [[ -e "$outdir/${day}_${profile}-${n}_${cpu_slug}_jdk${major}.json" \
        || -e "$outdir/history/${day}_${profile}-${n}_${cpu_slug}_jdk${major}.json" ]]; do
    n=$((n + 1))
  done
  kept="${day}_${profile}-${n}_${cpu_slug}_jdk${major}"
  mv "$json" "$outdir/$kept.json"
  [[ -e "$meta" ]] && mv "$meta" "$outdir/$kept.properties"
  rm -f "$outdir"/charts/"$base"_*.svg
  echo "kept the earlier $base run as $kept"
fi

# The smoke measures nothing, so it may run beside another JMH run (JMH otherwise refuses, holding a lock).
jvm=()
[[ $profile == smoke ]] && jvm=(-Djmh.ignoreLock=true)
cmd=("$java" "${jvm[@]}" -jar "$jar" "${jmh[@]}" -foe true -rf json -rff "$json" "${extra[@]}")
shown="bench/run.sh $profile${extra[*]:+ ${extra[*]}}  =>  java -jar bench/target/benchmarks.jar ${jmh[*]} -foe true -rf json -rff ${json#"$root"/}${extra[*]:+ ${extra[*]}}"
echo "$shown"

started="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
# The commit the jar was built from (recorded before the run, so later edits do not mislabel it).
git_state="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$root" diff --quiet HEAD -- core bench 2>/dev/null || echo '-dirty')"
set +e +o pipefail
# One line per benchmark and parameter set: its number, JMH's progress and ETA. JMH gives every benchmark the same
# time budget, so at the start of benchmark i (i > 1) its progress is (i - 1) / n of the run: that gives n.
# The smoke, part of every mvn verify, prints only failures and JMH's last line.
quiet=0
[[ $profile == smoke ]] && quiet=1
"${cmd[@]}" 2>&1 | tee "$log" | awk -v quiet="$quiet" '
  /^# Benchmark: / { name = $3; sub(/^org\.emkernel\.bench\./, "", name); params = ""; fresh = 1; next }
  /^# Parameters: / { params = substr($0, 15); next }
  /^# Run progress: / && fresh && !quiet {
    fresh = 0; i++
    pct = $4; sub(/%/, "", pct)
    of = (i > 1 && pct > 0) ? sprintf(" of %d", int((i - 1) * 100 / pct + 0.5)) : ""
    eta = $0; sub(/.*ETA /, "", eta)
    printf "[benchmark %d%s, %s%% done, ETA %s] %s %s\n", i, of, pct, eta, name, params
    fflush(); next
  }
  /^# Run complete/ || /ERROR|Exception/ { print; fflush() }
'
status=${PIPESTATUS[0]}
set -e -o pipefail
if [[ $status != 0 ]]; then
  echo "JMH failed with exit code $status; see $log" >&2
  exit "$status"
fi

{
  echo "profile=$profile"
  echo "started=$started"
  echo "finished=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "command=$shown"
  echo "cpu=$cpu_model"
  echo "cores=$(nproc)"
  echo "flags.avx512f=$(grep -qw avx512f /proc/cpuinfo && echo yes || echo no)"
  echo "memory=$(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
  echo "os=$(uname -srm)"
  echo "java=$version"
  echo "java.runtime=$("$java" -version 2>&1 | sed -n 2p)"
  echo "git=$git_state"
} > "$meta"

"$java" -cp "$jar" org.emkernel.bench.report.Report "$outdir"
echo "wrote $json, $meta and $outdir/README.md"
