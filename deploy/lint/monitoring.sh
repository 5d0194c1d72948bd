#!/usr/bin/env bash
# Checks what operators alert and look at: the Prometheus alert rules load (promtool check rules) and fire on
# the series that should raise them (promtool test rules, deploy/prometheus/alerts-test.yml), the Grafana
# dashboard is valid JSON, and every metric an alert names is one the service really exports, in a scrape of it
# (the bench's snapshot after load, results/metrics-after-load.prom). Some panels' series exist only once there
# is something to show (trucks in a yard), so the dashboard's names are not held to one scrape. promtool comes
# with Debian's prometheus package.
# Usage: deploy/lint/monitoring.sh [metrics-snapshot.prom]
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
SNAPSHOT=${1:-}
if ! command -v promtool >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >/dev/null
    # The package starts a server we do not want here.
    (systemctl stop prometheus || pkill -x prometheus) >/dev/null 2>&1 || true
fi
promtool check rules "$ROOT/deploy/prometheus/alerts.yml"
(cd "$ROOT/deploy/prometheus" && promtool test rules alerts-test.yml)
python3 -m json.tool "$ROOT/deploy/grafana/border-gate-dashboard.json" >/dev/null
echo "monitoring: dashboard JSON is valid"
if [ -n "$SNAPSHOT" ]; then
    [ -s "$SNAPSHOT" ] || { echo "monitoring: no metrics snapshot at $SNAPSHOT" >&2; exit 1; }
    missing=0
    # Names of the service's own series and the HTTP histogram, as the rules use them.
    for name in $(grep -ohE '\b(bordergate_[a-z_]+|http_server_requests_seconds_(bucket|count|sum))\b' \
            "$ROOT/deploy/prometheus/alerts.yml" | sort -u); do
        if ! grep -qE "^${name}(\{| |_)" "$SNAPSHOT"; then
            echo "monitoring: $name is used by an alert but the service does not export it" >&2
            missing=1
        fi
    done
    [ "$missing" = 0 ] || exit 1
    echo "monitoring: every metric the alerts use is in the service's scrape"
fi
