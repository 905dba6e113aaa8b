#!/usr/bin/env bash
# Prints the path of a Debian 11 (bullseye, glibc 2.31 headers, binaries built against it need at
# most GLIBC_2.28 for what Fyne uses) sysroot for the given Debian architecture, building it the
# first time. UOS 20 and Kylin V10 ship glibc 2.28; a cgo build against this Debian 12 machine's
# own libc would need 2.34, so the Linux packages link against this older tree instead.
#
#   bash assets/package/sysroot.sh amd64|arm64
#
# debootstrap --foreign only downloads and unpacks; nothing runs inside the tree, so the same way
# works for a foreign architecture (no qemu, no chroot). Sysroots are cached under
# ${XDG_CACHE_HOME:-$HOME/.cache}/taizhang-sysroots, keyed by a hash of this script, so a change
# here (another -dev package, another suite) builds them afresh.
set -euo pipefail
arch=${1:?用法：sysroot.sh amd64|arm64}
case $arch in amd64 | arm64) ;; *) echo "sysroot.sh：不支持的架构 $arch（只支持 amd64、arm64）" >&2; exit 2 ;; esac

suite=bullseye
mirror=${TAIZHANG_DEBIAN_MIRROR:-http://deb.debian.org/debian}
# The -dev packages Fyne's cgo code (go-gl/gl, go-gl/glfw with X11) compiles and links against.
include=libc6-dev,libgl1-mesa-dev,libx11-dev,libxcursor-dev,libxrandr-dev,libxinerama-dev,libxi-dev,libxxf86vm-dev,libxext-dev,libxrender-dev,libxfixes-dev,x11proto-dev

cache=${XDG_CACHE_HOME:-$HOME/.cache}/taizhang-sysroots
key=$(sha256sum "${BASH_SOURCE[0]}" | cut -c1-12)
dir=$cache/$suite-$arch-$key
if [ -f "$dir/.complete" ]; then
  echo "$dir"
  exit 0
fi

mkdir -p "$cache"
# Sysroots of an older version of this script are of no further use.
for old in "$cache/$suite-$arch-"*; do
  [ "$old" = "$dir" ] || [ ! -e "$old" ] || rm -rf "$old"
done
tmp=$dir.tmp
rm -rf "$tmp"
echo "正在用 debootstrap 建立 Debian 11 ($arch) 的编译环境，首次需要几分钟……" >&2
if ! debootstrap --variant=minbase --foreign --arch="$arch" --include="$include" \
  "$suite" "$tmp" "$mirror" >"$tmp.log" 2>&1; then
  tail -20 "$tmp.log" >&2
  echo "sysroot.sh：debootstrap 失败（$arch，镜像 $mirror），完整日志见 $tmp.log" >&2
  exit 1
fi
# The first stage unpacks only the base system; the packages asked for with --include (and what
# they depend on) are left as .debs. Unpack them all: a sysroot needs files, not configuration.
for deb in "$tmp"/var/cache/apt/archives/*.deb; do
  dpkg-deb -x "$deb" "$tmp"
done
rm -rf "$tmp"/var/cache/apt/archives/*.deb "$tmp"/debootstrap/*.deb

# Absolute symlinks (libm.so -> /lib/…/libm.so.6) would point into this machine's own /lib, and
# gcc would then silently link against the host's newer libc. Make every one relative.
while IFS= read -r -d '' link; do
  target=$(readlink "$link")
  case $target in
    /*) ln -sfn "$(realpath -sm --relative-to="$(dirname "$link")" "$tmp$target")" "$link" ;;
  esac
done < <(find "$tmp" -type l -print0)

touch "$tmp/.complete"
rm -f "$tmp.log"
mv "$tmp" "$dir"
echo "$dir"
