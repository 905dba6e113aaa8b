// Command taizhang is 台账, the desktop program of a street office: with no subcommand it
// opens the window; with one it runs headless for administrators and scheduled tasks.
package main

import (
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}
