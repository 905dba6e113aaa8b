//go:build !linux && !windows

package sqlite

func networkFilesystem(string) string { return "" }
