package main

import (
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"syscall"

	"golang.org/x/sys/unix"
)

// ptyCommand prepares name with args to run on a new pseudo-terminal of
// cols×rows, as its controlling terminal and its standard input, output and
// error. It returns the terminal's master side, from which everything the
// command writes is read and to which keys are written, and its slave side,
// which the caller closes once the command has started.
func ptyCommand(cols, rows int, name string, args ...string) (cmd *exec.Cmd, master, slave *os.File, err error) {
	master, err = os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("open pseudo-terminal: %w", err)
	}
	// Control rather than Fd: Fd would put the master in blocking mode,
	// where Close does not end a read under way.
	conn, err := master.SyscallConn()
	if err != nil {
		master.Close()
		return nil, nil, nil, err
	}
	var n int
	var ioctlErr error
	err = conn.Control(func(fd uintptr) {
		if ioctlErr = unix.IoctlSetPointerInt(int(fd), unix.TIOCSPTLCK, 0); ioctlErr != nil {
			return
		}
		n, ioctlErr = unix.IoctlGetInt(int(fd), unix.TIOCGPTN)
	})
	if err == nil {
		err = ioctlErr
	}
	if err != nil {
		master.Close()
		return nil, nil, nil, fmt.Errorf("unlock pseudo-terminal: %w", err)
	}
	slave, err = os.OpenFile("/dev/pts/"+strconv.Itoa(n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		master.Close()
		return nil, nil, nil, fmt.Errorf("open pseudo-terminal: %w", err)
	}
	size := unix.Winsize{Row: uint16(rows), Col: uint16(cols)}
	if err := unix.IoctlSetWinsize(int(slave.Fd()), unix.TIOCSWINSZ, &size); err != nil {
		master.Close()
		slave.Close()
		return nil, nil, nil, fmt.Errorf("size pseudo-terminal: %w", err)
	}
	cmd = exec.Command(name, args...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = slave, slave, slave
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true, Ctty: 0}
	return cmd, master, slave, nil
}
