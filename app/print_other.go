//go:build !windows

package app

// defaultPrinters is CUPS, the printing system of Linux desktops (UOS, Kylin).
func defaultPrinters() printService { return cupsPrinters{} }

// openPDF opens a PDF in the desktop's default viewer.
func openPDF(path string) error { return fyneOpenURL(path) }
