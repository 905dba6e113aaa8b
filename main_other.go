//go:build !windows

package main

// attachConsole is for Windows only: elsewhere the program always has its terminal.
func attachConsole([]string) {}

// alert is for Windows only: elsewhere a start-up failure goes to standard error, which a
// terminal or the desktop's session log shows.
func alert(title, msg string) {}
