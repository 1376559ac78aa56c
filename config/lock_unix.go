//go:build darwin || dragonfly || freebsd || illumos || linux || netbsd || openbsd || solaris

package config

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// readFlags open the config file to read without waiting: a named pipe
// would otherwise block the open until a writer came.
const readFlags = unix.O_NONBLOCK

// lockFlags open the lock file without following a link or waiting.
const lockFlags = unix.O_NONBLOCK | unix.O_NOFOLLOW

// waitLock takes an exclusive flock on f, waiting for another process (or
// another open of the file in this one) to let it go.
func waitLock(f *os.File) error {
	rc, err := f.SyscallConn()
	if err != nil {
		return err
	}
	var lerr error
	if err := rc.Control(func(fd uintptr) {
		for {
			// A signal (the Go runtime sends some) is no reason to give up.
			if lerr = unix.Flock(int(fd), unix.LOCK_EX); !errors.Is(lerr, unix.EINTR) {
				return
			}
		}
	}); err != nil {
		return err
	}
	return lerr
}

// unlockFile releases the lock (closing f would too).
func unlockFile(f *os.File) {
	if rc, err := f.SyscallConn(); err == nil {
		_ = rc.Control(func(fd uintptr) { _ = unix.Flock(int(fd), unix.LOCK_UN) })
	}
}
