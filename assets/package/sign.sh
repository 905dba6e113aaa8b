#!/usr/bin/env bash
# Authenticode-signs a Windows executable in place with osslsigncode.
#
#   bash assets/package/sign.sh FILE.exe        sign
#   bash assets/package/sign.sh --ca            print the CA file that verifies the signature
#
# The certificate is the PKCS#12 file named by TAIZHANG_SIGN_PFX (its password in
# TAIZHANG_SIGN_PASS, the issuing CA for verification in TAIZHANG_SIGN_CA). Without it, a
# self-made test certificate (its own test CA) is made once in the cache folder and used, so the
# signing step always runs; Windows does not trust that certificate, only a bought one. A
# timestamp server is asked only when TAIZHANG_SIGN_TIMESTAMP names one (an RFC 3161 URL).
set -euo pipefail
dir=${XDG_CACHE_HOME:-$HOME/.cache}/taizhang-sign

testcert() (
  umask 077
  # Remade when missing or when it expires within 30 days.
  if [ -s "$dir/test.pfx" ] && openssl x509 -checkend 2592000 -noout -in "$dir/test-cert.pem" >/dev/null 2>&1; then
    return
  fi
  mkdir -p "$dir" && chmod 700 "$dir"
  local t
  t=$(mktemp -d "$dir/new.XXXXXX")
  openssl req -x509 -newkey rsa:3072 -nodes -sha256 -days 3650 -utf8 \
    -subj "/O=台账 Taizhang/CN=台账 测试根证书（仅用于测试，不受 Windows 信任）" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -keyout "$t/test-ca.key" -out "$t/test-ca.pem" 2>/dev/null
  openssl req -newkey rsa:3072 -nodes -sha256 -utf8 -subj "/O=台账 Taizhang/CN=台账 测试代码签名证书" \
    -keyout "$t/test-cert.key" -out "$t/test-cert.csr" 2>/dev/null
  printf '%s\n' "basicConstraints=CA:FALSE" "keyUsage=critical,digitalSignature" \
    "extendedKeyUsage=codeSigning" "subjectKeyIdentifier=hash" "authorityKeyIdentifier=keyid" >"$t/ext.cnf"
  openssl x509 -req -sha256 -days 1095 -in "$t/test-cert.csr" -CA "$t/test-ca.pem" -CAkey "$t/test-ca.key" \
    -CAcreateserial -extfile "$t/ext.cnf" -out "$t/test-cert.pem" 2>/dev/null
  openssl rand -hex 16 >"$t/test.pass"
  openssl pkcs12 -export -inkey "$t/test-cert.key" -in "$t/test-cert.pem" -certfile "$t/test-ca.pem" \
    -passout "file:$t/test.pass" -out "$t/test.pfx"
  rm -f "$t/test-cert.csr" "$t/ext.cnf" "$t/test-ca.srl"
  mv "$t"/* "$dir"/ && rmdir "$t"
  echo "已生成测试用代码签名证书：$dir/test.pfx（Windows 不信任它，正式发布请设置 TAIZHANG_SIGN_PFX）" >&2
)

if [ "${1:-}" = "--ca" ]; then
  if [ -n "${TAIZHANG_SIGN_PFX:-}" ]; then
    echo "${TAIZHANG_SIGN_CA:-}"
  else
    testcert
    echo "$dir/test-ca.pem"
  fi
  exit 0
fi

file=${1:?用法：sign.sh 文件.exe}
[ -f "$file" ] || { echo "sign.sh：找不到要签名的文件 $file" >&2; exit 1; }
if [ -n "${TAIZHANG_SIGN_PFX:-}" ]; then
  [ -r "$TAIZHANG_SIGN_PFX" ] || { echo "sign.sh：TAIZHANG_SIGN_PFX 指向的证书文件 $TAIZHANG_SIGN_PFX 不存在或不可读" >&2; exit 1; }
  pfx=$TAIZHANG_SIGN_PFX
  pass=${TAIZHANG_SIGN_PASS:-}
else
  testcert
  pfx=$dir/test.pfx
  pass=$(cat "$dir/test.pass")
fi
ts=()
[ -z "${TAIZHANG_SIGN_TIMESTAMP:-}" ] || ts=(-ts "$TAIZHANG_SIGN_TIMESTAMP")
tmp=$file.signing
rm -f "$tmp"
# The password goes through stdin, never the command line (other users could read it there).
if ! printf '%s' "$pass" | osslsigncode sign -pkcs12 "$pfx" -readpass - -h sha256 -n "台账" "${ts[@]}" \
  -in "$file" -out "$tmp" >"$tmp.log" 2>&1; then
  cat "$tmp.log" >&2
  rm -f "$tmp" "$tmp.log"
  echo "sign.sh：给 $file 签名失败" >&2
  exit 1
fi
rm -f "$tmp.log"
mv "$tmp" "$file"
