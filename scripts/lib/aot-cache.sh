# The JVM's ahead-of-time cache for scripts/quarry (JEP 483, 514, 515): the classes that `serve` and the commands load
# and link, recorded by one training run per build (the hidden command train-startup-cache), so that each later start
# maps them ready instead of reading, verifying and linking them again. scripts/bench-startup measures what it saves.
# Source it after common.sh. QUARRY_AOT=off runs without it. A cache that cannot be made is not tried again until the
# jar changes (target/quarry-aot.log says why), and the command runs as it would without one.

QUARRY_AOT_CACHE="$QUARRY_HOME/target/quarry.aot"

# Prints the JVM options that use the cache, making it first when it is missing or older than the jar; prints nothing
# when it is off, being made by another command at this moment, or cannot be made. A cache the JVM cannot use after
# all (other JVM options than at training) is skipped by the JVM in silence: -Xlog keeps its notice off standard output.
aot_cache_options() {
  [ "${QUARRY_AOT:-on}" = off ] && return 0
  local jar="$QUARRY_HOME/target/quarry.jar" failed="$QUARRY_AOT_CACHE.failed"
  if [ ! "$QUARRY_AOT_CACHE" -nt "$jar" ]; then
    [ "$failed" -nt "$jar" ] && return 0
    make_aot_cache || return 0
  fi
  echo "-XX:AOTCache=$QUARRY_AOT_CACHE -Xlog:aot=off -Xlog:cds=off"
}

# Trains and writes the cache under a lock; returns non-zero when it was not made.
make_aot_cache() {
  local lock="$QUARRY_AOT_CACHE.lock" log="$QUARRY_HOME/target/quarry-aot.log" new="$QUARRY_AOT_CACHE.new"
  # A lock left by a run that was killed is taken over after ten minutes; a training run takes well under one.
  find "$lock" -maxdepth 0 -mmin +10 -exec rmdir {} \; 2>/dev/null || true
  mkdir "$lock" 2>/dev/null || return 1
  echo "quarry: making the start-up cache target/quarry.aot (once per build)..." >&2
  local status=0
  rm -f "$new"
  # The same JVM options as the commands that will use it: the JVM refuses a cache made with other module options.
  (cd "$QUARRY_HOME/target" && timeout 600 "$JAVA" "${QUARRY_JVM_FLAGS[@]}" ${QUARRY_JAVA_OPTS:-} -XX:AOTCacheOutput="$new" \
    -jar "$QUARRY_HOME/target/quarry.jar" train-startup-cache) >"$log" 2>&1 || status=$?
  if [ "$status" -eq 0 ] && [ -s "$new" ]; then
    mv -f "$new" "$QUARRY_AOT_CACHE"
  else
    rm -f "$new"
    touch "$QUARRY_AOT_CACHE.failed"
    echo "quarry: could not make the start-up cache (see target/quarry-aot.log); running without it" >&2
    status=1
  fi
  rmdir "$lock"
  return "$status"
}
