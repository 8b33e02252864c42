//go:build !linux

package main

import (
	"errors"
	"os"
	"os/exec"
)

// ptyCommand is only written for Linux's pseudo-terminals.
func ptyCommand(cols, rows int, name string, args ...string) (cmd *exec.Cmd, master, slave *os.File, err error) {
	return nil, nil, nil, errors.New("no pseudo-terminal on this system")
}
