#!/usr/bin/env bash
# Builds the Linux executable for one architecture against the Debian 11 sysroot made by
# sysroot.sh, so it needs no glibc newer than 2.28 (UOS 20, Kylin V10).
#
#   bash assets/package/build-linux.sh amd64|arm64 OUTPUT VERSION
#
# amd64 uses this machine's gcc, arm64 Debian's gcc-aarch64-linux-gnu; both with --sysroot and
# the sysroot's include dirs first (-isystem), so neither the host's headers nor its libraries
# are used. pkg-config (go-gl/gl asks it for "gl") reads only the sysroot's .pc files.
set -euo pipefail
arch=${1:?用法：build-linux.sh amd64|arm64 输出文件 版本号}
out=${2:?用法：build-linux.sh amd64|arm64 输出文件 版本号}
version=${3:?用法：build-linux.sh amd64|arm64 输出文件 版本号}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
sysroot=$(bash "$here/sysroot.sh" "$arch")
case $arch in
  amd64) triplet=x86_64-linux-gnu cc=gcc ;;
  arm64) triplet=aarch64-linux-gnu cc=aarch64-linux-gnu-gcc ;;
  *) echo "build-linux.sh：不支持的架构 $arch" >&2; exit 2 ;;
esac
command -v "$cc" >/dev/null || { echo "build-linux.sh：缺少编译器 $cc，请先运行 bash .ci/setup-debian" >&2; exit 1; }

export CGO_ENABLED=1 GOOS=linux GOARCH=$arch CC=$cc
export CGO_CFLAGS="-O2 --sysroot=$sysroot -isystem $sysroot/usr/include/$triplet -isystem $sysroot/usr/include"
export CGO_LDFLAGS="--sysroot=$sysroot -L$sysroot/usr/lib/$triplet -L$sysroot/lib/$triplet -Wl,-rpath-link,$sysroot/usr/lib/$triplet -Wl,-rpath-link,$sysroot/lib/$triplet"
export PKG_CONFIG_SYSROOT_DIR=$sysroot
export PKG_CONFIG_LIBDIR=$sysroot/usr/lib/$triplet/pkgconfig:$sysroot/usr/share/pkgconfig
export PKG_CONFIG_PATH=
# -trimpath keeps this machine's folders (and the sysroot's, which cgo flags would otherwise
# record in the binary's build information) out of the executable.
go build -trimpath -ldflags "-s -w -X main.Version=$version" -o "$out" .
