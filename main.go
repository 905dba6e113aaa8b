// Command taizhang is 台账, the desktop program of a street office: with no subcommand it
// opens the window; with one it runs headless for administrators and scheduled tasks.
package main

import (
	"os"

	_ "taizhang/app/uilocale" // before Fyne reads the locale: no "Error parsing user locale C"
)

func main() {
	// The Windows program is built as a GUI program (no console window of its own); a
	// command typed in cmd or PowerShell still prints there.
	attachConsole(os.Args[1:])
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}
