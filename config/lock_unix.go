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

// tryLock takes an exclusive flock on f without waiting; false when another
// process (or another open of the file in this one) holds it.
func tryLock(f *os.File) (bool, error) {
	rc, err := f.SyscallConn()
	if err != nil {
		return false, err
	}
	var lerr error
	if err := rc.Control(func(fd uintptr) { lerr = unix.Flock(int(fd), unix.LOCK_EX|unix.LOCK_NB) }); err != nil {
		return false, err
	}
	if errors.Is(lerr, unix.EWOULDBLOCK) || errors.Is(lerr, unix.EINTR) {
		return false, nil
	}
	return lerr == nil, lerr
}

// unlockFile releases the lock (closing f would too).
func unlockFile(f *os.File) {
	if rc, err := f.SyscallConn(); err == nil {
		_ = rc.Control(func(fd uintptr) { _ = unix.Flock(int(fd), unix.LOCK_UN) })
	}
}
