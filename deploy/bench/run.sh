#!/usr/bin/env bash
# The whole benchmark in one command, on one machine. This script starts and stops the processes: PostgreSQL and
# Redis (or uses the ones given), the service in prod mode from its packaged jar (several instances behind HAProxy
# with INSTANCES>1). Everything else (capacities, baselines, Gatling scenarios, exactness checks, figures) is the
# Java driver vn.bordergate.bench.BenchDriver (src/test/java/vn/bordergate/bench), run on the service's classes.
#
#   deploy/bench/run.sh              # full run, about 6-7 minutes on 2 cores
#   SHORT=1 deploy/bench/run.sh      # smoke run: every phase at small scale (CI runs it, see .ci/run)
#   INSTANCES=2 deploy/bench/run.sh  # scale-out: two instances behind HAProxy on the same PostgreSQL and Redis
#
# Exit status (the driver's): 0 when every exactness check held; 3 when one failed; 1 when the run itself failed or a
# phase measured nothing. Knobs are listed in deploy/bench/README.md; the load's own (SHORT, CLIENTS, ...) are read
# by the driver from the environment. Logs, Gatling reports and figures stay in $BENCH_DIR (/tmp/bordergate-bench).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BENCH_DIR=${BENCH_DIR:-/tmp/bordergate-bench}
PG_PORT=${PG_PORT:-55432}
REDIS_PORT=${REDIS_PORT:-56379}
APP_PORT=${APP_PORT:-58080}
MGMT_PORT=${MGMT_PORT:-59000}
PGURL=${PGURL:-}
REDIS_URL=${REDIS_URL:-}
BENCH_SOURCE=${BENCH_SOURCE:-worktree}
SKIP_BUILD=${SKIP_BUILD:-0}
# With SKIP_BUILD=1 only: a Maven project whose service is already packaged, used in place (CI: its fresh clone).
BUILD_DIR=${BUILD_DIR:-}
# The production sizing (docs/PERFORMANCE.md): a small fixed heap and the serial collector keep RSS low on a 2-core
# box where PostgreSQL, Redis and the load generator share the CPUs.
APP_JAVA_OPTS=${APP_JAVA_OPTS:--Xms192m -Xmx192m -XX:+UseSerialGC -XX:MaxMetaspaceSize=160m -XX:ReservedCodeCacheSize=64m -Xss512k}
# PIN=1: the service alone on core 0, everything else on the others (the driver pins the load generator).
PIN=${PIN:-0}
INSTANCES=${INSTANCES:-1}
BALANCER=${BALANCER:-0}
BALANCED=0; if [ "$BALANCER" = 1 ] || [ "$INSTANCES" -gt 1 ]; then BALANCED=1; fi
# Below the kernel's ephemeral range (32768-60999): a port in it can be taken by any outgoing connection (the
# first instance's own database connections) between the check and the next instance's start.
INSTANCE_PORT=${INSTANCE_PORT:-28081}
INSTANCE_MGMT_PORT=${INSTANCE_MGMT_PORT:-29001}
PROFILE=${PROFILE:-}
ASYNC_PROFILER_VERSION=${ASYNC_PROFILER_VERSION:-4.2}
JWT_ISSUER=${BORDERGATE_JWT_ISSUER:-https://bordergate.local/bench}
JWT_AUDIENCE=${BORDERGATE_JWT_AUDIENCE:-border-gate-api}
# History seeded once the service has migrated the schema (deploy/bench/seed-history.sh), for the driver's history
# phase; 0 = none. A short run seeds a little, so that CI goes through the phase.
if [ "${SHORT:-0}" = 1 ]; then
    HISTORY_ROWS=${HISTORY_ROWS:-30000}; HISTORY_DAYS=${HISTORY_DAYS:-60}
else
    HISTORY_ROWS=${HISTORY_ROWS:-0}; HISTORY_DAYS=${HISTORY_DAYS:-}
fi
[[ "$HISTORY_ROWS" =~ ^[0-9]+$ ]] || { echo "bench: ERROR: HISTORY_ROWS must be a whole number" >&2; exit 1; }
# As seed-history.sh: about 5,400 declarations a booking day unless told.
[ -n "$HISTORY_DAYS" ] || HISTORY_DAYS=$(( HISTORY_ROWS > 0 ? (HISTORY_ROWS + 5399) / 5400 : 0 ))
HISTORY_ONLINE=${HISTORY_ONLINE:-all}
HISTORY_FIRM=${HISTORY_FIRM:-4900123456}

LOGS=$BENCH_DIR/logs
RESULTS=$BENCH_DIR/results
SRC=${BUILD_DIR:-$BENCH_DIR/build}
BEGAN=$(date +%s)

say() { echo "bench: $*" >&2; }
die() { say "ERROR: $*"; exit 1; }
step() { say "$* [$(( $(date +%s) - BEGAN )) s]"; }
[[ "$INSTANCES" =~ ^[1-9][0-9]*$ ]] || die "INSTANCES must be a whole number, 1 or more"
# The bench removes and rebuilds its own copy only: a directory given to it is used as it is, never rebuilt.
[ -z "$BUILD_DIR" ] || [ "$SKIP_BUILD" = 1 ] || die "BUILD_DIR is only read with SKIP_BUILD=1 (the bench builds in its own copy)"
if [ "$INSTANCES" -gt 1 ] && [ "$PIN" = 1 ]; then
    # One core cannot hold several instances without measuring their contention instead of their cost.
    say "PIN=1 ignored with INSTANCES=$INSTANCES: nothing is pinned"
    PIN=0
fi
# Instance $1's ports and log: APP_PORT and MGMT_PORT themselves without a balancer.
app_port() { if [ "$BALANCED" = 0 ]; then echo "$APP_PORT"; else echo $((INSTANCE_PORT + $1)); fi; }
mgmt_port() { if [ "$BALANCED" = 0 ]; then echo "$MGMT_PORT"; else echo $((INSTANCE_MGMT_PORT + $1)); fi; }
app_log() { if [ "$BALANCED" = 0 ]; then echo "$LOGS/app.log"; else echo "$LOGS/app-$1.log"; fi; }
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || die "run as root or install sudo"
    SUDO=sudo
fi

# ---------------------------------------------------------------------------------------------------------------
# Clean-up: stop only what this run started, by its pid.
STARTED_PG=0; STARTED_REDIS=0; REDIS_PID=""; APP_PIDS=(); LB_PID=""; PGDIR=""
stop_pids() { # asks them to stop, gives them 10 s together (the service drains), then kills what is left
    local pid alive=()
    for pid in "$@"; do
        if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill "$pid"; alive+=("$pid"); fi
    done
    [ ${#alive[@]} -gt 0 ] || return 0
    for _ in $(seq 1 40); do
        local any=0; for pid in "${alive[@]}"; do kill -0 "$pid" 2>/dev/null && any=1; done
        [ $any = 1 ] || break; sleep 0.25
    done
    kill -9 "${alive[@]}" 2>/dev/null || true
}
cleanup() {
    local rc=$?
    set +e
    stop_pids "$LB_PID"   # the balancer first, so no request reaches an instance that is stopping
    stop_pids "${APP_PIDS[@]}"
    [ "$STARTED_REDIS" = 1 ] && stop_pids "$REDIS_PID"
    if [ "$STARTED_PG" = 1 ]; then
        $SUDO runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PGDIR/data" -m fast -w stop >/dev/null 2>&1
        cp "$PGDIR/postgres.log" "$LOGS/postgres.log" 2>/dev/null   # kept for diagnosis (checkpoints, slow statements)
        $SUDO rm -rf "$PGDIR"
    fi
    [ $rc -ne 0 ] && say "failed (exit $rc); logs in $LOGS"
    exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM
mkdir -p "$LOGS" "$RESULTS"
rm -f "$LOGS"/*
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
command -v openssl >/dev/null || missing+=(openssl)
command -v curl >/dev/null || missing+=(curl)
HAPROXY=$(command -v haproxy || echo /usr/sbin/haproxy)   # in /usr/sbin, which a non-root PATH may not hold
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
# Java 25 (the service is compiled for it): JAVA_HOME's, else Temurin 25 where it is installed.
[ -n "${JAVA_HOME:-}" ] || [ ! -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ] || export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
[ -z "${JAVA_HOME:-}" ] || export PATH=$JAVA_HOME/bin:$PATH
command -v java >/dev/null || die "java (25+) is needed"
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
# An open-model burst keeps one connection per request in flight (20,000 in the stampede).
ulimit -n 200000 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

# Every port is checked before the build (a taken one stops the run at once) and again just before its server
# starts (the defaults lie in the ephemeral range, where an outgoing connection may take one meanwhile).
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port_user() { local who; who=$(ss -Hltnp "sport = :$1" 2>/dev/null | grep -o 'users:(([^)]*))' | head -1 || true); echo "${who:-something}"; }
require_port() { port_free "$1" || die "port $1 ($2) is taken by $(port_user "$1"): stop that, or choose another port with $2"; }
port_clash() { # $1 log of a server that did not start, $2 port, $3 knob
    if grep -qiE 'address already in use|seems to be in use|could not bind|cannot assign requested address' "$1" 2>/dev/null; then
        die "port $2 was taken when its server started ($(grep -iE -m1 'address already in use|seems to be in use|could not bind' "$1")); stop what uses it, or choose another port with $3"
    fi
}
require_service_ports() {
    if [ "$BALANCED" = 0 ]; then
        require_port "$APP_PORT" APP_PORT; require_port "$MGMT_PORT" MGMT_PORT
    else
        require_port "$APP_PORT" "APP_PORT (HAProxy)"
        for i in $(seq 0 $((INSTANCES - 1))); do
            require_port "$(app_port "$i")" "INSTANCE_PORT+$i"; require_port "$(mgmt_port "$i")" "INSTANCE_MGMT_PORT+$i"
        done
    fi
}
require_service_ports
[ -n "$PGURL" ] || require_port "$PG_PORT" "PG_PORT (or give PGURL)"
[ -n "$REDIS_URL" ] || require_port "$REDIS_PORT" "REDIS_PORT (or give REDIS_URL)"

# ---------------------------------------------------------------------------------------------------------------
# The simulations (src/load, -Pload) and the driver compiled into $SRC's test classes, with the classpath the
# simulations run on (-Pload: Gatling's Netty 4.2), written in the same Maven run.
LOAD_CLASS=$SRC/target/test-classes/vn/bordergate/load/StampedeSimulation.class
DRIVER_CLASS=$SRC/target/test-classes/vn/bordergate/bench/BenchDriver.class
build_simulations() {
    (cd "$SRC" && ./mvnw -B -ntp -Pload test-compile dependency:build-classpath -Dmdep.outputFile=target/load-classpath.txt \
        -Dmdep.includeScope=test) >"$LOGS/build-load.log" 2>&1 \
        || die "building the Gatling simulations failed, see $LOGS/build-load.log"
}
if [ "$SKIP_BUILD" = 1 ] && [ -f "$SRC/target/quarkus-app/quarkus-run.jar" ]; then
    step "2/9 build: SKIP_BUILD=1, the service packaged in $SRC/target/quarkus-app ($(date -r "$SRC/target/quarkus-app/quarkus-run.jar" '+%F %T'))"
    if [ ! -f "$LOAD_CLASS" ] || [ ! -f "$DRIVER_CLASS" ] || [ ! -s "$SRC/target/load-classpath.txt" ]; then
        say "   compiling the simulations and the bench driver there (-Pload test-compile)"
        build_simulations
    fi
else
    [ -z "$BUILD_DIR" ] || die "SKIP_BUILD=1 BUILD_DIR=$BUILD_DIR: no packaged service in $BUILD_DIR/target/quarkus-app (run ./mvnw package there first)"
    [ "$SKIP_BUILD" = 1 ] && say "SKIP_BUILD=1, but $SRC holds no packaged service: building it"
    step "2/9 build (a copy of the work tree in $SRC, so the repository's own target/ is never touched)"
    rm -rf "$SRC"; mkdir -p "$SRC"
    if [ "$BENCH_SOURCE" = head ]; then
        git -C "$ROOT" archive HEAD | tar -x -C "$SRC"   # only what is committed
    elif [ "$BENCH_SOURCE" = worktree ] && git -C "$ROOT" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
        # Tracked and untracked-but-not-ignored files: what `git status` shows, without target/.
        (cd "$ROOT" && git ls-files -co --exclude-standard -z | tar --null --ignore-failed-read -T - -cf - 2>/dev/null) | tar -x -C "$SRC"
    else
        src_dir=$([ "$BENCH_SOURCE" = worktree ] && echo "$ROOT" || echo "$BENCH_SOURCE")
        [ -f "$src_dir/pom.xml" ] || die "BENCH_SOURCE=$BENCH_SOURCE: no pom.xml there"
        tar -C "$src_dir" --exclude=./target --exclude=./.git -cf - . | tar -x -C "$SRC"
    fi
    # The service as production gets it (no -Pload: that profile puts Gatling's Netty 4.2 on the classpath), then
    # the simulations, compiled into the same copy's test classes.
    (cd "$SRC" && ./mvnw -B -ntp package -DskipTests) >"$LOGS/build.log" 2>&1 || die "build failed, see $LOGS/build.log"
    build_simulations
fi
[ -f "$LOAD_CLASS" ] && [ -f "$DRIVER_CLASS" ] || die "$SRC/target/test-classes lacks the simulations or the bench driver, see $LOGS/build-load.log"
# The driver runs on the service's classes and its test classpath without -Pload (the platform's Vert.x and Netty,
# as the service has them); written again when the POM is newer than it.
BENCH_CP=$SRC/target/bench-classpath.txt
if [ ! -s "$BENCH_CP" ] || [ "$SRC/pom.xml" -nt "$BENCH_CP" ]; then
    (cd "$SRC" && ./mvnw -B -ntp -q dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt \
        -Dmdep.includeScope=test) >"$LOGS/build-classpath.log" 2>&1 || die "writing the classpath failed, see $LOGS/build-classpath.log"
fi
# PROFILE=cpu|alloc|wall: async-profiler from Maven Central, attached by the driver for one phase.
PROFILER_LIB=""
if [ -n "$PROFILE" ]; then
    (cd "$SRC" && ./mvnw -q -B -ntp dependency:copy -Dartifact="tools.profiler:async-profiler:$ASYNC_PROFILER_VERSION:jar:linux-x64" \
        -DoutputDirectory="$BENCH_DIR/tools") >"$LOGS/profiler-fetch.log" 2>&1 || die "async-profiler not fetched, see $LOGS/profiler-fetch.log"
    unzip -o -q "$BENCH_DIR/tools/async-profiler-$ASYNC_PROFILER_VERSION-linux-x64.jar" 'linux-x64/libasyncProfiler.so' -d "$BENCH_DIR/tools"
    PROFILER_LIB=$BENCH_DIR/tools/linux-x64/libasyncProfiler.so
fi

# ---------------------------------------------------------------------------------------------------------------
step "3/9 PostgreSQL and Redis"
# PostgreSQL's default of 64 locks per connection, even with years of history: every statement names the booking
# days it reads (V10), so none locks every day partition.
if [ -z "$PGURL" ]; then
    require_port "$PG_PORT" "PG_PORT (or give PGURL)"
    PGDIR=$(mktemp -d /tmp/bordergate-bench-pg.XXXXXX)
    chmod 755 "$PGDIR"
    $SUDO chown postgres:postgres "$PGDIR"
    $SUDO runuser -u postgres -- "$PG_BIN/initdb" -D "$PGDIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 \
        >"$LOGS/initdb.log" 2>&1 || die "initdb failed, see $LOGS/initdb.log"
    # Durability stays on: the figures are for a database that keeps every commit.
    $SUDO runuser -u postgres -- tee -a "$PGDIR/data/postgresql.conf" >/dev/null <<CONF
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PGDIR'
max_connections = 200
shared_buffers = 256MB
fsync = on
synchronous_commit = on
full_page_writes = on
${PG_EXTRA_CONF:-}
CONF
    $SUDO runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/postgres.log" -w -t 60 start >"$LOGS/pg_ctl.log" 2>&1 || {
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

if [ -z "$REDIS_URL" ]; then
    require_port "$REDIS_PORT" "REDIS_PORT (or give REDIS_URL)"
    # A cache that keeps nothing: the service rebuilds its ledgers from PostgreSQL.
    rm -f "$BENCH_DIR/redis.pid"
    pin=(); [ "$PIN" = 1 ] && [ "$(nproc)" -gt 1 ] && pin=(taskset -c "1-$(( $(nproc) - 1 ))")
    "${pin[@]}" redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
        --dir "$BENCH_DIR" --logfile "$LOGS/redis.log" --pidfile "$BENCH_DIR/redis.pid" >/dev/null
    for _ in $(seq 1 40); do redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.25; done
    # The pid file is written once the server listens: without it (or its process), it did not start.
    REDIS_PID=$(cat "$BENCH_DIR/redis.pid" 2>/dev/null || true)
    if [ -z "$REDIS_PID" ] || ! kill -0 "$REDIS_PID" 2>/dev/null; then
        port_clash "$LOGS/redis.log" "$REDIS_PORT" "REDIS_PORT (or give REDIS_URL)"
        die "Redis did not start, see $LOGS/redis.log"
    fi
    # The server answering on the port must be the one started here: never load, flush or stop someone else's.
    answering=$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" info server 2>/dev/null | tr -d '\r' | sed -n 's/^process_id://p')
    if [ "$answering" != "$REDIS_PID" ]; then
        kill "$REDIS_PID" 2>/dev/null
        die "port $REDIS_PORT (REDIS_PORT) is answered by another Redis (pid ${answering:-unknown}) than the one started here (pid $REDIS_PID)"
    fi
    STARTED_REDIS=1
    REDIS_URL="redis://127.0.0.1:$REDIS_PORT"
fi
[[ "$REDIS_URL" =~ ^redis://(([^:@]*):([^@]*)@)?([^:/]+)(:([0-9]+))? ]] || die "REDIS_URL must look like redis://[user:password@]host:port"

# ---------------------------------------------------------------------------------------------------------------
if [ "$BALANCED" = 0 ]; then
    step "4/9 service (prod mode, packaged jar) on 127.0.0.1:$APP_PORT"
else
    step "4/9 service (prod mode, packaged jar): $INSTANCES instances on 127.0.0.1:$(app_port 0)-$(app_port $((INSTANCES - 1))) behind HAProxy on 127.0.0.1:$APP_PORT"
fi
# How busy the machine already was before the service started (other work lowers every figure).
LOADAVG=$(cut -d' ' -f1 /proc/loadavg)
# Production refuses the published demo key: the service trusts a key pair made for this run, which also signs
# the driver's and the simulations' tokens.
KEYS=$BENCH_DIR/keys
mkdir -p "$KEYS"
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$KEYS/private-key.pem" 2>/dev/null || die "openssl could not make the bench key pair"
openssl pkey -in "$KEYS/private-key.pem" -pubout -out "$KEYS/public-key.pem" 2>/dev/null
# A throw-away QR secret per run unless given, one for all instances (a QR code one signs, another verifies).
YARD_QR_SECRET=${BORDERGATE_YARD_QR_SECRET:-bench-$(head -c 24 /dev/urandom | base64 | tr -d '/+=')}
start_instance() { # $1 index: in the background, its pid appended to APP_PIDS; only ports and log differ
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
        # The load generator is one address: its budget is lifted, or the figures would measure the rate limit.
        export BORDERGATE_RATE_LIMIT_ANONYMOUS_BURST=${BORDERGATE_RATE_LIMIT_ANONYMOUS_BURST:-10000000}
        export BORDERGATE_RATE_LIMIT_ANONYMOUS_PER_SECOND=${BORDERGATE_RATE_LIMIT_ANONYMOUS_PER_SECOND:-10000000}
        export BORDERGATE_YARD_QR_SECRET=$YARD_QR_SECRET
        pin=(); [ "$PIN" = 1 ] && pin=(taskset -c 0)
        # shellcheck disable=SC2086
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
        curl -fsS -o /dev/null "http://127.0.0.1:$(mgmt_port "$1")/q/health/ready" 2>/dev/null && return 0
        sleep 0.25
    done
    die "the service was not ready within 60 s, see $log"
}
# Scale-out: Debian's HAProxy on APP_PORT, round robin, an instance out of the rotation while its readiness check
# fails, checked as the Kubernetes manifest's probe does (every 5 s, 2 s to answer, out after 3 failures: with
# HAProxy's 1 s default a stampede on 2 cores took every instance out at once).
LB_SOCK=$BENCH_DIR/haproxy.sock
start_balancer() {
    # About two descriptors per connection, within the limit raised above: a cap of 4,000 left 7,179 stampede
    # requests timing out in the accept queue.
    local maxconn=$(( $(ulimit -n) / 2 - 100 )); [ "$maxconn" -gt 50000 ] && maxconn=50000
    {
        printf 'global\n    maxconn %s\n    stats socket %s mode 600\n' "$maxconn" "$LB_SOCK"
        printf 'defaults\n    mode http\n    maxconn %s\n    timeout connect 2s\n    timeout client 90s\n    timeout server 90s\n' "$maxconn"
        printf '    timeout tunnel 1h\n    timeout check 2s\n'   # tunnel: a followed stream (SSE) stays open
        printf 'frontend api\n    bind 127.0.0.1:%s\n    default_backend instances\n' "$APP_PORT"
        printf 'backend instances\n    balance roundrobin\n    option httpchk GET /q/health/ready\n    http-check expect status 200\n'
        for i in $(seq 0 $((INSTANCES - 1))); do
            echo "    server instance-$i 127.0.0.1:$(app_port "$i") check port $(mgmt_port "$i") inter 5s fall 3 rise 1"
        done
    } >"$BENCH_DIR/haproxy.cfg"
    # In the foreground (-db) as this script's child, so cleanup stops it; the driver waits for its checks.
    "$HAPROXY" -db -f "$BENCH_DIR/haproxy.cfg" >"$LOGS/haproxy.log" 2>&1 &
    LB_PID=$!
    sleep 0.5
    if ! kill -0 "$LB_PID" 2>/dev/null; then
        port_clash "$LOGS/haproxy.log" "$APP_PORT" APP_PORT
        die "HAProxy exited, see $LOGS/haproxy.log and $BENCH_DIR/haproxy.cfg"
    fi
}
require_service_ports   # again: minutes may have passed since step 1
started_ms=$(date +%s%3N)
start_instance 0
await_ready 0
ready_ms=$(date +%s%3N)
# The others once instance 0 is ready: its start-up figures are those of a JVM starting alone, its migrations done.
for i in $(seq 1 $((INSTANCES - 1))); do start_instance "$i"; await_ready "$i"; done
[ "$BALANCED" = 1 ] && start_balancer

# ---------------------------------------------------------------------------------------------------------------
# History, seeded into the schema the service has just migrated, before any figure is measured.
HISTORY_SEED_S=""
if [ "$HISTORY_ROWS" -gt 0 ]; then
    step "4b/9 history: $HISTORY_ROWS declarations over $HISTORY_DAYS booking days (deploy/bench/seed-history.sh, log in $LOGS/seed-history.log)"
    seed_began=$(date +%s%3N)
    if ! PGURL=$PGURL ROWS=$HISTORY_ROWS DAYS=$HISTORY_DAYS ONLINE=$HISTORY_ONLINE HISTORY_FIRM=$HISTORY_FIRM \
            "$ROOT/deploy/bench/seed-history.sh" 2>&1 | tee "$LOGS/seed-history.log" | sed -u 's/^/bench:    /' >&2; then
        die "seeding the history failed, see $LOGS/seed-history.log"
    fi
    HISTORY_SEED_S=$(awk -v ms=$(( $(date +%s%3N) - seed_began )) 'BEGIN { printf "%.1f", ms / 1000 }')
fi

# ---------------------------------------------------------------------------------------------------------------
# Steps 5 to 9 (capacities, baselines, Gatling scenarios, exactness checks, figures): the driver.
driver_rc=0
# Netty 4.1 (the platform's, as the service has it) warns on Java 25 that it uses sun.misc.Unsafe: allowed, so the
# progress lines are not buried under it.
PGURL=$PGURL REDIS_URL=$REDIS_URL java -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
    --sun-misc-unsafe-memory-access=allow -cp "$SRC/target/classes:$SRC/target/test-classes:$(cat "$BENCH_CP")" vn.bordergate.bench.BenchDriver \
    --build="$SRC" --bench-dir="$BENCH_DIR" --began="$BEGAN" \
    --app-url="http://127.0.0.1:$APP_PORT" --mgmt-url="http://127.0.0.1:$(mgmt_port 0)" \
    --private-key="$KEYS/private-key.pem" --issuer="$JWT_ISSUER" --audience="$JWT_AUDIENCE" \
    --pids="$(IFS=,; echo "${APP_PIDS[*]}")" --app-log="$(app_log 0)" --started-ms="$started_ms" --ready-ms="$ready_ms" \
    --loadavg="$LOADAVG" --instances="$INSTANCES" --pin="$PIN" \
    --history-rows="$HISTORY_ROWS" --history-days="$HISTORY_DAYS" --history-firm="$HISTORY_FIRM" \
    ${HISTORY_SEED_S:+--history-seed-s="$HISTORY_SEED_S"} \
    ${PROFILER_LIB:+--profiler-lib="$PROFILER_LIB"} $([ "$BALANCED" = 1 ] && echo "--balancer-socket=$LB_SOCK") \
    || driver_rc=$?
exit $driver_rc
