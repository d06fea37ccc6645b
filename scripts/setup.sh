#!/usr/bin/env bash
# Installs what the project needs and skips what is already there at the right version.
#   scripts/setup.sh          build tools: wasm target, wasm-bindgen-cli, trunk, npm tools
#   scripts/setup.sh --all    also the browsers and drivers the tests need
# Versions and pitfalls: ../shared/TOOLCHAIN.md (mirrored in README.md).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
export PATH="$HOME/.cargo/bin:$PATH"

WASM_BINDGEN_VERSION=0.2.130
TRUNK_VERSION=0.21.14
WASM_SPLIT_VERSION=0.2.4
GECKODRIVER_VERSION=0.37.1

step() { printf '\n== setup: %s\n' "$*"; }
fail() { printf 'setup: %s\n' "$*" >&2; exit 1; }
have() { command -v "$1" >/dev/null 2>&1; }

apt_updated=
apt_install() {
  have apt-get || fail "apt-get not found; install $* by hand"
  local sudo=
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  if [ -z "$apt_updated" ]; then
    $sudo apt-get update -qq || fail "apt-get update failed"
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null || fail "apt-get install $* failed"
}

have cargo || fail "cargo not found: install Rust with rustup first (https://rustup.rs)"

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  step "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown || fail "could not add the wasm32 target"
fi
for component in rustfmt clippy; do
  if ! rustup component list --installed 2>/dev/null | grep -q "^$component"; then
    step "rustup component add $component"
    rustup component add "$component" || fail "could not add $component"
  fi
done

# Must match the wasm-bindgen crate pinned in Cargo.toml exactly. No --locked: with it the
# install fails on this kind of machine (a locked webpki-roots version is not served).
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  step "cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION (6-10 min)"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force ||
    fail "could not install wasm-bindgen-cli $WASM_BINDGEN_VERSION"
fi

# 0.22 needs a newer rustc than this machine's; 0.21.14 with --locked works.
if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  step "cargo install trunk $TRUNK_VERSION (12-18 min)"
  cargo install trunk --version "$TRUNK_VERSION" --locked --force ||
    fail "could not install trunk $TRUNK_VERSION"
fi

# The release build's splitter (scripts/trunk-post-build.sh): 0.2.4, as 0.2.2 breaks on
# wasm-bindgen 0.2.128+. The crate named wasm-split-cli is another, incompatible splitter.
if ! cargo install --list 2>/dev/null | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:" || ! have wasm-split-cli; then
  step "cargo install wasm_split_cli_support $WASM_SPLIT_VERSION (~2 min)"
  cargo install wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary --force ||
    fail "could not install wasm_split_cli_support $WASM_SPLIT_VERSION"
fi

# npm tools: wasm-opt (binaryen 132; Debian's binaryen breaks the output), esbuild,
# playwright-core, axe-core, and vite, webpack, typescript for the package's bundler tests.
# package-lock.json pins them.
if ! have node || ! have npm; then
  step "apt-get install nodejs npm"
  apt_install nodejs npm
fi
# Vite 8 needs Node.js 20.19+ or 22.12+ (Debian 12's own nodejs is 18).
node -e 'const [a, b] = process.versions.node.split(".").map(Number);
  process.exit(a > 22 || (a === 22 && b >= 12) || (a === 20 && b >= 19) ? 0 : 1)' ||
  fail "Node.js $(node --version) is too old for the bundler tests (vite 8): install Node.js 20.19+ or 22.12+"
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -x node_modules/.bin/esbuild ] ||
  [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/axe-core ] ||
  [ ! -d node_modules/vite ] || [ ! -d node_modules/webpack-cli ] || [ ! -d node_modules/typescript ] ||
  [ package-lock.json -nt node_modules/.package-lock.json ]; then
  step "npm ci"
  npm ci --no-audit --no-fund || fail "npm ci failed"
fi
node_modules/.bin/wasm-opt --version | grep -q "version 132" || fail "node_modules/.bin/wasm-opt is not binaryen 132"

if [ "${1:-}" = "--all" ]; then
  if ! have chromium || ! have chromedriver || ! have firefox-esr; then
    step "apt-get install chromium chromium-driver firefox-esr (~2 min)"
    apt_install chromium chromium-driver firefox-esr
  fi
  # Not packaged by Debian; the npm package downloads from the internet and fails here.
  if [ "$(geckodriver --version 2>/dev/null | head -n 1 | cut -d' ' -f2)" != "$GECKODRIVER_VERSION" ]; then
    step "cargo install geckodriver $GECKODRIVER_VERSION (~2 min)"
    cargo install geckodriver --version "$GECKODRIVER_VERSION" --force ||
      fail "could not install geckodriver $GECKODRIVER_VERSION"
  fi
fi
step "tools ready"
