#!/usr/bin/env bash
# Regenerates Sources/GonghuiAPI/ — the JSON API's types (Components.Schemas.*) — from
# openapi.yaml with swift-openapi-generator, and records the document's SHA-256 in each file so
# that a test (OpenAPITypesTests) fails when openapi.yaml changes and this was not run.
#
# The generated code is committed: builds and CI use it as it is and never build the generator.
# This script builds the generator once in a scratch folder outside the repository
# (OPENAPI_GENERATOR_DIR, default ${TMPDIR:-/tmp}/gonghui-openapi-generator) and runs it.
# Run it after editing openapi.yaml (then scripts/gen-openapi-swift.sh for the served copy).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
GEN_VERSION=1.14.3
TOOL=${OPENAPI_GENERATOR_DIR:-${TMPDIR:-/tmp}/gonghui-openapi-generator}
OUT="$ROOT/Sources/GonghuiAPI"

if [[ ! -x "$TOOL/.build/debug/swift-openapi-generator" ]]; then
  mkdir -p "$TOOL/Sources/Placeholder"
  cat >"$TOOL/Package.swift" <<SWIFT
// swift-tools-version:6.0
import PackageDescription
let package = Package(name: "gonghui-openapi-generator", dependencies: [
    .package(url: "https://github.com/apple/swift-openapi-generator.git", exact: "$GEN_VERSION"),
], targets: [.target(name: "Placeholder")])
SWIFT
  echo "// Lets the package build the generator's product." >"$TOOL/Sources/Placeholder/Placeholder.swift"
  (cd "$TOOL" && swift build --product swift-openapi-generator)
fi

# Every schema of components/schemas; the operations' own inline shapes are not generated (the
# four generic list envelopes are written by hand in GonghuiServer/Support/APITypes.swift).
SCHEMAS=$(awk '/^  schemas:$/{f=1;next} f && /^  [A-Za-z]/{f=0} f && /^    [A-Za-z][A-Za-z0-9]*:$/{sub(":","",$1); print "    - " $1}' "$ROOT/openapi.yaml")
CONFIG=$(mktemp -d)/openapi-generator-config.yaml
printf 'generate:\n  - types\naccessModifier: package\nnamingStrategy: idiomatic\nfilter:\n  schemas:\n%s\n' "$SCHEMAS" >"$CONFIG"
SUM=$(sha256sum "$ROOT/openapi.yaml" | cut -d' ' -f1)

STAGE=$(mktemp -d)
if ! "$TOOL/.build/debug/swift-openapi-generator" generate "$ROOT/openapi.yaml" --config "$CONFIG" \
  --output-directory "$STAGE" --additional-file-comment "From openapi.yaml sha256 $SUM by scripts/gen-openapi-types.sh." \
  >"$STAGE/generator.log" 2>&1; then
  cat "$STAGE/generator.log" >&2
  exit 1
fi
# Only the files that declare something: the schemas and the namespaces they extend.
mkdir -p "$OUT"
rm -f "$OUT"/*.swift
cp "$STAGE/Types.swift" "$STAGE/Types+Components.swift" "$STAGE/Types+Components+Schemas.swift" "$OUT/"
# One file per feature rather than one of thousands of lines.
python3 "$ROOT/scripts/split-openapi-schemas.py" "$OUT"
rm -rf "$STAGE" "$(dirname "$CONFIG")"
echo "wrote $(ls "$OUT" | wc -l) files to $OUT (openapi.yaml sha256 $SUM)"
