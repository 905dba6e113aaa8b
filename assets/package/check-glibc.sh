#!/usr/bin/env bash
# Fails when a Linux executable needs a glibc symbol newer than GLIBC_2.28 (UOS 20, Kylin V10).
#
#   bash assets/package/check-glibc.sh FILE…
set -euo pipefail
max=2.28
status=0
for f in "$@"; do
  # Prints "newest-version" on the first line, then every symbol newer than $max.
  report=$(objdump -T "$f" | awk -v max="$max" '
    function newer(a, b,   x, y, n, i) {   # a > b, numerically per dot-separated part
      n = split(a, x, "."); split(b, y, ".")
      for (i = 1; i <= n || i in y; i++) { if ((x[i] + 0) != (y[i] + 0)) return (x[i] + 0) > (y[i] + 0) }
      return 0
    }
    match($0, /GLIBC_[0-9][0-9.]*/) {
      v = substr($0, RSTART + 6, RLENGTH - 6); seen = 1
      if (newest == "" || newer(v, newest)) newest = v
      if (newer(v, max)) bad = bad "  " $NF " (GLIBC_" v ")\n"
    }
    END { if (!seen) exit 1; print newest; printf "%s", bad }') ||
    { echo "check-glibc：$f 没有 glibc 符号，不是动态链接的 Linux 程序" >&2; status=1; continue; }
  newest=$(head -1 <<<"$report")
  if [ "$(wc -l <<<"$report")" -gt 1 ]; then
    echo "check-glibc：$f 需要 GLIBC_$newest，超过 UOS 20 / 麒麟 V10 的 glibc $max；这些符号太新：" >&2
    tail -n +2 <<<"$report" >&2
    status=1
  else
    echo "check-glibc：$f 最新的 glibc 符号为 GLIBC_$newest（不超过 $max）" >&2
  fi
done
exit $status
