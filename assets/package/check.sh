#!/usr/bin/env bash
# `make dist-check` (also the last step of `make dist`): checks what is in dist/ without
# trusting the build — package layouts and fields, glibc symbols, that both Linux executables
# run `taizhang version` (arm64 under qemu-aarch64 with the arm64 sysroot), the Windows
# executable's subsystem and resources, and the Authenticode signatures.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"
out=$root/dist
# The version dist.sh built (recorded in dist/.stage/version), not today's commit count.
VERSION=$(cat "$out/.stage/version" 2>/dev/null || bash "$here/version.sh")
APPID=$(bash "$here/version.sh" appid)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ok() { printf '  通过  %s\n' "$*" >&2; }
# Counted in a file: some checks run inside $( ).
bad() { printf '  失败  %s\n' "$*" >&2; echo x >>"$tmp/failures"; }
need() { [ -s "$1" ] || { echo "check.sh：缺少 $1，请先运行 make dist" >&2; exit 1; }; }

# The package a NEEDED library comes from, for the Depends check.
lib_package() {
  case $1 in
    libc.so.6 | libm.so.6 | libdl.so.2 | libpthread.so.0 | libresolv.so.2 | librt.so.1 | ld-linux*) echo libc6 ;;
    libGL.so.1) echo libgl1 ;;
    libX11.so.6) echo libx11-6 ;;
    libXrandr.so.2) echo libxrandr2 ;;
    libXcursor.so.1) echo libxcursor1 ;;
    libXi.so.6) echo libxi6 ;;
    libXinerama.so.1) echo libxinerama1 ;;
    libXxf86vm.so.1) echo libxxf86vm1 ;;
    *) echo "?" ;;
  esac
}

# check_deb FILE PACKAGE ARCH PATH… — fields, listed paths, no maintainer scripts, the executable.
check_deb() {
  local deb=$1 pkg=$2 arch=$3 exe=$4
  shift 4
  local name
  name=$(basename "$deb")
  need "$deb"
  local f
  for f in Package:"$pkg" Version:"$VERSION" Architecture:"$arch"; do
    if [ "$(dpkg-deb -f "$deb" "${f%%:*}")" = "${f#*:}" ]; then ok "$name ${f%%:*} = ${f#*:}"; else bad "$name ${f%%:*} 应为 ${f#*:}，实际为 $(dpkg-deb -f "$deb" "${f%%:*}")"; fi
  done
  local list
  list=$(dpkg-deb -c "$deb" | awk '{print $NF}' | sed 's|^\./|/|')
  for f in "$@"; do
    if grep -qxF "$f" <<<"$list"; then ok "$name 含 $f"; else bad "$name 缺少 $f"; fi
  done
  local ctrl
  ctrl=$(dpkg-deb --ctrl-tarfile "$deb" | tar -t | sed 's|^\./||')
  ctrl=$(grep -v -x -E '|control|md5sums|conffiles' <<<"$ctrl" || true)
  if [ -z "$ctrl" ]; then ok "$name 没有维护脚本"; else bad "$name 含维护脚本：$ctrl"; fi
  local x=$tmp/$name
  mkdir -p "$x" && dpkg-deb -x "$deb" "$x"
  [ -x "$x$exe" ] && ok "$name $exe 可执行" || bad "$name $exe 不可执行"
  # Every NEEDED library comes from a package named in Depends.
  local depends lib p
  depends=$(dpkg-deb -f "$deb" Depends)
  for lib in $(readelf -d "$x$exe" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
    p=$(lib_package "$lib")
    if [[ ", $depends," == *", $p"[\ ,]* ]]; then ok "$name $lib ← Depends: $p"; else bad "$name 需要 $lib，但 Depends（$depends）中没有提供它的软件包（$p）"; fi
  done
  echo "$x$exe"
}

step() { printf '\n==> %s\n' "$*" >&2; }
for arch in amd64 arm64; do
  step "Linux $arch"
  std=$(check_deb "$out/taizhang_${VERSION}_${arch}.deb" taizhang "$arch" /usr/bin/taizhang \
    /usr/bin/taizhang "/usr/share/applications/$APPID.desktop" \
    /usr/share/icons/hicolor/{16x16,24x24,32x32,48x48,64x64,128x128,256x256}/apps/"$APPID.png")
  uos=$(check_deb "$out/${APPID}_${VERSION}_${arch}.deb" "$APPID" "$arch" "/opt/apps/$APPID/files/bin/taizhang" \
    "/opt/apps/$APPID/info" "/opt/apps/$APPID/files/bin/taizhang" \
    "/opt/apps/$APPID/entries/applications/$APPID.desktop" \
    "/opt/apps/$APPID/entries/icons/hicolor/"{16x16,32x32,48x48,128x128,256x256}"/apps/$APPID.png")
  # Nothing of the UOS package outside /opt/apps/<appid>.
  outside=$(dpkg-deb -c "$out/${APPID}_${VERSION}_${arch}.deb" | awk '{print $NF}' | sed 's|^\./|/|' |
    grep -v -E "^/(opt/(apps/($APPID(/.*)?)?)?)?/?$" || true)
  [ -z "$outside" ] && ok "UOS $arch 全部文件都在 /opt/apps/$APPID/ 下" || bad "UOS $arch 有文件在 /opt/apps/$APPID/ 之外：$outside"
  info=$(dirname "$(dirname "$(dirname "$uos")")")/info
  if jq -e --arg appid "$APPID" --arg v "$VERSION" --arg arch "$arch" '
      .appid == $appid and .name == "台账" and .version == $v and (.version | test("^[0-9]+(\\.[0-9]+){3}$"))
      and .arch == [$arch] and (.permissions | type == "object")' "$info" >/dev/null; then
    ok "UOS $arch info：appid、name、四段版本号、arch、permissions"
  else
    bad "UOS $arch info 内容不对：$(cat "$info")"
  fi
  for d in "$(dirname "$(dirname "$std")")/share/applications/$APPID.desktop" \
    "$(dirname "$(dirname "$(dirname "$uos")")")/entries/applications/$APPID.desktop"; do
    if grep -qx 'Name=台账' "$d" && grep -q '^Comment\[zh_CN\]=' "$d" && grep -qx "Icon=$APPID" "$d"; then
      ok "$(basename "$d") Name=台账、中文 Comment、Icon=$APPID"
    else bad "$d 缺少 Name=台账、Comment[zh_CN] 或 Icon=$APPID"; fi
  done
  grep -qx "Exec=/opt/apps/$APPID/files/bin/taizhang" \
    "$(dirname "$(dirname "$(dirname "$uos")")")/entries/applications/$APPID.desktop" &&
    ok "UOS $arch Exec 指向 /opt/apps/$APPID/files/bin/taizhang" || bad "UOS $arch 的 Exec 不对"
  if cmp -s "$std" "$uos"; then ok "$arch 两个软件包中的程序相同"; else bad "$arch 两个软件包中的程序不同"; fi

  bash "$here/check-glibc.sh" "$std" && ok "$arch glibc ≤ 2.28" || bad "$arch 需要比 2.28 新的 glibc"
  machine=$(readelf -h "$std" | sed -n 's/^ *Machine: *//p')
  want=$([ "$arch" = amd64 ] && echo "Advanced Micro Devices X86-64" || echo AArch64)
  [ "$machine" = "$want" ] && ok "$arch ELF 机器类型 $machine" || bad "$arch ELF 机器类型是 $machine，应为 $want"
  # No folder of this machine (the work tree, the caches) inside the executable.
  leaks=$(grep -a -o -F -e "$root" -e "${XDG_CACHE_HOME:-$HOME/.cache}" "$std" | sort -u || true)
  [ -z "$leaks" ] && ok "$arch 程序中没有本机路径" || bad "$arch 程序中有本机路径：$leaks"

  if [ "$arch" = amd64 ]; then
    run=("$std")
    # Also with Debian 11's own loader and libraries (glibc 2.31), as on an older system.
    sr=$(bash "$here/sysroot.sh" amd64)
    if v=$(LC_ALL=zh_CN.UTF-8 LANG=zh_CN.UTF-8 "$sr/lib64/ld-linux-x86-64.so.2" \
      --library-path "$sr/lib/x86_64-linux-gnu:$sr/usr/lib/x86_64-linux-gnu" "$std" version 2>&1) &&
      [[ $v == *"$VERSION"* ]]; then
      ok "amd64 taizhang version 在 Debian 11 的 glibc 上：$(tail -1 <<<"$v")"
    else
      bad "amd64 taizhang version 在 Debian 11 的 glibc 上失败：$v"
    fi
  else
    command -v qemu-aarch64 >/dev/null || { bad "缺少 qemu-aarch64（Debian 软件包 qemu-user）"; continue; }
    run=(qemu-aarch64 -L "$(bash "$here/sysroot.sh" arm64)" "$std")
  fi
  # As on a clerk's PC: a Chinese UTF-8 locale.
  if v=$(LC_ALL=zh_CN.UTF-8 LANG=zh_CN.UTF-8 "${run[@]}" version 2>&1) && [[ $v == *"$VERSION"* ]]; then
    ok "$arch taizhang version：$(tail -1 <<<"$v")"
  else
    bad "$arch taizhang version 失败：$v"
  fi
done

step "Windows"
setup=$out/taizhang-$VERSION-setup.exe
exe=$out/.stage/windows/taizhang.exe
need "$setup"
need "$exe"
ca=$(bash "$here/sign.sh" --ca)
for f in "$exe" "$setup"; do
  if osslsigncode verify ${ca:+-CAfile "$ca"} -in "$f" >"$tmp/verify.log" 2>&1; then
    ok "$(basename "$f") 的 Authenticode 签名有效${ca:+（用 $(basename "$ca") 验证）}"
  else
    bad "$(basename "$f") 签名验证失败${ca:+（用 $ca 验证）}：$(grep -i -m3 -E 'error|fail' "$tmp/verify.log" | paste -sd';')"
  fi
done
# Whole outputs first, then grep: `cmd | grep -q` under pipefail fails when grep stops early.
headers=$(x86_64-w64-mingw32-objdump -p "$exe")
grep -q 'Subsystem.*(Windows GUI)' <<<"$headers" && ok "taizhang.exe 是 GUI 程序（-H windowsgui）" || bad "taizhang.exe 不是 GUI 子系统"
wide=$(strings -el "$exe")
grep -qx "$VERSION" <<<"$wide" && ok "taizhang.exe 版本信息 $VERSION" || bad "taizhang.exe 缺少版本信息 $VERSION"
# VERSIONINFO strings are UTF-16LE; 台账 in UTF-16LE has no zero byte, so grep -F finds it.
LC_ALL=C grep -aqF "$(printf '台账' | iconv -f UTF-8 -t UTF-16LE)" "$exe" && grep -qx ProductName <<<"$wide" &&
  ok "taizhang.exe 产品名 台账" || bad "taizhang.exe 缺少产品名 台账"
# The resources as Windows reads them (wrestool from icoutils): icon group, version, manifest.
wrestool -x --type=14 "$exe" >"$tmp/icon.ico" 2>/dev/null || true
icons=$(icotool -l "$tmp/icon.ico" 2>/dev/null || true)
grep -q -- '--width=256' <<<"$icons" && grep -q -- '--width=16 ' <<<"$icons" &&
  ok "taizhang.exe 图标 $(grep -c -- --icon <<<"$icons") 种尺寸（16–256）" || bad "taizhang.exe 没有 16–256 像素的图标"
wrestool -x -R --type=24 --name=1 "$exe" >"$tmp/manifest.xml" 2>/dev/null || true
for m in 'level="asInvoker"' PerMonitorV2 '>UTF-8</activeCodePage>' Microsoft.Windows.Common-Controls; do
  grep -qF "$m" "$tmp/manifest.xml" && ok "taizhang.exe 清单含 $m" || bad "taizhang.exe 清单缺少 $m"
done
grep -qx "$VERSION" <<<"$(strings -el "$setup")" && ok "$(basename "$setup") 版本信息 $VERSION" || bad "$(basename "$setup") 缺少版本信息"

echo >&2
if [ -s "$tmp/failures" ]; then
  echo "dist 检查：$(wc -l <"$tmp/failures") 项失败" >&2
  exit 1
fi
echo "dist 检查：全部通过（版本 $VERSION）" >&2
ls -l "$out"/*.deb "$out"/*-setup.exe >&2
