package main

import (
	"bytes"
	"errors"
	"fmt"
	"log"
	"strings"

	"github.com/go-gl/glfw/v3.3/glfw"
)

// probeGL makes a hidden window with an OpenGL 2.1 context through GLFW, the library Fyne
// draws its windows with, reads the version made, and tears everything down again. It runs
// on the main thread (Fyne locks it at start) before Fyne touches GLFW.
func probeGL() (p glProbe) {
	defer func() {
		// The GLFW binding panics on some failures (no display: "not initialized").
		if r := recover(); r != nil {
			if p.Stage == "" {
				p.Stage = "init"
			}
			p.Detail = fmt.Sprint(r)
		}
	}()
	p.Stage = "init"
	// The binding only logs a platform error of Init (no X display, no driver) and reports
	// success; the log line is the failure.
	var logged bytes.Buffer
	prev, flags := log.Writer(), log.Flags()
	log.SetOutput(&logged)
	log.SetFlags(0)
	err := glfw.Init()
	log.SetOutput(prev)
	log.SetFlags(flags)
	if err == nil && logged.Len() > 0 {
		err = errors.New(strings.TrimSpace(logged.String()))
		glfw.Terminate()
	}
	if err != nil {
		p.Detail = err.Error()
		return p
	}
	defer glfw.Terminate()
	p.Stage = "window"
	glfw.DefaultWindowHints()
	glfw.WindowHint(glfw.Visible, glfw.False)
	glfw.WindowHint(glfw.ContextVersionMajor, 2)
	glfw.WindowHint(glfw.ContextVersionMinor, 1)
	w, err := glfw.CreateWindow(64, 64, "台账", nil, nil)
	if err != nil {
		p.Detail = err.Error()
		return p
	}
	defer w.Destroy()
	p.Major = w.GetAttrib(glfw.ContextVersionMajor)
	p.Minor = w.GetAttrib(glfw.ContextVersionMinor)
	p.Stage = ""
	return p
}
