#!/usr/bin/env bash
# Lints the OpenAPI document the build wrote (target/openapi/openapi.json, the same document the service
# serves at /q/openapi) with Spectral: its OpenAPI rules and the OWASP API Security ruleset, .spectral.yaml
# at the repository root. Fails on any error. Then generates TypeScript types from it (openapi-typescript) and
# type-checks deploy/lint/driver-app.ts against them. Needs Node.js 18+ and the npm registry; run after
# `./mvnw package`.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
DOC=$ROOT/target/openapi/openapi.json
TOOLS=$ROOT/target/lint-tools
[ -f "$DOC" ] || { echo "openapi lint: $DOC is missing; run ./mvnw package first" >&2; exit 1; }
command -v npm >/dev/null || { echo "openapi lint: npm is needed (apt-get install nodejs npm)" >&2; exit 1; }
if [ ! -x "$TOOLS/node_modules/.bin/spectral" ]; then
    npm install --prefix "$TOOLS" --no-audit --no-fund --silent \
        @stoplight/spectral-cli@6.16.3 @stoplight/spectral-owasp-ruleset@2.0.1 openapi-typescript@7.13.0 \
        typescript@5 >/dev/null
fi
# The ruleset names the OWASP ruleset as a package: it must sit where that package resolves.
cp "$ROOT/.spectral.yaml" "$TOOLS/.spectral.yaml"
"$TOOLS/node_modules/.bin/spectral" lint "$DOC" --ruleset "$TOOLS/.spectral.yaml" --fail-severity error \
    --display-only-failures
echo "openapi lint: 0 errors (Spectral oas + OWASP API Security, $DOC)"

# The same document as TypeScript types for the driver's app, and a type-check of what the app uses.
"$TOOLS/node_modules/.bin/openapi-typescript" "$DOC" -o "$TOOLS/bordergate-api.d.ts" >/dev/null
cp "$ROOT/deploy/lint/driver-app.ts" "$TOOLS/driver-app.ts"
"$TOOLS/node_modules/.bin/tsc" --noEmit --strict --target es2020 --moduleResolution node "$TOOLS/driver-app.ts"
echo "openapi types: TypeScript types generated and the driver app's use of them type-checks"
