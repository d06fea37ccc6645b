#!/usr/bin/env bash
# Every check, in the order CI runs them (.ci/run calls this). Installs what is missing first.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
bash scripts/setup.sh --all
# npm's wasm-opt (binaryen 132) and esbuild first: Debian's binaryen breaks the output.
export PATH="$root/node_modules/.bin:$HOME/.cargo/bin:$PATH"

timings=()
run() {
  local name=$1
  shift
  printf '\n== check: %s\n' "$name"
  local started=$SECONDS
  "$@"
  timings+=("$(printf '%-44s %4ss' "$name" $((SECONDS - started)))")
}
# One browser per run: with both drivers set, the runner picks geckodriver.
in_chrome() { env -u GECKODRIVER CHROMEDRIVER="$(command -v chromedriver)" "$@"; }
in_firefox() { env -u CHROMEDRIVER GECKODRIVER="$(command -v geckodriver)" "$@"; }

run "cargo fmt --check" cargo fmt --all -- --check
run "clippy (native: widget + stub)" cargo clippy --workspace --all-targets -- -D warnings
run "clippy (the shell's generator: native, Leptos ssr)" cargo clippy -p thena-add-contact --bin thena-shell --features shell -- -D warnings
run "clippy (wasm32)" cargo clippy -p thena-add-contact --target wasm32-unknown-unknown --all-targets -- -D warnings
run "clippy (wasm32, the release build's split feature)" cargo clippy -p thena-add-contact --target wasm32-unknown-unknown --features split -- -D warnings
run "clippy (wasm32, a Leptos host: tests/leptos-host, no embed)" cargo clippy -p thena-add-contact -p leptos-host --target wasm32-unknown-unknown --no-default-features -- -D warnings
run "native tests (unit, stub, doc)" cargo test --workspace
run "cargo doc (the crate's public docs; warnings fail)" env RUSTDOCFLAGS="-D warnings" cargo doc --no-deps -p thena-add-contact --target wasm32-unknown-unknown
run "cargo doc without embed (a Leptos host's)" env RUSTDOCFLAGS="-D warnings" cargo doc --no-deps -p thena-add-contact --no-default-features --target wasm32-unknown-unknown
run "build the stub API" cargo build -p stub-api
run "browser tests, headless Chrome" in_chrome cargo test -p thena-add-contact --target wasm32-unknown-unknown --test browser --test org_data --test resilience --test boundary
run "browser tests, headless Firefox" in_firefox cargo test -p thena-add-contact --target wasm32-unknown-unknown --test browser --test org_data --test resilience --test boundary
run "release build (trunk: the shells, the split, wasm-opt)" trunk build --release
run "size report (guards: 272 KB gzip, 216 KB brotli, 16 KB brotli before visible)" bash scripts/size-report.sh
# The e2e tests include the npm package (scripts/package.sh: target/*.tgz, target/cdn/) built by
# Vite and webpack 5 from the tarball.
run "end-to-end (playwright-core, chromium; npm package, bundlers, CDN)" node --test tests/e2e/
# Proves the screenshot script works on this build; the README's pictures (demo/screenshots/) are
# rewritten only by running it without an argument.
run "screenshots of the demo (target/screenshots)" node scripts/screenshots.mjs target/screenshots
# Proves the benchmark runs (one load per page); its figures are reported in the README, never
# asserted: run `node bench/run.mjs` for them. It needs the React peer it compares with.
# The React peer sits beside the repository (../shared/peers/react-form), or where PEER_DIST says.
peer=${PEER_DIST:-$root/../shared/peers/react-form/dist}
if [ -f "$peer/lean.js" ] && [ -f "$peer/form.js" ]; then
  run "benchmark, one load per page (not asserted)" env PEER_DIST="$peer" BENCH_RUNS=1 BENCH_WARMUP=0 \
    BENCH_CYCLE_RUNS=1 BENCH_CYCLES=3 BENCH_OUT=target/bench-smoke.json node bench/run.mjs
  run "benchmark on Slow 4G, one load per page (not asserted)" env PEER_DIST="$peer" BENCH_NET_RUNS=1 \
    BENCH_OUT=target/bench-network-smoke.json node bench/network.mjs
else
  printf '\n== check: benchmark skipped: no React peer at %s (set PEER_DIST)\n' "$peer"
fi

printf '\n== all checks passed\n'
printf '%s\n' "${timings[@]}"
