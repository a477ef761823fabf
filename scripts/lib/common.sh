# Shared by the scripts under scripts/: finds a JDK 25, knows the JVM flags and builds the jar when it is stale.
# Source it; it sets JAVA_HOME, JAVA, QUARRY_HOME, QUARRY_HEAP and QUARRY_JVM_FLAGS.

QUARRY_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# Lucene's vector code needs the incubator module (about 2x faster vector math); ONNX Runtime and the tokenizer
# binding load native code.
# The heap is capped (QUARRY_HEAP, default 1g; an -Xmx in QUARRY_JAVA_OPTS comes later and wins). The index's vectors,
# graph and text are memory-mapped files outside the heap: 500,000 chunks were written with under 250 MiB of live
# heap and searched with under 50 MiB (scripts/bench-scale, BENCHMARKS.md). Without a cap the JVM takes a quarter of
# the machine's memory.
QUARRY_HEAP=${QUARRY_HEAP:-1g}
QUARRY_JVM_FLAGS=(--add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED "-Xmx$QUARRY_HEAP")

java_feature_version() { # prints the major version of the java binary $1, or nothing
  # The JDK's release file says it without starting a JVM, which took a quarter of a second of every command.
  local release="${1%/bin/java}/release"
  if [ -f "$release" ] && grep -q '^JAVA_VERSION="[0-9]' "$release"; then
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release" | head -n1
    return
  fi
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n1
}

find_jdk25() {
  local candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  candidates+=(/usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25-jdk-arm64 /usr/lib/jvm/temurin-25*
               /usr/lib/jvm/java-25* /usr/lib/jvm/jdk-25* /opt/java/openjdk /opt/jdk-25* "$HOME"/.sdkman/candidates/java/25*
               /Library/Java/JavaVirtualMachines/*25*/Contents/Home)
  local dir version
  for dir in "${candidates[@]}"; do
    [ -x "$dir/bin/java" ] && [ -x "$dir/bin/javac" ] || continue
    version=$(java_feature_version "$dir/bin/java")
    if [ "${version%%.*}" -ge 25 ] 2>/dev/null; then
      echo "$dir"
      return 0
    fi
  done
  return 1
}

if ! JAVA_HOME=$(find_jdk25); then
  cat >&2 <<'MSG'
quarry: no JDK 25 found. Quarry needs Java 25 (Temurin or any OpenJDK 25 build).
  Looked at: $JAVA_HOME, /usr/lib/jvm/temurin-25-*, /usr/lib/jvm/java-25-*, /usr/lib/jvm/jdk-25*, /opt/java/openjdk, ~/.sdkman.
  Install one (for example the temurin-25-jdk package) or set JAVA_HOME to it, then run this command again.
MSG
  exit 1
fi
export JAVA_HOME
JAVA="$JAVA_HOME/bin/java"

# Maven, quietly: its output (without the colour resets Debian's Maven 3.8 prints even in batch mode) is shown only
# when it fails. JDK 25 warns about Maven's own use of sun.misc.Unsafe unless allowed.
quiet_maven() {
  local log status=0
  log=$(mktemp)
  (cd "$QUARRY_HOME" && MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow -Djansi.noreset=true" \
    mvn -B -q -Dstyle.color=never "$@") >"$log" 2>&1 || status=$?
  if [ "$status" -ne 0 ]; then
    sed 's/\x1b\[[0-9;]*m//g' "$log" >&2
    echo "quarry: build failed" >&2
  fi
  rm -f "$log"
  return "$status"
}

# Builds target/quarry.jar (and target/lib) when it is missing or older than any source or the pom.
ensure_built() {
  local jar="$QUARRY_HOME/target/quarry.jar"
  if [ -f "$jar" ] && [ -z "$(find "$QUARRY_HOME/src/main" "$QUARRY_HOME/pom.xml" -newer "$jar" -print -quit)" ]; then
    return 0
  fi
  # One line, so that a first run's half a minute of silence is explained.
  echo "quarry: building target/quarry.jar (first run or sources changed)..." >&2
  quiet_maven -DskipTests package || exit 1
}

# Runs the JVM with Quarry's flags in place of this shell: run_jvm <java arguments...>. The JVM announces the
# incubator module the flags enable on purpose with one line on standard error before main starts; that line is
# dropped and everything else passes through byte by byte (a progress bar redraws with \r, so nothing may wait
# for whole lines). The filter ignores Ctrl+C and SIGTERM: the JVM handles them and still reports how it stopped.
run_jvm() {
  exec "$JAVA" "${QUARRY_JVM_FLAGS[@]}" "$@" 2> >(without_incubator_notice)
}

without_incubator_notice() {
  trap '' INT TERM
  local first
  if IFS= read -r first; then
    [[ $first == "WARNING: Using incubator modules: "* ]] || printf '%s\n' "$first"
  else
    printf '%s' "$first"
  fi
  exec cat
}

# Runs a main class from the test sources (benchmarks, sweeps) with the JVM flags: bench_java <heap> <class> [args...]
bench_java() {
  local heap=$1 class=$2
  shift 2
  quiet_maven test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test \
    || exit 1
  "$JAVA" "${QUARRY_JVM_FLAGS[@]}" "-Xmx$heap" \
    -cp "$QUARRY_HOME/target/classes:$QUARRY_HOME/target/test-classes:$(cat "$QUARRY_HOME/target/test-classpath.txt")" \
    "$class" "$@"
}
