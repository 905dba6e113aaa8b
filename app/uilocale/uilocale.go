// Package uilocale makes Fyne speak Chinese, and keeps it quiet, on a system whose locale is
// C or POSIX (LANG=C, LANG=C.UTF-8, or nothing set), as servers, containers and fresh
// installs often are. Fyne reads the locale while its packages initialise: with LANG=C.UTF-8
// it tries to parse "C" as a language and prints "Fyne error: Error parsing user locale C"
// for every command, and its own words (the select's placeholder, the calendar's months)
// come out in English.
//
// Import it (for its side effect) ahead of Fyne. It imports nothing but the standard
// library's os and runtime, so Go initialises it before Fyne's lang package, which needs
// far more (the Go spec's package initialisation order: the first package by import path
// whose imports are all initialised).
package uilocale

import (
	"os"
	"runtime"
)

func init() {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		return // the locale comes from the system's settings there, not the environment
	}
	Apply(os.Getenv, os.Setenv)
}

// Apply gives a C or POSIX locale the Chinese message language: LANGUAGE=zh_CN, which
// only message lookups read, and C.UTF-8 for a plain C or POSIX (for which LANGUAGE is
// ignored). A real locale (zh_CN.UTF-8, en_US.UTF-8) is left alone, as is a LANGUAGE
// already set.
func Apply(getenv func(string) string, setenv func(string, string) error) {
	name, value := "", ""
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if value = getenv(v); value != "" {
			name = v
			break
		}
	}
	if !isC(value) {
		return
	}
	if value == "C" || value == "POSIX" {
		_ = setenv(name, "C.UTF-8")
	}
	if getenv("LANGUAGE") == "" {
		_ = setenv("LANGUAGE", "zh_CN")
	}
}

// isC reports whether a locale value is the C or POSIX locale, or unset.
func isC(v string) bool {
	switch {
	case v == "", v == "C", v == "POSIX":
		return true
	case len(v) > 2 && v[:2] == "C.", len(v) > 6 && v[:6] == "POSIX.":
		return true
	}
	return false
}
