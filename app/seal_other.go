//go:build !windows

package app

import "errors"

// canSeal reports whether this system seals passwords. Only Windows (DPAPI) is used: on
// Linux a desktop keyring is not always there (and not on every 信创 desktop), so the server
// password is not kept at all and the window asks for it once per start.
const canSeal = false

func sealPassword(string) ([]byte, error) {
	return nil, errors.New("no password sealing on this system")
}

func unsealPassword([]byte) (string, error) {
	return "", errors.New("no password sealing on this system")
}
