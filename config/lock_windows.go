//go:build windows

package config

import (
	"os"

	"golang.org/x/sys/windows"
)

// readFlags: opening a file never waits on Windows.
const readFlags = 0

// lockFlags: Windows has no O_NOFOLLOW; the lock file's mode is checked
// after it is opened.
const lockFlags = 0

// waitLock takes an exclusive LockFileEx lock on f's first byte, waiting
// for another handle to let it go.
func waitLock(f *os.File) error {
	return windows.LockFileEx(windows.Handle(f.Fd()), windows.LOCKFILE_EXCLUSIVE_LOCK, 0, 1, 0, new(windows.Overlapped))
}

// unlockFile releases the lock before the handle is closed.
func unlockFile(f *os.File) {
	_ = windows.UnlockFileEx(windows.Handle(f.Fd()), 0, 1, 0, new(windows.Overlapped))
}
