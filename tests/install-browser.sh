#!/usr/bin/env bash
# Installs what the browser tests need, each only when it is not there yet:
# - Debian's Chromium (as root, or with sudo), for the course and cohort reports and the LHC-Forms test. Set CHROMIUM
#   to use another Chromium or Chrome binary instead.
# - LHC-Forms (the npm package lforms, pinned with its registry integrity), unpacked under artifacts/lhc-forms/, for
#   the test that renders every exported Questionnaire in it. Only its prebuilt dist/ is used: no dependency is
#   installed and nothing is fetched at test time. Set LHC_FORMS to an unpacked copy to use that instead.
set -euo pipefail
cd "$(dirname "$0")/.."

LFORMS_VERSION=40.1.3
LFORMS_INTEGRITY=sha512-WLruTm+BcVnafC0rSAQ3/cNqhxvclBUxyBG68aub/uha2NaK9H8ZZcEXTTuORuGzzCt0wa7fvhuieZtcDIdPzQ==

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

install_chromium() {
  if [ -n "${CHROMIUM:-}" ] && [ -x "$CHROMIUM" ]; then return 0; fi
  for candidate in /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome; do
    [ -x "$candidate" ] && return 0
  done
  echo "installing chromium (Debian package) for the browser tests..."
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
}

install_lforms() {
  if [ -n "${LHC_FORMS:-}" ]; then return 0; fi
  local target="artifacts/lhc-forms/$LFORMS_VERSION"
  [ -f "$target/package/dist/lforms/webcomponent/lhc-forms.js" ] && return 0
  if ! command -v npm >/dev/null; then
    echo "installing npm (Debian package) to fetch LHC-Forms..."
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
  fi
  echo "fetching lforms@$LFORMS_VERSION (npm registry) for the LHC-Forms test..."
  local work
  work=$(mktemp -d)
  (cd "$work" && npm pack --silent "lforms@$LFORMS_VERSION" >/dev/null)
  local actual
  actual=$(node -e 'const c = require("crypto"), fs = require("fs");
    process.stdout.write("sha512-" + c.createHash("sha512").update(fs.readFileSync(process.argv[1])).digest("base64"));' "$work/lforms-$LFORMS_VERSION.tgz")
  [ "$actual" = "$LFORMS_INTEGRITY" ] || { echo "lforms-$LFORMS_VERSION.tgz: integrity $actual, expected $LFORMS_INTEGRITY"; exit 1; }
  rm -rf "$target" && mkdir -p "$target"
  tar xzf "$work/lforms-$LFORMS_VERSION.tgz" -C "$target" package/dist/lforms package/LICENSE.md package/package.json
  rm -rf "$work"
}

install_chromium
install_lforms
