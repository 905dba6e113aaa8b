#!/usr/bin/env bash
# The one place that computes the packages' version: FyneApp.toml's Version (three numbers)
# plus, as the fourth number, how many commits the checked-out history has. Every package
# (setup.exe, its VERSIONINFO, the .debs, the UOS info file) and `taizhang version` use it.
#
#   bash assets/package/version.sh            → 0.1.0.214
#   bash assets/package/version.sh appid      → cn.gov.street.taizhang (FyneApp.toml's ID)
#
# A shallow clone counts only the commits it has; CI should fetch the whole history.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
toml=$root/FyneApp.toml
field() { sed -n "s/^[[:space:]]*$1[[:space:]]*=[[:space:]]*\"\\(.*\\)\"[[:space:]]*\$/\\1/p" "$toml" | head -1; }
case ${1:-version} in
  appid)
    id=$(field ID)
    [[ $id =~ ^[a-z][a-z0-9]*(\.[a-z0-9-]+)+$ ]] || { echo "version.sh：FyneApp.toml 的 ID「$id」不是倒置域名形式" >&2; exit 1; }
    echo "$id" ;;
  version)
    base=$(field Version)
    [[ $base =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || { echo "version.sh：FyneApp.toml 的 Version「$base」应为三段数字，如 0.1.0" >&2; exit 1; }
    count=$(git -C "$root" rev-list --count HEAD 2>/dev/null || echo 0)
    echo "$base.$count" ;;
  *) echo "用法：version.sh [version|appid]" >&2; exit 2 ;;
esac
