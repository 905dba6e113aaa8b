#!/usr/bin/env bash
# Fetches the embedded Chinese fonts from the npm registry at pinned versions, verifies the
# packages' SHA-256 and extracts the TrueType (glyf) faces and their licence texts next to this
# script, where assets/fonts.go embeds them. The fonts are OFL-1.1; they are not committed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cache=${TAIZHANG_FONT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/taizhang-fonts}
mkdir -p "$cache"

# package@version  sha256-of-tarball  file-in-tarball=name-here ...
fetch() {
  local pkg=$1 sum=$2; shift 2
  local need=0
  for pair in "$@"; do [ -s "$here/${pair#*=}" ] || need=1; done
  [ $need -eq 1 ] || return 0
  local tgz="$cache/$(echo "$pkg" | sed 's#^@##; s#/#-#; s#@#-#').tgz"
  if [ ! -s "$tgz" ] || ! echo "$sum  $tgz" | sha256sum -c --status; then
    command -v npm >/dev/null || { echo "需要 npm 来下载字体（apt-get install npm）" >&2; exit 1; }
    (cd "$cache" && npm pack --silent "$pkg" >/dev/null 2>&1)
  fi
  echo "$sum  $tgz" | sha256sum -c --status || { echo "字体包校验失败: $pkg" >&2; rm -f "$tgz"; exit 1; }
  for pair in "$@"; do
    tar -xzf "$tgz" -O "package/${pair%%=*}" > "$here/${pair#*=}.tmp"
    mv "$here/${pair#*=}.tmp" "$here/${pair#*=}"
  done
}

fetch @expo-google-fonts/noto-sans-sc@0.4.3 \
  0d69d0f4971d2ff574e3d93cbc218dc950bf3f3f8f8e2c008d97687ed53aee59 \
  400Regular/NotoSansSC_400Regular.ttf=NotoSansSC-Regular.ttf \
  700Bold/NotoSansSC_700Bold.ttf=NotoSansSC-Bold.ttf \
  LICENSE_FONT=OFL-NotoSansSC.txt
fetch @expo-google-fonts/noto-serif-sc@0.4.3 \
  ff6bcf5ba68d92dfecc05544bb150f9e724741a932354a0dd97e7289c40a3f5e \
  400Regular/NotoSerifSC_400Regular.ttf=NotoSerifSC-Regular.ttf \
  700Bold/NotoSerifSC_700Bold.ttf=NotoSerifSC-Bold.ttf \
  LICENSE_FONT=OFL-NotoSerifSC.txt
