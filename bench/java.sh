# Sourced by bench/run.sh and bench/fresh.sh: the JVM to run is $BENCH_JAVA, else $JAVA_HOME/bin/java, else java
# on the PATH.
if [[ -n "${BENCH_JAVA:-}" ]]; then
  java="$BENCH_JAVA"
elif [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
  java="$JAVA_HOME/bin/java"
else
  java="java"
fi
