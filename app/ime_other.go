//go:build !windows

package app

import "fyne.io/fyne/v2"

// imeSupported: only on Windows does the program place the input method's windows itself.
const imeSupported = false

func placeIME(fyne.Window, imeSpot) {}
