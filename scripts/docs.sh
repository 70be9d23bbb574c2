#!/usr/bin/env bash
# `make docs`: builds the DocC documentation of each library module with swift-docc-plugin and fails on any symbol
# or article link that does not resolve. Other DocC warnings (for example a parameter without documentation) are
# printed and counted but do not fail. Archives: .build/plugins/Swift-DocC/outputs/<Module>.doccarchive
set -uo pipefail
cd "$(dirname "$0")/.."

modules=(SignalStats CohortModel SampleData)
for m in StudyKit; do
    [ -d "Sources/$m/$m.docc" ] && modules+=("$m")
done

failed=0
for m in "${modules[@]}"; do
    log=".build/docs-$m.log"
    mkdir -p .build
    if ! swift package generate-documentation --target "$m" >"$log" 2>&1; then
        echo "docs: $m: DocC failed (log: $log)"
        tail -20 "$log"
        failed=1
        continue
    fi
    unresolved=$(grep -cE "^(warning|error): .*(doesn't exist|is ambiguous|couldn't be resolved|No symbol|No article)" "$log")
    other=$(grep -cE "^(warning|error):" "$log")
    other=$((other - unresolved))
    if [ "$unresolved" -gt 0 ]; then
        echo "docs: $m: $unresolved unresolved link(s):"
        grep -A2 -E "^(warning|error): .*(doesn't exist|is ambiguous|couldn't be resolved|No symbol|No article)" "$log" \
            | grep -E "^(warning|error)|-->"
        failed=1
    else
        echo "docs: $m: every link resolves; $other other DocC warning(s) (log: $log)"
    fi
    echo "      .build/plugins/Swift-DocC/outputs/$m.doccarchive"
done
exit $failed
