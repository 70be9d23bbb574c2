#!/usr/bin/env bash
# make report-check: run the demo study, check report.html is self-contained and byte-stable, open it in a real
# headless browser (Chromium from Debian) and write screenshots. Not part of `make test` (needs Chromium, ~1-3 min).
#
#   REPORT_CHECK_PERSONS  persons in the sample network (default 20000)
#   REPORT_CHECK_SEED     seed of the sample network (default 2018)
#   REPORT_CHECK_OUT      scratch folder (default .build/report-check)
#   REPORT_CHECK_HTML     check this existing report instead of running the demo (skips build, run and stability)
#   REPORT_CHECK_SHOTS    where the committed section screenshots go (default docs/report-screenshots)
set -euo pipefail
cd "$(dirname "$0")/.."

persons=${REPORT_CHECK_PERSONS:-20000}
seed=${REPORT_CHECK_SEED:-2018}
out=${REPORT_CHECK_OUT:-.build/report-check}
shots=${REPORT_CHECK_SHOTS:-docs/report-screenshots}
fail() { echo "report-check: FAIL: $*" >&2; exit 1; }

# Chromium from Debian, installed like scripts/setup.sh installs the other system packages.
if ! command -v chromium >/dev/null 2>&1; then
  echo "report-check: installing chromium"
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
  else
    fail "chromium is missing and cannot be installed here; run: sudo apt-get install -y chromium"
  fi
fi

mkdir -p "$out"
if [ -n "${REPORT_CHECK_HTML:-}" ]; then
  report=$(realpath "$REPORT_CHECK_HTML")
else
  swift build -c release --product pvstudy
  echo "report-check: pvstudy demo --persons $persons --seed $seed (twice, for byte stability)"
  start=$(date +%s)
  .build/release/pvstudy demo --persons "$persons" --seed "$seed" --out "$out/run1" --quiet > "$out/run1.log"
  echo "report-check: first run took $(( $(date +%s) - start )) s"
  .build/release/pvstudy demo --persons "$persons" --seed "$seed" --out "$out/run2" --quiet > "$out/run2.log"
  report=$(realpath "$out/run1/report.html")
  [ -s "$report" ] || fail "$report was not written"
  cmp -s "$out/run1/report.html" "$out/run2/report.html" || fail "report.html differs between two identical runs"
  cmp -s "$out/run1/results.json" "$out/run2/results.json" || fail "results.json differs between two identical runs"
  echo "report-check: report.html and results.json byte-identical across two runs"
fi

# Self-contained: no remote or local references, no scripts.
if grep -nE 'https?://|src=|<script|<link|url\(|@import' "$report" | head -5 | grep .; then
  fail "report.html references external resources (lines above)"
fi
svgs=$(grep -o '<svg ' "$report" | wc -l)
bytes=$(wc -c < "$report")
echo "report-check: $report: $bytes bytes, $svgs inline SVG charts, no external references"
[ "$svgs" -gt 0 ] || fail "no charts in the report"

chrome=(chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --virtual-time-budget=5000)
# Runs chromium with the given arguments; succeeds when it reports the screenshot written (it logs to stderr).
screenshot() {
  "${chrome[@]}" "$@" > "$out/chromium.log" 2>&1 || true
  grep -q "bytes written" "$out/chromium.log"
}

# The whole page (for looking at; not committed). Chromium captures the window, so the window is made tall.
screenshot --screenshot="$(realpath "$out")/report-full.png" --window-size=1280,20000 "file://$report" || fail "chromium could not render $report"
echo "report-check: full page -> $out/report-full.png"

# Section crops for docs/: the report is framed at a section anchor (Chromium scrolls the frame to it).
mkdir -p "$shots"
shoot() { # name anchor height
  local frame="$(realpath "$out")/frame-$1.html"
  printf '<!DOCTYPE html><html><body style="margin:0"><iframe src="file://%s#%s" style="border:0;width:1280px;height:%spx"></iframe></body></html>\n' \
    "$report" "$2" "$3" > "$frame"
  screenshot --screenshot="$shots/$1.png" --window-size=1280,"$3" --force-device-scale-factor=0.75 "file://$frame" || fail "chromium could not render section $2"
  echo "report-check: $2 -> $shots/$1.png ($(wc -c < "$shots/$1.png") bytes)"
}
anchor() { grep -o "id=\"design-[0-9]*-$1\"" "$report" | head -1 | sed 's/id="\(.*\)"/\1/'; }


printf '<!DOCTYPE html><html><body style="margin:0"><iframe src="file://%s" style="border:0;width:1280px;height:1100px"></iframe></body></html>\n' \
  "$report" > "$(realpath "$out")/frame-top.html"
screenshot --screenshot="$shots/overview.png" --window-size=1280,1100 --force-device-scale-factor=0.75 \
  "file://$(realpath "$out")/frame-top.html" || fail "chromium could not render the top"
echo "report-check: top -> $shots/overview.png ($(wc -c < "$shots/overview.png") bytes)"
for section in "estimates:sccs-estimates:1250" "age-season:sccs-age-season:1000" "preference:ps-preference:1350" \
               "km:ps-km-hr:1500" "time:ssa-time:1000"; do
  IFS=: read -r key name height <<< "$section"
  a=$(anchor "$key")
  if [ -n "$a" ]; then shoot "$name" "$a" "$height"; else echo "report-check: no section *-$key (design absent)"; fi
done
total=$(du -cb "$shots"/*.png | tail -1 | cut -f1)
echo "report-check: screenshots in $shots: $total bytes in total"
echo "report-check: OK"
