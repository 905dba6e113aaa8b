package app

import (
	"golang.org/x/sys/windows"
)

// defaultPrinters is nil on Windows: the PDF opens in the default viewer, which prints.
func defaultPrinters() printService { return nil }

// openPDF opens a PDF in the default viewer with ShellExecute "open". The "print" verb would
// print without a dialog, but Edge, the viewer most PCs have, does not register it.
func openPDF(path string) error {
	verb, _ := windows.UTF16PtrFromString("open")
	file, err := windows.UTF16PtrFromString(path)
	if err != nil {
		return err
	}
	return windows.ShellExecute(0, verb, file, nil, nil, windows.SW_SHOWNORMAL)
}
