package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"time"
)

// lockWait is how long a save waits for another rotui's save of the same
// file to finish before it gives up.
var lockWait = 10 * time.Second

// lock takes the advisory lock of the config file at path: an exclusive
// lock on path+".lock", a file beside it made with mode 0600 (and its
// folder with 0700) when missing, and kept afterwards, since removing it
// would let two savers lock two different files of the same name. The lock
// is held around read-check-write, so that two processes saving at once
// both land instead of one refusing because the file changed under it.
// The lock file is never a link nor anything but a regular file. unlock
// releases the lock; a save that waited lockWait gives up with a
// *FileError.
func lock(path string) (unlock func(), err error) {
	name := path + ".lock"
	fail := func(what, fix string, err error) error {
		return &FileError{Path: path, What: what, Err: err, Fix: "nothing was changed; " + fix}
	}
	if err := os.MkdirAll(filepath.Dir(path), DirMode); err != nil {
		return nil, folderError(path, err)
	}
	fh, err := os.OpenFile(name, os.O_RDONLY|os.O_CREATE|lockFlags, FileMode)
	if err != nil {
		if errors.Is(err, syscall.ELOOP) {
			return nil, fail("its lock file "+name+" is a symbolic link", "remove that link (rotui makes a plain lock file there) and save again", err)
		}
		return nil, fail("its lock file "+name+" cannot be opened: "+plainError(err, name), "check the folder "+filepath.Dir(path)+" or pass another file with --config", err)
	}
	if info, err := fh.Stat(); err != nil || !info.Mode().IsRegular() {
		fh.Close()
		return nil, fail("its lock file "+name+" is not a regular file", "remove it (rotui makes a plain lock file there) and save again", err)
	}
	// A blocking lock, so that the kernel wakes a waiter the moment the lock
	// is let go: polling lost the race to a process saving in a loop. The
	// wait has a deadline; a waiter given up on lets the lock go (and closes
	// the file) as soon as it gets it.
	got := make(chan error, 1)
	go func() { got <- waitLock(fh) }()
	timer := time.NewTimer(lockWait)
	defer timer.Stop()
	select {
	case err := <-got:
		if err != nil {
			fh.Close()
			return nil, fail("its lock file "+name+" cannot be locked: "+plainError(err, name), "pass a file on a local disk with --config", err)
		}
		return func() {
			unlockFile(fh)
			fh.Close()
		}, nil
	case <-timer.C:
		go func() {
			if err := <-got; err == nil {
				unlockFile(fh)
			}
			fh.Close()
		}()
		return nil, fail(fmt.Sprintf("another rotui has been saving it for %s (it holds %s)", lockWait, name),
			"save again; if no other rotui is running, remove "+name, nil)
	}
}

// folderError is a *FileError for a config folder that could not be made.
func folderError(path string, err error) error {
	dir := filepath.Dir(path)
	fe := &FileError{Path: path, What: "its folder could not be made: " + plainError(err, dir), Err: err,
		Fix: "nothing was changed; check the folder " + dir + " or pass another file with --config"}
	if errors.Is(err, syscall.ENOTDIR) || errors.Is(err, syscall.EEXIST) {
		fe.What = "its folder " + dir + " cannot be made, because something on that path is a file"
		fe.Fix = "nothing was changed; move that file away or pass another file with --config"
	}
	return fe
}
