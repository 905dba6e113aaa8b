package app

import (
	"unsafe"

	"golang.org/x/sys/windows"
)

// sealEntropy ties a sealed server password to this program: another program running as the
// same Windows account cannot unseal it without knowing it.
var sealEntropy = []byte("台账 Taizhang 单位服务器密码")

// canSeal reports whether this system seals passwords: Windows does, with DPAPI.
const canSeal = true

// sealPassword seals pw for the logged-in Windows account (DPAPI CryptProtectData): only
// that account on this PC can unseal it.
func sealPassword(pw string) ([]byte, error) {
	if pw == "" {
		return nil, nil
	}
	in := blob([]byte(pw))
	entropy := blob(sealEntropy)
	var out windows.DataBlob
	if err := windows.CryptProtectData(&in, nil, &entropy, 0, nil, windows.CRYPTPROTECT_UI_FORBIDDEN, &out); err != nil {
		return nil, err
	}
	return takeBlob(&out), nil
}

// unsealPassword opens what sealPassword sealed.
func unsealPassword(sealed []byte) (string, error) {
	if len(sealed) == 0 {
		return "", nil
	}
	in := blob(sealed)
	entropy := blob(sealEntropy)
	var out windows.DataBlob
	if err := windows.CryptUnprotectData(&in, nil, &entropy, 0, nil, windows.CRYPTPROTECT_UI_FORBIDDEN, &out); err != nil {
		return "", err
	}
	return string(takeBlob(&out)), nil
}

func blob(b []byte) windows.DataBlob {
	return windows.DataBlob{Size: uint32(len(b)), Data: &b[0]}
}

// takeBlob copies the bytes Windows allocated for out and frees them.
func takeBlob(out *windows.DataBlob) []byte {
	defer windows.LocalFree(windows.Handle(unsafe.Pointer(out.Data)))
	return append([]byte(nil), unsafe.Slice(out.Data, out.Size)...)
}
