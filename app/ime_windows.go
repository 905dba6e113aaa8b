//go:build windows

package app

import (
	"unsafe"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver"
	"golang.org/x/sys/windows"
)

// imeSupported: on Windows the program places the input method's windows at the caret.
const imeSupported = true

var (
	imm32                       = windows.NewLazySystemDLL("imm32.dll")
	procImmGetContext           = imm32.NewProc("ImmGetContext")
	procImmReleaseContext       = imm32.NewProc("ImmReleaseContext")
	procImmSetCompositionWindow = imm32.NewProc("ImmSetCompositionWindow")
	procImmSetCandidateWindow   = imm32.NewProc("ImmSetCandidateWindow")
)

// Styles of COMPOSITIONFORM and CANDIDATEFORM (imm.h).
const (
	cfsPoint   = 0x0002
	cfsExclude = 0x0080
)

// point is POINT.
type point struct {
	X, Y int32
}

// compositionForm is COMPOSITIONFORM.
type compositionForm struct {
	style uint32
	pos   point
	area  windows.Rect
}

// candidateForm is CANDIDATEFORM.
type candidateForm struct {
	index uint32
	style uint32
	pos   point
	area  windows.Rect
}

// placeIME moves the composition window to the caret and the candidate list just under the
// caret's line (kept clear of it), in w's client coordinates. Any failure leaves the input
// method where it was: typing still works.
func placeIME(w fyne.Window, spot imeSpot) {
	nw, ok := w.(driver.NativeWindow)
	if !ok {
		return
	}
	nw.RunNative(func(ctx any) {
		wc, ok := ctx.(driver.WindowsWindowContext)
		if !ok || wc.HWND == 0 {
			return
		}
		if err := imm32.Load(); err != nil {
			return
		}
		himc, _, _ := procImmGetContext.Call(wc.HWND)
		if himc == 0 {
			return // no input method on this window
		}
		defer procImmReleaseContext.Call(wc.HWND, himc)
		comp := compositionForm{style: cfsPoint, pos: point{X: spot.X, Y: spot.Y}}
		procImmSetCompositionWindow.Call(himc, uintptr(unsafe.Pointer(&comp)))
		cand := candidateForm{style: cfsExclude, pos: point{X: spot.X, Y: spot.Y + spot.H},
			area: windows.Rect{Left: spot.X, Top: spot.Y, Right: spot.X + 1, Bottom: spot.Y + spot.H}}
		procImmSetCandidateWindow.Call(himc, uintptr(unsafe.Pointer(&cand)))
	})
}
