#!/usr/bin/env bash
# The whole benchmark in one command, on one machine: PostgreSQL and Redis (started here, or the ones given),
# the service in prod mode from its packaged jar, the baselines (pgbench, redis-benchmark, wrk) and the Gatling
# scenarios in the same run, then correctness checks. Prints one `FIGURE name=value` line per figure at the end.
# This script only orchestrates: what needs the domain (slot capacities, the slot-claim call, the exactness checks)
# is Java in src/test/java/vn/bordergate/bench, on the service's own types and API.
#
#   deploy/bench/run.sh              # full run, about 6-7 minutes on 2 cores
#   SHORT=1 deploy/bench/run.sh      # smoke run: every phase at small scale (CI runs it, see .ci/run)
#   INSTANCES=2 deploy/bench/run.sh  # scale-out: two instances behind HAProxy on the same PostgreSQL and Redis
#
# Exit status: 0 when the run completed and every exactness check held; 3 when an exactness check failed (a slot
# over capacity, a 201 without its row, ledger != rows, a truck booked twice, a stampede not exact, ...); 1 when the
# run itself failed or a phase broke (no answers written, nothing accepted, requests the service could not take).
# Performance figures (rates, latencies, the share of 429s) are printed, never judged here.
#
# Knobs (environment variables) are listed in deploy/bench/README.md. Everything it starts is stopped on exit;
# logs, Gatling reports and figures stay in $BENCH_DIR (default /tmp/bordergate-bench).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
SHORT=${SHORT:-0}
short() { if [ "$SHORT" = 1 ]; then echo "$1"; else echo "$2"; fi; }

BENCH_DIR=${BENCH_DIR:-/tmp/bordergate-bench}
PG_PORT=${PG_PORT:-55432}
REDIS_PORT=${REDIS_PORT:-56379}
APP_PORT=${APP_PORT:-58080}
MGMT_PORT=${MGMT_PORT:-59000}
PGURL=${PGURL:-}
REDIS_URL=${REDIS_URL:-}
BENCH_SOURCE=${BENCH_SOURCE:-worktree}
SKIP_BUILD=${SKIP_BUILD:-0}
# With SKIP_BUILD=1 only: a Maven project whose service is already packaged (target/quarkus-app), used in place
# instead of the copy in $BENCH_DIR/build; CI points it at the clone `./mvnw verify` has just built.
BUILD_DIR=${BUILD_DIR:-}
# The load generator's JVM (Gatling), as gatling-maven-plugin starts it by default.
GATLING_JAVA_OPTS=${GATLING_JAVA_OPTS:--Xmx1G -XX:MaxInlineLevel=20 -XX:MaxTrivialSize=12 --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/jdk.internal.misc=ALL-UNNAMED}
# The production sizing (see docs/PERFORMANCE.md): a small fixed heap and the serial collector keep RSS low
# on a 2-core box where PostgreSQL, Redis and the load generator share the CPUs.
APP_JAVA_OPTS=${APP_JAVA_OPTS:--Xms192m -Xmx192m -XX:+UseSerialGC -XX:MaxMetaspaceSize=160m -XX:ReservedCodeCacheSize=64m -Xss512k}
# PIN=1: the service runs on core 0 alone and PostgreSQL, Redis and the load generators on the other cores,
# so the CPU a booking costs is measured without the load generator's share mixed in.
PIN=${PIN:-0}
# INSTANCES>1: that many instances (HTTP on INSTANCE_PORT+i, /q on INSTANCE_MGMT_PORT+i) behind HAProxy on APP_PORT, so
# everything that targets the service goes through the balancer as it would in production. 1: no balancer.
INSTANCES=${INSTANCES:-1}
# Below the kernel's ephemeral range (32768-60999): a port in it can be taken by any outgoing connection (the
# first instance's own database connections) between the check and the next instance's start.
# BALANCER=1 puts HAProxy in front of a single instance too, so 1, 2 and 3 instances are measured through
# the same balancer; by default there is one only with more than one instance.
BALANCER=${BALANCER:-0}
BALANCED=0; if [ "$BALANCER" = 1 ] || [ "$INSTANCES" -gt 1 ]; then BALANCED=1; fi
INSTANCE_PORT=${INSTANCE_PORT:-28081}
INSTANCE_MGMT_PORT=${INSTANCE_MGMT_PORT:-29001}
# PROFILE=cpu|alloc|wall: one phase (PROFILE_PHASE: max or stampede) runs under async-profiler (from Maven
# Central); the flame graph is written to results/flame-<phase>-<event>.html.
PROFILE=${PROFILE:-}
PROFILE_PHASE=${PROFILE_PHASE:-max}
ASYNC_PROFILER_VERSION=${ASYNC_PROFILER_VERSION:-4.2}
CLIENTS=${CLIENTS:-16}
PGBENCH_SECONDS=${PGBENCH_SECONDS:-$(short 5 20)}
REDIS_BENCH_REQUESTS=${REDIS_BENCH_REQUESTS:-$(short 50000 200000)}
WRK_SECONDS=${WRK_SECONDS:-$(short 5 20)}
WRK_CONNECTIONS=${WRK_CONNECTIONS:-64}
WARMUP_SECONDS=${WARMUP_SECONDS:-$(short 3 10)}
# Bookings before the measured phases, so the JIT has compiled the booking path: a cold JVM spends ~40 % of
# its CPU in the C2 compiler during the first 20 s of bookings, which is not what a booking costs.
BOOKING_WARMUP_SECONDS=${BOOKING_WARMUP_SECONDS:-$(short 10 30)}
MAX_SECONDS=${MAX_SECONDS:-$(short 8 20)}
RATE=${RATE:-auto}
STEADY_SECONDS=${STEADY_SECONDS:-$(short 15 60)}
STAMPEDE_GATE=${STAMPEDE_GATE:-KIM_THANH}
STAMPEDE_DIRECTION=${STAMPEDE_DIRECTION:-EXPORT}
STAMPEDE_PLACES=${STAMPEDE_PLACES:-$(short 250 1000)}
STAMPEDE_FIRMS=${STAMPEDE_FIRMS:-$(short 50 200)}
STAMPEDE_PER_FIRM=${STAMPEDE_PER_FIRM:-100}
STAMPEDE_WITHIN=${STAMPEDE_WITHIN:-$(short 5 10)}
MIXED_RATE=${MIXED_RATE:-auto}
MIXED_SECONDS=${MIXED_SECONDS:-$(short 15 60)}
RAISE_CAPACITY=${RAISE_CAPACITY:-1}
SCENARIOS=${SCENARIOS:-max,steady,stampede,mixed}
JWT_ISSUER=${BORDERGATE_JWT_ISSUER:-https://bordergate.local/bench}
JWT_AUDIENCE=${BORDERGATE_JWT_AUDIENCE:-border-gate-api}
# The gates' time zone: only to name "today" and the days ahead the scenarios book on.
export TZ_GATES=Asia/Ho_Chi_Minh

LOGS=$BENCH_DIR/logs
FAILED=()   # exactness checks that failed: the run ends with exit 3
BROKEN=()   # phases that did not measure what they should (no answers, nothing accepted): the run ends with exit 1
RESULTS=$BENCH_DIR/results
SRC=${BUILD_DIR:-$BENCH_DIR/build}
FIGURES=$RESULTS/figures.txt
BEGAN=$(date +%s)

say() { echo "bench: $*" >&2; }
die() { say "ERROR: $*"; exit 1; }
# A step's heading, with the seconds since the start (where the time of a run goes).
step() { say "$* [$(( $(date +%s) - BEGAN )) s]"; }
figure() { echo "FIGURE $1=$2" >> "$FIGURES"; say "$1=$2"; }
[[ "$INSTANCES" =~ ^[1-9][0-9]*$ ]] || die "INSTANCES must be a whole number, 1 or more"
# The bench removes and rebuilds its own copy only: a directory given to it is used as it is, never rebuilt.
[ -z "$BUILD_DIR" ] || [ "$SKIP_BUILD" = 1 ] || die "BUILD_DIR is only read with SKIP_BUILD=1 (the bench builds in its own copy)"
if [ "$INSTANCES" -gt 1 ] && [ "$PIN" = 1 ]; then
    # One core cannot hold several instances without measuring their contention instead of their cost.
    say "PIN=1 ignored with INSTANCES=$INSTANCES: nothing is pinned"
    PIN=0
fi
# The ports of instance $1 (0-based): APP_PORT and MGMT_PORT themselves when there is one instance; with more,
# APP_PORT is the balancer's and the instances take the ports after APP_PORT and MGMT_PORT.
app_port() { if [ "$BALANCED" = 0 ]; then echo "$APP_PORT"; else echo $((INSTANCE_PORT + $1)); fi; }
mgmt_port() { if [ "$BALANCED" = 0 ]; then echo "$MGMT_PORT"; else echo $((INSTANCE_MGMT_PORT + $1)); fi; }
app_log() { if [ "$BALANCED" = 0 ]; then echo "$LOGS/app.log"; else echo "$LOGS/app-$1.log"; fi; }
# What needs one management endpoint (the health baseline, the metrics snapshot) asks instance 0.
MGMT0=$(mgmt_port 0)
# With PIN=1: "on_service_core cmd..." runs on core 0, "off_service_core cmd..." on the others.
CORES=$(nproc)
on_service_core() { if [ "$PIN" = 1 ]; then taskset -c 0 "$@"; else "$@"; fi; }
off_service_core() { if [ "$PIN" = 1 ] && [ "$CORES" -gt 1 ]; then taskset -c "1-$((CORES - 1))" "$@"; else "$@"; fi; }
# Arithmetic on decimals, rounded to $2 places (default 2); NA when an input is missing or the division is by 0.
calc() {
    case "$1" in *NA*|*nan*|*inf*) echo NA; return 0 ;; esac
    python3 -c "print(round($1, ${2:-2}))" 2>/dev/null || echo NA
}

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || die "run as root or install sudo"
    SUDO=sudo
fi

# ---------------------------------------------------------------------------------------------------------------
# Clean-up: stop only what this run started.
STARTED_PG=0; STARTED_REDIS=0; REDIS_PID=""; APP_PID=""; APP_PIDS=(); LB_PID=""; RSS_PID=""; PGDIR=""; PRINTED=0
print_figures() {
    if [ "$PRINTED" = 0 ] && [ -s "$FIGURES" ]; then
        PRINTED=1
        echo "==== figures ($(date -u +%FT%TZ), $(nproc) cores, logs in $BENCH_DIR) ===="
        cat "$FIGURES"
    fi
}
# Asks the processes to stop, gives them 10 s together (the service drains), then kills what is left.
any_alive() { local pid; for pid in "$@"; do kill -0 "$pid" 2>/dev/null && return 0; done; return 1; }
stop_pids() { # $@ PIDs, empty ones ignored
    local pid alive=()
    for pid in "$@"; do
        if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill "$pid"; alive+=("$pid"); fi
    done
    [ ${#alive[@]} -gt 0 ] || return 0
    for _ in $(seq 1 40); do any_alive "${alive[@]}" || break; sleep 0.25; done
    kill -9 "${alive[@]}" 2>/dev/null || true
}
cleanup() {
    local rc=$?
    set +e
    [ -n "$RSS_PID" ] && kill "$RSS_PID" 2>/dev/null
    # The balancer first, so no request reaches an instance that is stopping.
    stop_pids "$LB_PID"
    [ -n "$LB_PID" ] && rm -f "$LB_SOCK"
    stop_pids "${APP_PIDS[@]}"
    # By its pid: whatever answers on the port by now, only the server started here is stopped (it keeps nothing).
    [ "$STARTED_REDIS" = 1 ] && stop_pids "$REDIS_PID"
    if [ "$STARTED_PG" = 1 ]; then
        $SUDO runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PGDIR/data" -m fast -w stop >/dev/null 2>&1
        cp "$PGDIR/postgres.log" "$LOGS/postgres.log" 2>/dev/null   # kept for diagnosis (checkpoints, slow statements)
        $SUDO rm -rf "$PGDIR"
    fi
    print_figures
    [ $rc -ne 0 ] && say "failed (exit $rc); logs in $LOGS"
    exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mkdir -p "$LOGS" "$RESULTS"
rm -f "$LOGS"/* "$FIGURES"
rm -rf "${RESULTS:?}"/*

# ---------------------------------------------------------------------------------------------------------------
step "1/9 tools"
missing=()
ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || missing+=(postgresql)
ls /usr/lib/postgresql/*/bin/pgbench >/dev/null 2>&1 || missing+=(postgresql-contrib)
command -v psql >/dev/null || missing+=(postgresql-client)
command -v redis-server >/dev/null || missing+=(redis-server)
command -v redis-benchmark >/dev/null || missing+=(redis-tools)
command -v wrk >/dev/null || missing+=(wrk)
command -v jq >/dev/null || missing+=(jq)
command -v openssl >/dev/null || missing+=(openssl)
command -v curl >/dev/null || missing+=(curl)
command -v python3 >/dev/null || missing+=(python3)
# The balancer of the scale-out mode (in /usr/sbin, which a non-root PATH may not hold).
HAPROXY=$(command -v haproxy || echo /usr/sbin/haproxy)
[ "$BALANCED" = 1 ] && [ ! -x "$HAPROXY" ] && missing+=(haproxy)
if [ ${#missing[@]} -gt 0 ]; then
    say "installing ${missing[*]}"
    # Debian packages start their own servers on the default ports unless policy-rc.d says no; we start ours.
    added_policy=0
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
        $SUDO chmod +x /usr/sbin/policy-rc.d
        added_policy=1
    fi
    $SUDO apt-get update -qq
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >"$LOGS/apt.log" 2>&1 \
        || { [ $added_policy = 1 ] && $SUDO rm -f /usr/sbin/policy-rc.d; die "apt-get install failed, see $LOGS/apt.log"; }
    [ $added_policy = 1 ] && $SUDO rm -f /usr/sbin/policy-rc.d
fi
# Java 25 (the service is compiled for it): JAVA_HOME's, else Temurin 25 where it is installed, for the builds and every java below.
[ -n "${JAVA_HOME:-}" ] || [ ! -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ] || export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
[ -z "${JAVA_HOME:-}" ] || export PATH=$JAVA_HOME/bin:$PATH
command -v java >/dev/null || die "java (25+) is needed"
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)

# An open-model burst keeps one connection per request in flight (20,000 in the stampede): the load generator and
# the service both need more file descriptors than the usual 1024 or 20000.
ulimit -n 200000 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

# Ports: every one this run will listen on is checked before the build (so a taken one stops the run at once,
# not after minutes of building) and again just before its server starts (the build takes minutes, and the
# defaults lie in the kernel's ephemeral range, where any outgoing connection may take one meanwhile). A server
# that still fails to bind stops the run naming its port (port_clash).
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port_user() { # what listens on port $1, if ss can tell
    local who
    who=$(ss -Hltnp "sport = :$1" 2>/dev/null | grep -o 'users:(([^)]*))' | head -1 || true)
    echo "${who:-something}"
}
require_port() { # $1 port, $2 the knob that sets it
    port_free "$1" || die "port $1 ($2) is taken by $(port_user "$1"): stop that, or choose another port with $2"
}
port_clash() { # $1 log of a server that did not start, $2 port, $3 knob: dies naming the port if it could not bind
    if grep -qiE 'address already in use|seems to be in use|could not bind|cannot assign requested address' "$1" 2>/dev/null; then
        die "port $2 was taken when its server started ($(grep -iE -m1 'address already in use|seems to be in use|could not bind' "$1")); stop what uses it, or choose another port with $3"
    fi
}
require_service_ports() {
    if [ "$BALANCED" = 0 ]; then
        require_port "$APP_PORT" APP_PORT
        require_port "$MGMT_PORT" MGMT_PORT
    else
        require_port "$APP_PORT" "APP_PORT (HAProxy)"
        for i in $(seq 0 $((INSTANCES - 1))); do
            require_port "$(app_port "$i")" "INSTANCE_PORT+$i"
            require_port "$(mgmt_port "$i")" "INSTANCE_MGMT_PORT+$i"
        done
    fi
}
require_service_ports
[ -n "$PGURL" ] || require_port "$PG_PORT" "PG_PORT (or give PGURL)"
[ -n "$REDIS_URL" ] || require_port "$REDIS_PORT" "REDIS_PORT (or give REDIS_URL)"

# ---------------------------------------------------------------------------------------------------------------
LOAD_CLASS=$SRC/target/test-classes/vn/bordergate/load/StampedeSimulation.class
BENCH_CLASS=$SRC/target/test-classes/vn/bordergate/bench/BenchChecks.class
# The simulations (src/load, -Pload) compiled into the test classes of $SRC, and the classpath they run on (with
# -Pload: Gatling's Netty 4.2), written in the same Maven run.
build_simulations() {
    (cd "$SRC" && ./mvnw -B -ntp -Pload test-compile dependency:build-classpath -Dmdep.outputFile=target/load-classpath.txt \
        -Dmdep.includeScope=test) >"$LOGS/build-load.log" 2>&1 \
        || die "building the Gatling simulations failed, see $LOGS/build-load.log"
}
if [ "$SKIP_BUILD" = 1 ] && [ -f "$SRC/target/quarkus-app/quarkus-run.jar" ]; then
    step "2/9 build: SKIP_BUILD=1, the service packaged in $SRC/target/quarkus-app ($(date -r "$SRC/target/quarkus-app/quarkus-run.jar" '+%F %T'))"
    if [ ! -f "$LOAD_CLASS" ] || [ ! -f "$BENCH_CLASS" ] || [ ! -s "$SRC/target/load-classpath.txt" ]; then
        say "   compiling the simulations and the bench tools there (-Pload test-compile)"
        build_simulations
    fi
else
    [ -z "$BUILD_DIR" ] || die "SKIP_BUILD=1 BUILD_DIR=$BUILD_DIR: no packaged service in $BUILD_DIR/target/quarkus-app (run ./mvnw package there first)"
    [ "$SKIP_BUILD" = 1 ] && say "SKIP_BUILD=1, but $SRC holds no packaged service: building it"
    step "2/9 build (a copy of the work tree in $SRC, so the repository's own target/ is never touched)"
    rm -rf "$SRC"
    mkdir -p "$SRC"
    if [ "$BENCH_SOURCE" = head ]; then
        # Only what is committed: a half-edited work tree cannot break the run.
        git -C "$ROOT" archive HEAD | tar -x -C "$SRC"
    elif [ "$BENCH_SOURCE" = worktree ] && git -C "$ROOT" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
        # Tracked and untracked-but-not-ignored files: what `git status` shows, without target/.
        (cd "$ROOT" && git ls-files -co --exclude-standard -z | tar --null --ignore-failed-read -T - -cf - 2>/dev/null) \
            | tar -x -C "$SRC"
    else
        src_dir=$([ "$BENCH_SOURCE" = worktree ] && echo "$ROOT" || echo "$BENCH_SOURCE")
        [ -f "$src_dir/pom.xml" ] || die "BENCH_SOURCE=$BENCH_SOURCE: no pom.xml there"
        tar -C "$src_dir" --exclude=./target --exclude=./.git -cf - . | tar -x -C "$SRC"
    fi
    # The service as production gets it (no -Pload: that profile puts Gatling's Netty 4.2 on the classpath) ...
    (cd "$SRC" && ./mvnw -B -ntp package -DskipTests) >"$LOGS/build.log" 2>&1 \
        || die "build failed, see $LOGS/build.log"
    # ... then the simulations, compiled into the same copy's test classes.
    build_simulations
fi
[ -f "$LOAD_CLASS" ] && [ -f "$BENCH_CLASS" ] || die "$SRC/target/test-classes lacks the simulations or the bench tools, see $LOGS/build-load.log"
LOAD_CP=$SRC/target/load-classpath.txt
# The bench's own tools (src/test/java/vn/bordergate/bench) run on the service's classes and its test classpath,
# written here without -Pload: they use the platform's Vert.x and Netty, as the service does. Written again when
# the POM is newer than it.
BENCH_CP=$SRC/target/bench-classpath.txt
if [ ! -s "$BENCH_CP" ] || [ "$SRC/pom.xml" -nt "$BENCH_CP" ]; then
    (cd "$SRC" && ./mvnw -B -ntp -q dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt \
        -Dmdep.includeScope=test) >"$LOGS/build-classpath.log" 2>&1 || die "writing the classpath failed, see $LOGS/build-classpath.log"
fi
# Runs one of them; they reach PostgreSQL and Redis through PGURL and REDIS_URL.
bench_java() { # $1 class in vn.bordergate.bench, rest: its arguments
    local class=$1; shift
    PGURL=$PGURL REDIS_URL=$REDIS_URL ADMIN_TOKEN=${ADMIN_TOKEN:-} \
        java -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
        -cp "$SRC/target/classes:$SRC/target/test-classes:$(cat "$BENCH_CP")" "vn.bordergate.bench.$class" "$@"
}

# ---------------------------------------------------------------------------------------------------------------
step "3/9 PostgreSQL and Redis"
if [ -z "$PGURL" ]; then
    require_port "$PG_PORT" "PG_PORT (or give PGURL)"
    PGDIR=$(mktemp -d /tmp/bordergate-bench-pg.XXXXXX)
    chmod 755 "$PGDIR"
    $SUDO chown postgres:postgres "$PGDIR"
    $SUDO runuser -u postgres -- "$PG_BIN/initdb" -D "$PGDIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 \
        >"$LOGS/initdb.log" 2>&1 || die "initdb failed, see $LOGS/initdb.log"
    # Durability stays on: the figures are for a database that keeps every commit.
    $SUDO runuser -u postgres -- tee -a "$PGDIR/data/postgresql.conf" >/dev/null <<EOF
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PGDIR'
max_connections = 200
shared_buffers = 256MB
fsync = on
synchronous_commit = on
full_page_writes = on
${PG_EXTRA_CONF:-}
EOF
    $SUDO runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/postgres.log" -w -t 60 start \
        >"$LOGS/pg_ctl.log" 2>&1 || {
            cp "$PGDIR/postgres.log" "$LOGS/" 2>/dev/null
            port_clash "$LOGS/postgres.log" "$PG_PORT" "PG_PORT (or give PGURL)"
            die "PostgreSQL did not start, see $LOGS/postgres.log"
        }
    STARTED_PG=1
    psql -qX -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 \
        -c "CREATE ROLE bordergate LOGIN PASSWORD 'bordergate'" -c "CREATE DATABASE bordergate OWNER bordergate" >/dev/null
    PGURL="postgresql://bordergate:bordergate@127.0.0.1:$PG_PORT/bordergate"
fi
[[ "$PGURL" =~ ^postgres(ql)?://([^:@/]+)(:([^@/]*))?@([^:/?]+)(:([0-9]+))?/([^?]+) ]] \
    || die "PGURL must look like postgresql://user:password@host:port/database"
DB_USER=${BASH_REMATCH[2]}; DB_PASSWORD=${BASH_REMATCH[4]}; DB_HOST=${BASH_REMATCH[5]}
DB_PORT=${BASH_REMATCH[7]:-5432}; DB_NAME=${BASH_REMATCH[8]}
export PGPASSWORD=$DB_PASSWORD PGOPTIONS="-c client_min_messages=warning"
sql() { psql -qAtX -v ON_ERROR_STOP=1 "$PGURL" "$@"; }

if [ -z "$REDIS_URL" ]; then
    require_port "$REDIS_PORT" "REDIS_PORT (or give REDIS_URL)"
    # A cache that keeps nothing: the service rebuilds its ledgers from PostgreSQL.
    rm -f "$BENCH_DIR/redis.pid"
    off_service_core redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
        --dir "$BENCH_DIR" --logfile "$LOGS/redis.log" --pidfile "$BENCH_DIR/redis.pid" >/dev/null
    for _ in $(seq 1 40); do redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.25; done
    # The pid file is written once the server listens: without it (or its process), it did not start.
    REDIS_PID=$(cat "$BENCH_DIR/redis.pid" 2>/dev/null || true)
    if [ -z "$REDIS_PID" ] || ! kill -0 "$REDIS_PID" 2>/dev/null; then
        port_clash "$LOGS/redis.log" "$REDIS_PORT" "REDIS_PORT (or give REDIS_URL)"
        die "Redis did not start, see $LOGS/redis.log"
    fi
    # The server answering on the port must be the one started here: never load, flush or stop someone else's.
    answering=$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" info server 2>/dev/null | tr -d '\r' | awk -F: '$1 == "process_id" { print $2 }')
    if [ "$answering" != "$REDIS_PID" ]; then
        kill "$REDIS_PID" 2>/dev/null
        die "port $REDIS_PORT (REDIS_PORT) is answered by another Redis (pid ${answering:-unknown}) than the one started here (pid $REDIS_PID)"
    fi
    STARTED_REDIS=1
    REDIS_URL="redis://127.0.0.1:$REDIS_PORT"
fi
[[ "$REDIS_URL" =~ ^redis://(([^:@]*):([^@]*)@)?([^:/]+)(:([0-9]+))? ]] || die "REDIS_URL must look like redis://[user:password@]host:port"
R_PASSWORD=${BASH_REMATCH[3]}; R_HOST=${BASH_REMATCH[4]}; R_PORT=${BASH_REMATCH[6]:-6379}
rcli() { if [ -n "$R_PASSWORD" ]; then REDISCLI_AUTH=$R_PASSWORD redis-cli -h "$R_HOST" -p "$R_PORT" "$@"; else redis-cli -h "$R_HOST" -p "$R_PORT" "$@"; fi; }
rcli ping >/dev/null || die "Redis at $REDIS_URL does not answer"

# ---------------------------------------------------------------------------------------------------------------
if [ "$BALANCED" = 0 ]; then
    step "4/9 service (prod mode, packaged jar) on 127.0.0.1:$APP_PORT"
else
    step "4/9 service (prod mode, packaged jar): $INSTANCES instances on 127.0.0.1:$(app_port 0)-$(app_port $((INSTANCES - 1))) behind HAProxy on 127.0.0.1:$APP_PORT"
fi
# Everything shares the machine: other work running now (a parallel build, tests) lowers every figure.
figure machine_cores "$(nproc)"
figure machine_loadavg_1m_at_start "$(cut -d' ' -f1 /proc/loadavg)"
[ "$BALANCED" = 1 ] && figure instances "$INSTANCES"
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
# Over every instance: RSS and CPU figures are those of the whole service, so cores and CPU per booking stay
# comparable between one instance and several.
rss_kb_all() {
    local pid kb total=0
    for pid in "${APP_PIDS[@]}"; do kb=$(rss_kb "$pid"); total=$((total + ${kb:-0})); done
    echo "$total"
}
cpu_ticks_all() {
    local pid ticks total=0
    for pid in "${APP_PIDS[@]}"; do ticks=$(cpu_ticks "$pid"); total=$((total + ${ticks:-0})); done
    echo "$total"
}
# Production refuses the published demo key: the service trusts a key pair made for this run, which also
# signs the simulations' tokens.
KEYS=$BENCH_DIR/keys
mkdir -p "$KEYS"
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$KEYS/private-key.pem" 2>/dev/null \
    || die "openssl could not make the bench key pair"
openssl pkey -in "$KEYS/private-key.pem" -pubout -out "$KEYS/public-key.pem" 2>/dev/null
# Starts instance $1 in the background (its PID appended to APP_PIDS); every instance gets the same environment,
# only its ports and log differ.
start_instance() { # $1 index
    local i=$1
    (
        cd "$SRC"
        export QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://$DB_HOST:$DB_PORT/$DB_NAME"
        export QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$DB_HOST:$DB_PORT/$DB_NAME"
        export QUARKUS_DATASOURCE_USERNAME=$DB_USER QUARKUS_DATASOURCE_PASSWORD=$DB_PASSWORD
        export QUARKUS_REDIS_HOSTS=$REDIS_URL
        export BORDERGATE_JWT_PUBLIC_KEY_LOCATION=${BORDERGATE_JWT_PUBLIC_KEY_LOCATION:-$KEYS/public-key.pem}
        export BORDERGATE_JWT_ISSUER=$JWT_ISSUER BORDERGATE_JWT_AUDIENCE=$JWT_AUDIENCE
        export QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=$(app_port "$i")
        export QUARKUS_MANAGEMENT_HOST=127.0.0.1 QUARKUS_MANAGEMENT_PORT=$(mgmt_port "$i")
        # The load generator is one address (wrk and the anonymous slot reads): its budget is lifted here, or
        # the figures would measure the per-client rate limit instead of the service.
        export BORDERGATE_RATE_LIMIT_ANONYMOUS_BURST=${BORDERGATE_RATE_LIMIT_ANONYMOUS_BURST:-10000000}
        export BORDERGATE_RATE_LIMIT_ANONYMOUS_PER_SECOND=${BORDERGATE_RATE_LIMIT_ANONYMOUS_PER_SECOND:-10000000}
        # Secrets prod requires; a throw-away value per run unless given (one value for all instances: a QR
        # code one instance signs, another verifies).
        export BORDERGATE_YARD_QR_SECRET=$YARD_QR_SECRET
        # shellcheck disable=SC2086
        pin=(); [ "$PIN" = 1 ] && pin=(taskset -c 0)
        exec "${pin[@]}" java $APP_JAVA_OPTS -jar target/quarkus-app/quarkus-run.jar
    ) >"$(app_log "$i")" 2>&1 &
    APP_PIDS+=("$!")
}
await_ready() { # $1 index
    local pid=${APP_PIDS[$1]} log; log=$(app_log "$1")
    for _ in $(seq 1 240); do
        if ! kill -0 "$pid" 2>/dev/null; then
            port_clash "$log" "$(app_port "$1") or $(mgmt_port "$1")" "$([ "$BALANCED" = 0 ] && echo APP_PORT, MGMT_PORT || echo INSTANCE_PORT, INSTANCE_MGMT_PORT)"
            die "the service exited, see $log"
        fi
        if curl -fsS -o /dev/null "http://127.0.0.1:$(mgmt_port "$1")/q/health/ready" 2>/dev/null; then return 0; fi
        sleep 0.25
    done
    die "the service was not ready within 60 s, see $log"
}
# Scale-out: Debian's HAProxy on APP_PORT, round robin over the instances, each out of the rotation while its
# readiness check fails, as an operator would put it in front of them.
LB_CFG=$BENCH_DIR/haproxy.cfg
LB_MAXCONN=$(( $(ulimit -n) / 2 - 100 )); [ "$LB_MAXCONN" -gt 50000 ] && LB_MAXCONN=50000
LB_SOCK=$BENCH_DIR/haproxy.sock
write_balancer_config() {
    cat <<EOF
global
    # About two descriptors per connection (client and server side), within the descriptor limit this script
    # raised (ulimit -n above). A stampede holds thousands of connections at once; with a cap of 4,000 the rest
    # waited in the kernel's accept queue and 7,179 of 20,000 requests timed out at the balancer while a single
    # instance without it answered every one.
    maxconn $LB_MAXCONN
    # Its own counters (requests per instance, checks), read by lb_servers.
    stats socket $LB_SOCK mode 600
defaults
    mode http
    maxconn $LB_MAXCONN
    timeout connect 2s
    timeout client 90s
    timeout server 90s
    # A followed stream (SSE) stays open for as long as its client wants it, not 90 s.
    timeout tunnel 1h
    # The readiness check as the Kubernetes manifest's probe does it (every 5 s, 2 s to answer, out after 3
    # failures): with HAProxy's default (the interval as timeout) a stampede slowed /q/health/ready past 1 s on
    # 2 cores, every instance left the rotation together and HAProxy answered 503 itself.
    timeout check 2s
frontend api
    bind 127.0.0.1:$APP_PORT
    default_backend instances
backend instances
    balance roundrobin
    option httpchk GET /q/health/ready
    http-check expect status 200
EOF
    for i in $(seq 0 $((INSTANCES - 1))); do
        echo "    server instance-$i 127.0.0.1:$(app_port "$i") check port $(mgmt_port "$i") inter 5s fall 3 rise 1"
    done
}
# One line per instance from HAProxy's stats socket: name, status, last check, requests sent to it, times it
# went down.
lb_servers() {
    python3 - "$LB_SOCK" <<'EOF'
import socket, sys
s = socket.socket(socket.AF_UNIX)
s.connect(sys.argv[1])
s.sendall(b"show stat\n")
data = b""
while True:
    chunk = s.recv(65536)
    if not chunk:
        break
    data += chunk
lines = data.decode().splitlines()
header = lines[0].lstrip("# ").split(",")
for line in lines[1:]:
    row = dict(zip(header, line.split(",")))
    if row.get("pxname") == "instances" and row.get("svname", "").startswith("instance-"):
        print(row["svname"], row["status"], row["check_status"] or "-", row["req_tot"] or 0, row["chkdown"] or 0)
EOF
}
# In the foreground (-db) as this script's child, so cleanup stops it; its warnings (an instance going down or
# coming back) are its log.
start_balancer() {
    write_balancer_config >"$LB_CFG"
    "$HAPROXY" -db -f "$LB_CFG" >"$LOGS/haproxy.log" 2>&1 &
    LB_PID=$!
    # Servers count as up until checked: wait until every instance has passed a readiness check through it.
    for _ in $(seq 1 80); do
        if ! kill -0 "$LB_PID" 2>/dev/null; then
            port_clash "$LOGS/haproxy.log" "$APP_PORT" APP_PORT
            die "HAProxy exited, see $LOGS/haproxy.log and $LB_CFG"
        fi
        [ "$(lb_servers 2>/dev/null | awk '$3 == "L7OK"' | wc -l)" = "$INSTANCES" ] && return 0
        sleep 0.25
    done
    die "HAProxy did not see every instance ready within 20 s: $(lb_servers 2>&1 | paste -sd';' -); see $LOGS/haproxy.log"
}
YARD_QR_SECRET=${BORDERGATE_YARD_QR_SECRET:-bench-$(head -c 24 /dev/urandom | base64 | tr -d '/+=')}
# Checked again: minutes may have passed since step 1.
require_service_ports
start_ns=$(date +%s%N)
start_instance 0
APP_PID=${APP_PIDS[0]}
await_ready 0
ready_ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))
# The other instances one after another, once instance 0 is ready: its start-up figures are then those of a
# JVM starting alone (two JVMs starting together on 2 cores slow each other), and its migrations are done.
for i in $(seq 1 $((INSTANCES - 1))); do
    start_instance "$i"
    await_ready "$i"
done
[ "$BALANCED" = 1 ] && start_balancer
# ONLINE_DAYS=N: N more days of (empty) day partitions behind today, as a service that has run for N days holds
# online (bordergate.retention.declarations-online), so the queries that name no day are measured against them.
if [ "${ONLINE_DAYS:-0}" -gt 0 ]; then
    sql -c "DO \$\$ DECLARE d date; t text; BEGIN
      FOR d IN SELECT generate_series(current_date - ${ONLINE_DAYS} - 1, current_date - 2, '1 day')::date LOOP
        FOREACH t IN ARRAY ARRAY['declarations', 'declaration_events', 'inspections'] LOOP
          EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)',
                         t || '_p' || to_char(d, 'YYYYMMDD'), t, d, d + 1);
        END LOOP; END LOOP; END \$\$;"
fi
figure online_day_partitions "$(sql -c "SELECT count(*) FROM pg_inherits WHERE inhparent = 'declarations'::regclass")"
startup=$(grep -o 'started in [0-9.]*s' "$(app_log 0)" | head -1 | grep -o '[0-9.]*' || echo NA)
figure startup_s "$startup"
figure startup_to_ready_s "$(calc "$ready_ms / 1000")"
rss_kb=$(rss_kb_all)
figure rss_after_start_mb "$(( rss_kb / 1024 ))"
[ "$BALANCED" = 1 ] && figure rss_after_start_mb_per_instance "$(( rss_kb / 1024 / INSTANCES ))"

# Sampled every 0.5 s until the end of the run: time (ms), the service's RSS (kB) and CPU time (ticks), summed over
# its instances, and the machine's total and idle CPU ticks, so each phase gets its RSS peak and CPU use (see
# window_figures).
sample() {
    echo "$(date +%s%3N) $(rss_kb_all) $(cpu_ticks_all)" \
         "$(awk '/^cpu / { t = 0; for (i = 2; i <= NF; i++) t += $i; print t, $5 + $6 }' /proc/stat)"
}
( while kill -0 "$APP_PID" 2>/dev/null; do sample; sleep 0.5; done ) >"$LOGS/samples.log" 2>/dev/null &
RSS_PID=$!
now_ms() { date +%s%3N; }
# Figures of a time window: RSS peak, CPU cores the service used, and how busy the whole machine was.
window_figures() { # $1 prefix, $2 start ms, $3 end ms
    local out
    out=$(awk -v a="$2" -v b="$3" -v hz="$(getconf CLK_TCK)" '
        $1 >= a && $1 <= b { if (!s) { s = 1; t0 = $1; a0 = $3; m0 = $4; i0 = $5 } t1 = $1; a1 = $3; m1 = $4; i1 = $5; if ($2 > r) r = $2 }
        END { if (!s || t1 <= t0 || m1 <= m0) { print "NA NA NA"; exit }
              printf "%d %.2f %.0f\n", r / 1024, (a1 - a0) / hz / ((t1 - t0) / 1000), 100 * (1 - (i1 - i0) / (m1 - m0)) }' \
        "$LOGS/samples.log")
    read -r rss cores busy <<<"$out"
    figure "${1}_rss_max_mb" "$rss"
    figure "${1}_app_cpu_cores" "$cores"
    figure "${1}_machine_cpu_busy_pct" "$busy"
}

# ---------------------------------------------------------------------------------------------------------------
step "5/9 capacities (PUT /api/v1/gates/{code}/capacity as an admin; the service reloads its ledgers)"
vn_day() { TZ=$TZ_GATES date -d "+$1 day" +%F; }
TODAY=$(vn_day 0); D1=$(vn_day 1); D2=$(vn_day 2); D3=$(vn_day 3)
STAMPEDE_DAY=${STAMPEDE_DAY:-$D3}
LOAD_DAYS=${LOAD_DAYS:-$D1,$D2}
GATES=$(curl -fsS "http://127.0.0.1:$APP_PORT/api/v1/gates" | jq -r 'map(.code) | join(",")') || GATES=""
[ -n "$GATES" ] || die "GET /api/v1/gates named no gate"
raise=()
if [ "$RAISE_CAPACITY" = 1 ]; then
    # Steady, max and mixed spread over today and the LOAD_DAYS: capacity is not what limits them.
    raise=(--raise="$(for day in $TODAY ${LOAD_DAYS//,/ }; do [ "$day" != "$STAMPEDE_DAY" ] && echo "$day"; done | paste -sd, -)")
fi
# The stampede gate-day: STAMPEDE_PLACES places over its slots in STAMPEDE_DIRECTION, none in the other direction.
bench_java BenchSetup capacity --base-url="http://127.0.0.1:$APP_PORT" --private-key="$KEYS/private-key.pem" \
    --issuer="$JWT_ISSUER" --audience="$JWT_AUDIENCE" "${raise[@]}" \
    --stampede="$STAMPEDE_GATE:$STAMPEDE_DIRECTION:$STAMPEDE_DAY:$STAMPEDE_PLACES" >"$LOGS/capacity.log" 2>&1 \
    || die "setting capacities through the API failed, see $LOGS/capacity.log"
grep '^capacity:' "$LOGS/capacity.log" | while read -r line; do say "   $line"; done

# ---------------------------------------------------------------------------------------------------------------
step "6/9 baselines: pgbench, redis-benchmark, wrk"
sql -c "DROP TABLE IF EXISTS bench_declarations" -c "DROP SEQUENCE IF EXISTS bench_declarations_seq" \
    -c "CREATE TABLE bench_declarations (LIKE declarations INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)" \
    -c "CREATE SEQUENCE bench_declarations_seq"
cat >"$BENCH_DIR/pgbench-insert.sql" <<'EOF'
\set n random(1, 1000000)
INSERT INTO bench_declarations (id, partition_day, reference, gate_code, direction, slot_start, slot_end, slot_day,
    status, priority, queue_number, version, tax_code, plate_key, driver_phone, vehicle, driver, cargo, created_by)
VALUES (gen_random_uuid(), DATE '1970-01-01', 'HN-20300101-' || nextval('bench_declarations_seq'), 'HUU_NGHI', 'EXPORT',
    '2030-01-01 08:00+07', '2030-01-01 09:00+07', '2030-01-01', 'BOOKED', 'PERISHABLE', :n, 1, '0100109106-001',
    '29C' || currval('bench_declarations_seq'), '+84912345678',
    '{"plate": "29C-123.45", "trailerPlate": "12R-012.34", "country": "VN"}',
    '{"fullName": "Nguyễn Văn Ánh", "idNumber": "001099012345", "phone": "+84912345678"}',
    '{"category": "FRESH_FRUIT", "description": "Thanh long ruột đỏ", "hsCode": "081090", "grossWeightKg": 18500, "containerNumbers": ["MSKU9070323"], "customsDeclarationNumbers": ["305123456789"]}',
    'load-firm-0100109106-001');
EOF
pgbench -n -M prepared -c "$CLIENTS" -j 2 -T "$PGBENCH_SECONDS" -f "$BENCH_DIR/pgbench-insert.sql" "$PGURL" \
    >"$LOGS/pgbench.log" 2>&1 || die "pgbench failed, see $LOGS/pgbench.log"
PGBENCH_TPS=$(grep -oP 'tps = \K[0-9.]+(?= \(without initial connection time\))' "$LOGS/pgbench.log" \
    || grep -oP 'tps = \K[0-9.]+' "$LOGS/pgbench.log" | tail -1)
figure pgbench_insert_tps "$PGBENCH_TPS"
figure pgbench_clients "$CLIENTS"
figure pgbench_latency_avg_ms "$(grep -oP 'latency average = \K[0-9.]+' "$LOGS/pgbench.log" || echo NA)"
sql -c "DROP TABLE bench_declarations" -c "DROP SEQUENCE bench_declarations_seq"

# The slot-claim script as the service calls it for a new booking: BenchSetup records the call from a real claim by
# the service's SlotLedger on a ledger no gate uses, so keys and argument order are the service's. Capacity is half
# the requests: the first half of the claims take a place (OK), the rest find the slot full (FULL).
bench_java BenchSetup claim-prepare --requests="$REDIS_BENCH_REQUESTS" >"$BENCH_DIR/claim-args.txt" 2>"$LOGS/claim-baseline.log" \
    || die "preparing the claim baseline failed, see $LOGS/claim-baseline.log"
mapfile -t CLAIM_ARGS <"$BENCH_DIR/claim-args.txt"
REDIS_AUTH_ARGS=()
[ -n "$R_PASSWORD" ] && REDIS_AUTH_ARGS=(-a "$R_PASSWORD")
redis-benchmark -h "$R_HOST" -p "$R_PORT" "${REDIS_AUTH_ARGS[@]}" -c 50 -n "$REDIS_BENCH_REQUESTS" -r 100000000 --csv \
    EVALSHA "${CLAIM_ARGS[@]}" >"$LOGS/redis-benchmark.log" 2>&1 || die "redis-benchmark failed, see $LOGS/redis-benchmark.log"
REDIS_RPS=$(grep EVALSHA "$LOGS/redis-benchmark.log" | tail -1 | awk -F'","' '{print $2}' | tr -d '"')
figure redis_claim_evalsha_rps "$REDIS_RPS"
# Places taken / calls; fails (later, exit 3) when the calls took no place: a baseline of error replies.
ok_then_full=$(bench_java BenchSetup claim-finish --requests="$REDIS_BENCH_REQUESTS" 2>>"$LOGS/claim-baseline.log") \
    || FAILED+=(redis_claim_ok_then_full)
figure redis_claim_ok_then_full "${ok_then_full:-NA}"

# wrk: /q/health/live is the ceiling of the HTTP stack; slot reads are the same closed loop on the real endpoint.
cat >"$BENCH_DIR/slots.lua" <<EOF
local gates = {"${GATES//,/\", \"}"}
local directions = {"EXPORT", "IMPORT"}
local days = {"$D1", "$D2"}
local i = 0
request = function()
  i = i + 1
  local path = "/api/v1/gates/" .. gates[(i % #gates) + 1] .. "/slots?direction=" .. directions[(math.floor(i / 6) % 2) + 1]
      .. "&date=" .. days[(math.floor(i / 12) % #days) + 1]
  return wrk.format("GET", path)
end
EOF
wrk_rps() { grep -oP 'Requests/sec:\s*\K[0-9.]+' "$1" || echo NA; }
wrk_p99() { # wrk prints e.g. "99%    3.21ms" / "850.00us" / "1.02s"
    awk '$1 == "99%" { v = $2; if (v ~ /us$/) { sub(/us/, "", v); print v / 1000 } else if (v ~ /ms$/) { sub(/ms/, "", v); print v + 0 } else if (v ~ /s$/) { sub(/s/, "", v); print v * 1000 } }' "$1" | head -1
}
# Instance 0's: /q is on the management port, which the balancer does not front.
HEALTH="http://127.0.0.1:$MGMT0/q/health/live"
SLOTS="http://127.0.0.1:$APP_PORT"
wrk -t2 -c"$WRK_CONNECTIONS" -d"${WARMUP_SECONDS}s" "$HEALTH" >/dev/null 2>&1
t0=$(now_ms)
wrk -t2 -c"$WRK_CONNECTIONS" -d"${WRK_SECONDS}s" --latency "$HEALTH" >"$LOGS/wrk-health.log" 2>&1
window_figures wrk_health "$t0" "$(now_ms)"
wrk -t2 -c"$WRK_CONNECTIONS" -d"${WARMUP_SECONDS}s" -s "$BENCH_DIR/slots.lua" "$SLOTS" >/dev/null 2>&1
t0=$(now_ms)
wrk -t2 -c"$WRK_CONNECTIONS" -d"${WRK_SECONDS}s" --latency -s "$BENCH_DIR/slots.lua" "$SLOTS" >"$LOGS/wrk-slots.log" 2>&1
window_figures wrk_slots "$t0" "$(now_ms)"
WRK_HEALTH=$(wrk_rps "$LOGS/wrk-health.log"); WRK_SLOTS=$(wrk_rps "$LOGS/wrk-slots.log")
figure wrk_health_rps "$WRK_HEALTH"
figure wrk_health_p99_ms "$(wrk_p99 "$LOGS/wrk-health.log")"
figure wrk_slots_rps "$WRK_SLOTS"
figure wrk_slots_p99_ms "$(wrk_p99 "$LOGS/wrk-slots.log")"
figure wrk_slots_non2xx "$(grep -oP 'Non-2xx or 3xx responses:\s*\K[0-9]+' "$LOGS/wrk-slots.log" || echo 0)"
figure ratio_slots_vs_health "$(calc "$WRK_SLOTS / $WRK_HEALTH" 3)"

# ---------------------------------------------------------------------------------------------------------------
step "7/9 Gatling scenarios: $SCENARIOS"
mkdir -p "$RESULTS/gatling"
# Connections the kernel dropped because an accept queue was full (a service not accepting fast enough).
listen_overflows() { awk 'NR % 2 == 1 { for (i = 1; i <= NF; i++) h[i] = $i } NR % 2 == 0 && $1 == "TcpExt:" { for (i = 2; i <= NF; i++) if (h[i] == "ListenOverflows") print $i }' /proc/net/netstat; }
# Runs one simulation; leaves the path of its report in $REPORT (empty if none).
run_sim() { # $1 class, $2 short name, rest: -D properties
    local class=$1 name=$2; shift 2
    local lower; lower=$(echo "$class" | tr 'A-Z' 'a-z')
    say "   $name: $class $*"
    local rc=0 overflows
    overflows=$(listen_overflows)
    # Gatling's own entry point on the -Pload test classpath, as gatling-maven-plugin starts it (same JVM options),
    # without a Maven run per scenario: that cost 15-40 s each on 2 cores.
    # shellcheck disable=SC2086
    (cd "$SRC" && off_service_core java $GATLING_JAVA_OPTS \
        -cp "$SRC/target/test-classes:$SRC/target/classes:$(cat "$LOAD_CP")" \
        -DbaseUrl="http://127.0.0.1:$APP_PORT" -DoutDir="$RESULTS" \
        -DprivateKey="$KEYS/private-key.pem" -Dissuer="$JWT_ISSUER" \
        -Daudience="$JWT_AUDIENCE" ${TOKENS:+-Dtokens="$TOKENS"} \
        -Dgates="$GATES" -Ddays="$LOAD_DAYS" "$@" \
        io.gatling.app.Gatling --simulation "vn.bordergate.load.$class" --results-folder "$RESULTS/gatling" \
        --run-description "$name") >"$LOGS/gatling-$name.log" 2>&1 || rc=$?
    REPORT=$(ls -dt "$RESULTS/gatling/$lower"-* 2>/dev/null | head -1 || true)
    [ $rc -eq 0 ] || say "   $name: Gatling exited $rc (its assertions failed, or an error), see $LOGS/gatling-$name.log"
    figure "${name}_gatling_ok" "$([ $rc -eq 0 ] && echo 1 || echo 0)"
    figure "${name}_tcp_listen_overflows" "$(( $(listen_overflows) - overflows ))"
    if [ -f "$RESULTS/$name.outcomes" ]; then
        window_figures "$name" "$(meta "$name" first_sent_epoch_ms)" "$(meta "$name" last_answer_epoch_ms)"
        # The service's CPU per answered request in this phase (cores x 1000 / answers per second).
        local answered rps
        answered=$(awk '$1 == "outcome" { n += $5 } END { print n + 0 }' "$RESULTS/$name.outcomes")
        rps=$(per_second "$name" "$answered")
        if [ "$rps" != NA ] && [ "$cores" != NA ]; then
            figure "${name}_cpu_ms_per_request" "$(calc "$cores * 1000 / $rps" 2)"
        fi
    else
        say "   $name: no outcomes written, see $LOGS/gatling-$name.log"
        BROKEN+=("$name: the simulation wrote no outcomes")
    fi
}
# A latency figure of one request (or "all") from the simulation's outcomes: count, p50, p95, p99, p999, max, mean (ms).
lat() { # $1 sim, $2 request, $3 field
    local v
    v=$(awk -v r="$2" -v f="$3" '$1 == "latency" && $2 == r { for (i = 3; i <= NF; i++) { split($i, kv, "="); if (kv[1] == f) print kv[2] } }' \
        "$RESULTS/$1.outcomes" 2>/dev/null | head -1)
    echo "${v:-NA}"
}
meta() { awk -v k="$2" '$1 == "meta" && $2 == k { print $3 }' "$RESULTS/$1.outcomes" 2>/dev/null | head -1; }
count() { # $1 sim, $2 request, $3 status, [$4 type]: answers
    awk -v r="$2" -v s="$3" -v t="${4:-}" '$1 == "outcome" && $2 == r && $3 == s && (t == "" || $4 == t) { n += $5 } END { print n + 0 }' \
        "$RESULTS/$1.outcomes" 2>/dev/null || echo 0
}
status_figures() { # $1 sim: one figure per request, status and problem type
    [ -f "$RESULTS/$1.outcomes" ] || return 0
    awk -v sim="$1" '$1 == "outcome" { key = sim "_status_" $2 "_" $3 (($4 == "-") ? "" : "_" $4); gsub(/-/, "_", key); n[key] += $5 }
        END { for (k in n) print k, n[k] }' "$RESULTS/$1.outcomes" | sort | while read -r k v; do figure "$k" "$v"; done
}
latency_figures() { # $1 sim, $2 prefix, $3 request
    figure "${2}_p50_ms" "$(lat "$1" "$3" p50)"
    figure "${2}_p99_ms" "$(lat "$1" "$3" p99)"
    figure "${2}_p999_ms" "$(lat "$1" "$3" p999)"
    figure "${2}_max_ms" "$(lat "$1" "$3" max)"
}
# A booking phase that accepted nothing measured nothing (the bench, not the service, is broken: a token the
# service refuses, a day not open, no capacity): the run goes on, then ends with exit 1.
require_accepted() { # $1 sim
    [ -f "$RESULTS/$1.outcomes" ] || return 0   # already counted as broken by run_sim
    if [ "$(count "$1" book 201)" -eq 0 ]; then
        say "   $1: no booking was accepted; answers: $(awk '$1 == "outcome" && $2 == "book" { printf "%s %s×%s; ", $4, $3, $5 }' "$RESULTS/$1.outcomes")"
        BROKEN+=("$1: no booking accepted")
    fi
}
per_second() { # $1 sim, $2 count: per second of the simulation's answering time
    local within; within=$(meta "$1" answered_within_ms)
    [ -n "$within" ] && [ "$within" -gt 0 ] && calc "$2 * 1000 / $within" 1 || echo NA
}

# async-profiler attached to the running service for one phase only (jcmd JVMTI.agent_load), so start-up and
# the other phases stay out of the flame graph.
PROFILER_LIB=""
if [ -n "$PROFILE" ]; then
    (cd "$SRC" && ./mvnw -q -B -ntp dependency:copy -Dartifact="tools.profiler:async-profiler:$ASYNC_PROFILER_VERSION:jar:linux-x64" \
        -DoutputDirectory="$BENCH_DIR/tools") >"$LOGS/profiler-fetch.log" 2>&1 || die "async-profiler not fetched, see $LOGS/profiler-fetch.log"
    unzip -o -q "$BENCH_DIR/tools/async-profiler-$ASYNC_PROFILER_VERSION-linux-x64.jar" 'linux-x64/libasyncProfiler.so' -d "$BENCH_DIR/tools"
    PROFILER_LIB=$BENCH_DIR/tools/linux-x64/libasyncProfiler.so
fi
# jcmd reads key=value itself: the options are quoted again so they reach the agent whole. With INSTANCES>1 the
# flame graph is instance 0's (it serves its share of the round robin).
profile_start() { # $1 phase
    [ -n "$PROFILER_LIB" ] && [ "$1" = "$PROFILE_PHASE" ] || return 0
    jcmd "$APP_PID" JVMTI.agent_load "$PROFILER_LIB" "\"start,event=$PROFILE\"" >"$LOGS/profiler.log" 2>&1 || true
}
profile_stop() { # $1 phase
    [ -n "$PROFILER_LIB" ] && [ "$1" = "$PROFILE_PHASE" ] || return 0
    jcmd "$APP_PID" JVMTI.agent_load "$PROFILER_LIB" "\"stop,file=$RESULTS/flame-$1-$PROFILE.html\"" >>"$LOGS/profiler.log" 2>&1
    say "   $1: flame graph in $RESULTS/flame-$1-$PROFILE.html"
}

if [ "$BOOKING_WARMUP_SECONDS" -gt 0 ]; then
    # Its own plate series: a truck booked here would make the measured phase's booking of it a 409.
    run_sim BookingMaxSimulation warmup -Dclients="$CLIENTS" -Dduration="$BOOKING_WARMUP_SECONDS" -Dseries=BW -Dname=warmup
    require_accepted warmup
fi

BOOKING_MAX=NA
if [[ ",$SCENARIOS," == *,max,* ]]; then
    profile_start max
    run_sim BookingMaxSimulation max -Dclients="$CLIENTS" -Dduration="$MAX_SECONDS"
    profile_stop max
    require_accepted max
    accepted=$(count max book 201)
    BOOKING_MAX=$(per_second max "$accepted")
    figure booking_max_rps "$BOOKING_MAX"
    [ "$BOOKING_MAX" != NA ] && [ "$cores" != NA ] && figure booking_cpu_ms_per_request "$(calc "$cores * 1000 / $BOOKING_MAX" 2)"
    figure booking_max_clients "$CLIENTS"
    latency_figures max booking_max book
    figure ratio_booking_vs_pgbench "$(calc "$BOOKING_MAX / $PGBENCH_TPS" 3)"
    figure ratio_booking_vs_redis_claim "$(calc "$BOOKING_MAX / $REDIS_RPS" 3)"
    status_figures max
fi

if [ "$RATE" = auto ]; then
    RATE=$( [ "$BOOKING_MAX" != NA ] && calc "max(1, $BOOKING_MAX / 2)" 1 || echo 50)
fi
if [[ ",$SCENARIOS," == *,steady,* ]]; then
    run_sim SteadyBookingSimulation steady -Drate="$RATE" -Dduration="$STEADY_SECONDS"
    require_accepted steady
    figure booking_steady_offered_rps "$RATE"
    figure booking_steady_rps "$(calc "$(count steady book 201) / $STEADY_SECONDS" 1)"
    latency_figures steady booking_steady book
    status_figures steady
fi

STAMPEDE_REQUESTS=$((STAMPEDE_FIRMS * STAMPEDE_PER_FIRM))
if [[ ",$SCENARIOS," == *,stampede,* ]]; then
    profile_start stampede
    run_sim StampedeSimulation stampede -Dgate="$STAMPEDE_GATE" -Ddirection="$STAMPEDE_DIRECTION" -Dday="$STAMPEDE_DAY" \
        -Dfirms="$STAMPEDE_FIRMS" -DperFirm="$STAMPEDE_PER_FIRM" -Dwithin="$STAMPEDE_WITHIN"
    profile_stop stampede
    accepted=$(count stampede book 201)
    figure stampede_requests "$STAMPEDE_REQUESTS"
    figure stampede_places "$(meta stampede expected_accepted)"
    figure stampede_accepted "$accepted"
    # 1: as many 201s as there were free places. BenchChecks judges the stampede on the rows (its "stampede" check):
    # every place sold, none twice, and a place without its 201 only for a request that got no answer at all.
    figure stampede_exact "$([ "$accepted" = "$(meta stampede expected_accepted)" ] && echo 1 || echo 0)"
    # Every answer by class: taken (201), refused for good (409: slot full, quota), told to come back (429), failed
    # (5xx), none (timeout or connection error), and anything else (a request the service could not take: the
    # bench's fault, so the run ends with exit 1). The 429 share and the latencies are for people to judge.
    n409=$(count stampede book 409); n429=$(count stampede book 429)
    n5xx=$(awk '$1 == "outcome" && $2 == "book" && $3 >= 500 { n += $5 } END { print n + 0 }' "$RESULTS/stampede.outcomes" 2>/dev/null || echo 0)
    n0=$(count stampede book 0)
    nother=$(awk '$1 == "outcome" && $2 == "book" && $3 != 0 && $3 != 201 && $3 != 409 && $3 != 429 && $3 < 500 { n += $5 } END { print n + 0 }' \
        "$RESULTS/stampede.outcomes" 2>/dev/null || echo 0)
    figure stampede_201 "$accepted"
    figure stampede_409 "$n409"
    figure stampede_429 "$n429"
    figure stampede_5xx "$n5xx"
    figure stampede_no_answer "$n0"
    figure stampede_other_status "$nother"
    figure stampede_429_share_pct "$(calc "100 * $n429 / $STAMPEDE_REQUESTS" 1)"
    if [ "$nother" -gt 0 ]; then
        say "   stampede: $nother answers were neither 201, 409, 429 nor 5xx, see stampede_status_* and $LOGS/gatling-stampede.log"
        BROKEN+=("stampede: $nother answers neither 201, 409, 429 nor 5xx")
    fi
    figure stampede_answered_within_s "$(calc "$(meta stampede answered_within_ms) / 1000" 2)"
    latency_figures stampede stampede book
    status_figures stampede
fi

if [ "$MIXED_RATE" = auto ]; then MIXED_RATE=$RATE; fi
if [[ ",$SCENARIOS," == *,mixed,* ]]; then
    run_sim MixedDaySimulation mixed -Drate="$MIXED_RATE" -Dduration="$MIXED_SECONDS"
    require_accepted mixed
    figure mixed_offered_rps "$MIXED_RATE"
    for request in availability status-read book amend check-in call-up; do
        figure "mixed_${request//-/_}_p99_ms" "$(lat mixed "$request" p99)"
    done
    figure mixed_all_p50_ms "$(lat mixed all p50)"
    figure mixed_all_p99_ms "$(lat mixed all p99)"
    figure mixed_all_p999_ms "$(lat mixed all p999)"
    figure mixed_check_in_not_available "$(count mixed check-in 404 not-available)/$(count mixed check-in 405 not-available)"
    figure mixed_call_up_not_available "$(count mixed call-up 404 not-available)/$(count mixed call-up 405 not-available)"
    figure mixed_5xx "$(awk '$1 == "outcome" && $3 >= 500 { n += $5 } END { print n + 0 }' "$RESULTS/mixed.outcomes" 2>/dev/null || echo NA)"
    status_figures mixed
fi

# ---------------------------------------------------------------------------------------------------------------
step "8/9 correctness: BenchChecks on PostgreSQL and Redis after the load"
stampede_check=()
[[ ",$SCENARIOS," == *,stampede,* ]] && stampede_check=(--stampede="$STAMPEDE_GATE:$STAMPEDE_DIRECTION:$STAMPEDE_DAY")
checks_rc=0
bench_java BenchChecks --results="$RESULTS" "${stampede_check[@]}" >"$LOGS/checks.log" 2>"$LOGS/checks.err" || checks_rc=$?
{ grep -v '^FIGURE ' "$LOGS/checks.log" || true; } | while read -r line; do say "   $line"; done
{ grep '^FIGURE ' "$LOGS/checks.log" || true; } | while read -r _ kv; do figure "${kv%%=*}" "${kv#*=}"; done
case $checks_rc in
    0) ;;
    3) FAILED+=("BenchChecks: $(sed -n 's/^bench checks FAILED: //p' "$LOGS/checks.log")") ;;
    *) die "the checks could not run (exit $checks_rc), see $LOGS/checks.log and $LOGS/checks.err" ;;
esac

# ---------------------------------------------------------------------------------------------------------------
step "9/9 memory, time and a metrics snapshot"
curl -fsS "http://127.0.0.1:$MGMT0/q/metrics" >"$RESULTS/metrics-after-load.prom" 2>/dev/null || true
kill "$RSS_PID" 2>/dev/null || true; RSS_PID=""
rss_max_kb=$(awk '{ if ($2 > m) m = $2 } END { printf "%d", m }' "$LOGS/samples.log")
figure rss_max_mb "$(( rss_max_kb / 1024 ))"
if [ "$BALANCED" = 1 ]; then
    figure rss_max_mb_per_instance "$(( rss_max_kb / 1024 / INSTANCES ))"
    # How the balancer spread the run, and whether an instance left the rotation under load.
    lb_servers >"$LOGS/lb-servers.txt" 2>>"$LOGS/haproxy.log" || true
    while read -r name _ _ requests downs; do
        figure "lb_${name//-/_}_requests" "$requests"
        figure "lb_${name//-/_}_went_down" "$downs"
    done <"$LOGS/lb-servers.txt"
fi
figure bench_total_s "$(( $(date +%s) - BEGAN ))"

# Exit 3 when an exactness check failed, 1 when a phase broke, so CI or a script can act on it; the figures are
# printed either way. Performance figures never fail the run.
if [ ${#BROKEN[@]} -gt 0 ]; then
    say "BROKEN PHASES (the run did not measure what it should): $(printf '%s; ' "${BROKEN[@]}")"
fi
if [ ${#FAILED[@]} -gt 0 ]; then
    say "EXACTNESS CHECK FAILED: $(printf '%s; ' "${FAILED[@]}")see $LOGS/checks.log"
    exit 3
fi
[ ${#BROKEN[@]} -eq 0 ] || exit 1
say "every exactness check held ($(( $(date +%s) - BEGAN )) s)"
