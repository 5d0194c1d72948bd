#!/usr/bin/env bash
# Checks the native configuration as far as a machine without GraalVM or a container engine can: runs
# Quarkus' native build steps up to the point where native-image would start (-Dquarkus.native.sources-only,
# which writes target/native-sources: the runner jar with its native-image configuration, native-image.args
# and the GraalVM version to use), then fails if what the service needs at run time is missing from it:
# every Lua script under src/main/resources/lua and every page under web-pages as a resource, every type NativeReflection registers in the
# reflection configuration. The second stage, on a machine with a container engine, is in the README.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
./mvnw -B -ntp -q package -Dnative -Dquarkus.native.sources-only=true -DskipTests -Dmaven.test.skip.exec=true
OUT=$ROOT/target/native-sources
JAR=$(ls "$OUT"/*-runner.jar)
[ -s "$OUT/native-image.args" ] || { echo "native: $OUT/native-image.args is missing" >&2; exit 1; }
grep -q -- '--no-fallback' "$OUT/native-image.args" || { echo "native: the build would fall back to a JVM image" >&2; exit 1; }
python3 - "$JAR" "$ROOT" <<'PY'
import json, re, sys, zipfile, pathlib
jar, root = sys.argv[1], pathlib.Path(sys.argv[2])
with zipfile.ZipFile(jar) as z:
    resources = json.loads(z.read("META-INF/native-image/resource-config.json"))
    reflection = json.loads(z.read("META-INF/native-image/reflect-config.json"))
    packed = set(z.namelist())
def java_regex(pattern):
    # GraalVM's patterns are Java regexes, with \Q...\E for literal text.
    return re.compile(re.sub(r"\\Q(.*?)\\E", lambda m: re.escape(m.group(1)), pattern))
patterns = [java_regex(p["pattern"]) for p in resources.get("resources", {}).get("includes", [])]
missing = []
for script in sorted((root / "src/main/resources/lua").glob("*.lua")) + sorted((root / "src/main/resources/web-pages").glob("*.html")):
    name = script.parent.name + "/" + script.name
    if name not in packed or not any(p.fullmatch(name) for p in patterns):
        missing.append("resource " + name)
# The types NativeReflection names, resolved through its imports (Outer.Inner -> package.Outer$Inner).
source = (root / "src/main/java/vn/bordergate/NativeReflection.java").read_text()
imports = dict((m.group(2), m.group(1) + "." + m.group(2)) for m in re.finditer(r"import ([\w.]+)\.(\w+);", source))
targets = re.search(r"targets\s*=\s*\{(.*?)\}", source, re.S).group(1)
registered = {entry["name"] for entry in reflection}
count = 0
for ref in re.findall(r"([\w.]+)\.class", targets):
    outer, *inner = ref.split(".")
    name = imports.get(outer, "vn.bordergate." + outer) + "".join("$" + i for i in inner)
    count += 1
    if name not in registered:
        missing.append("reflection " + name)
if missing:
    print("native: missing from the native image configuration:\n  " + "\n  ".join(missing), file=sys.stderr)
    sys.exit(1)
print(f"native: {len(list((root / 'src/main/resources/lua').glob('*.lua')))} Lua scripts and "
      f"{len(list((root / 'src/main/resources/web-pages').glob('*.html')))} pages included, "
      f"{count} hand-serialised types registered for reflection")
PY
echo "native: sources for GraalVM $(cat "$OUT/graalvm.version") in $OUT (build them with the README's second stage)"
