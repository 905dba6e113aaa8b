#!/usr/bin/env bash
# `make dist`: builds every package into dist/ from this Debian machine, then checks them
# (check.sh). Each executable is built once; the Go build cache, the sysroots, nfpm and the
# test signing certificate are cached under ${XDG_CACHE_HOME:-$HOME/.cache}.
#
#   dist/taizhang-<v>-setup.exe                      Windows installer (NSIS), signed
#   dist/taizhang_<v>_amd64.deb, _arm64.deb          Kylin and other Debian-family systems
#   dist/<appid>_<v>_amd64.deb, _arm64.deb           UOS app-store layout under /opt/apps/<appid>
#
# Package metadata can be overridden from the environment: TAIZHANG_PUBLISHER,
# TAIZHANG_MAINTAINER ("Name <mail>"), TAIZHANG_HOMEPAGE. Signing: see sign.sh.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"

VERSION=$(bash "$here/version.sh")
APPID=$(bash "$here/version.sh" appid)
PUBLISHER=${TAIZHANG_PUBLISHER:-台账 Taizhang 项目}
MAINTAINER=${TAIZHANG_MAINTAINER:-台账 Taizhang 项目 <taizhang@invalid>}
HOMEPAGE=${TAIZHANG_HOMEPAGE:-}
COPYRIGHT="© $(date -u -d "@$(git log -1 --format=%ct 2>/dev/null || date +%s)" +%Y) ${PUBLISHER}"
export VERSION APPID PUBLISHER MAINTAINER HOMEPAGE
# File dates inside the packages: the commit's, not the build's.
SOURCE_DATE_EPOCH=$(git log -1 --format=%ct 2>/dev/null || date +%s)
export SOURCE_DATE_EPOCH

cache=${XDG_CACHE_HOME:-$HOME/.cache}
out=$root/dist
stage=$out/.stage
start=$SECONDS
step() { printf '\n==> [%d s] %s\n' "$((SECONDS - start))" "$*" >&2; }

rm -rf "$stage" "$out"/*.deb "$out"/*-setup.exe
mkdir -p "$stage"
echo "$VERSION" >"$stage/version"

step "版本 $VERSION（$APPID）"

# nfpm: a pinned release, built once into the cache (not vendored into this module).
NFPM_VERSION=v2.45.2
nfpm=$cache/taizhang-tools/nfpm-$NFPM_VERSION/nfpm
if [ ! -x "$nfpm" ]; then
  step "安装 nfpm $NFPM_VERSION"
  (cd / && GOBIN=$(dirname "$nfpm") GOFLAGS=-trimpath go install "github.com/goreleaser/nfpm/v2/cmd/nfpm@$NFPM_VERSION")
fi

step "图标"
go run ./assets/package/icons -in assets/icon.png -out "$stage/icons" -name "$APPID"
go run ./assets/package/icons -in assets/icon.png -out "$stage/ico" -flat -sizes 16,24,32,48,64,256

# ---- Linux: one executable per architecture, two packages each ----
for arch in amd64 arm64; do
  step "Linux $arch：编译（Debian 11 sysroot，glibc ≤ 2.28）"
  s=$stage/$arch
  mkdir -p "$s"
  bash "$here/build-linux.sh" "$arch" "$s/taizhang" "$VERSION"
  bash "$here/check-glibc.sh" "$s/taizhang"
  sed -e "s|@EXEC@|taizhang|" -e "s|@APPID@|$APPID|" "$here/linux/taizhang.desktop.in" >"$s/std.desktop"
  sed -e "s|@EXEC@|/opt/apps/$APPID/files/bin/taizhang|" -e "s|@APPID@|$APPID|" \
    "$here/linux/taizhang.desktop.in" >"$s/uos.desktop"
  # UOS app-store description. clipboard: copy and paste in forms; nothing else is asked for.
  jq -n --arg appid "$APPID" --arg version "$VERSION" --arg arch "$arch" '{
      appid: $appid, name: "台账", version: $version, arch: [$arch],
      permissions: {autostart: false, notification: false, trayicon: false, clipboard: true,
        account: false, bluetooth: false, camera: false, audio_record: false, installed_apps: false}
    }' >"$s/info"
  step "Linux $arch：打包"
  STAGE=$s ICONS=$stage/icons ARCH=$arch "$nfpm" package --config "$here/linux/nfpm-deb.yaml" --packager deb \
    --target "$out/taizhang_${VERSION}_${arch}.deb" >&2
  STAGE=$s ICONS=$stage/icons ARCH=$arch "$nfpm" package --config "$here/linux/nfpm-uos.yaml" --packager deb \
    --target "$out/${APPID}_${VERSION}_${arch}.deb" >&2
done

# ---- Windows ----
step "Windows：资源（图标、版本信息、清单）"
w=$stage/windows
mkdir -p "$w"
icotool -c -o "$w/taizhang.ico" "$stage"/ico/{16,24,32,48,64}.png --raw="$stage/ico/256.png"
sed -e "s|@APPID@|$APPID|g" -e "s|@VERSION@|$VERSION|g" "$here/windows/taizhang.exe.manifest.in" >"$w/taizhang.exe.manifest"
sed -e "s|@VERSION_COMMAS@|${VERSION//./,}|g" -e "s|@VERSION@|$VERSION|g" -e "s|@PUBLISHER@|$PUBLISHER|g" \
  -e "s|@COPYRIGHT@|$COPYRIGHT|g" "$here/windows/taizhang.rc.in" >"$w/taizhang.rc"
# go build links every *_windows_amd64.syso of the main package; it is generated, never committed,
# and removed again so no other build picks up a stale one.
syso=$root/rsrc_windows_amd64.syso
trap 'rm -f "$syso"' EXIT
(cd "$w" && x86_64-w64-mingw32-windres -c 65001 -O coff -i taizhang.rc -o "$syso")

step "Windows：编译"
CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc \
  go build -trimpath -ldflags "-s -w -H windowsgui -X main.Version=$VERSION" -o "$w/taizhang.exe" .
rm -f "$syso"

step "Windows：签名、安装程序"
bash "$here/sign.sh" "$w/taizhang.exe"
makensis -V2 -INPUTCHARSET UTF8 -NOCD \
  "-DVERSION=$VERSION" "-DAPPID=$APPID" "-DPUBLISHER=$PUBLISHER" "-DCOPYRIGHT=$COPYRIGHT" \
  "-DEXE=$w/taizhang.exe" "-DICON=$w/taizhang.ico" "-DOUTFILE=$out/taizhang-$VERSION-setup.exe" \
  "-DSIGN=bash $here/sign.sh" "$here/windows/installer.nsi" >&2

step "检查"
bash "$here/check.sh"
step "完成"
