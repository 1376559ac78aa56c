//go:build windows

package config

import (
	"errors"
	"os"

	"golang.org/x/sys/windows"
)

// readFlags: opening a file never waits on Windows.
const readFlags = 0

// lockFlags: Windows has no O_NOFOLLOW; the lock file's mode is checked
// after it is opened.
const lockFlags = 0

// tryLock takes an exclusive LockFileEx lock on f's first byte without
// waiting; false when another handle holds it.
func tryLock(f *os.File) (bool, error) {
	ol := new(windows.Overlapped)
	err := windows.LockFileEx(windows.Handle(f.Fd()), windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, ol)
	if errors.Is(err, windows.ERROR_LOCK_VIOLATION) || errors.Is(err, windows.ERROR_IO_PENDING) {
		return false, nil
	}
	return err == nil, err
}

// unlockFile releases the lock before the handle is closed.
func unlockFile(f *os.File) {
	_ = windows.UnlockFileEx(windows.Handle(f.Fd()), 0, 1, 0, new(windows.Overlapped))
}
