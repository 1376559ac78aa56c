// Package safefile writes the files rotui is asked to write (a report, the
// demo tenant's certificate) without ever writing through a symbolic link:
// a link planted under the name in a shared folder would otherwise make
// rotui overwrite the file it points at. Both writers go through a
// temporary file in the same folder and a rename, so a half-written file
// never exists under the name, and a rename replaces a link swapped in at
// the last moment itself, never what it points at.
//
// The profiles file has its own writer (config), which also locks.
package safefile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// MaxNewNames is how many names CreateNew tries (the name, then -2 … -99)
// before it gives up.
const MaxNewNames = 99

// Replace writes data to path, a file the person named (as curl -o does):
// a regular file already there is replaced; a symbolic link, a folder or
// anything else that is not a regular file is refused and left as it is.
// The folder must exist. mode is the new file's. It returns the absolute
// path written.
func Replace(path string, data []byte, mode fs.FileMode) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", fmt.Errorf("the path %s cannot be made absolute: %v", path, err)
	}
	li, err := os.Lstat(abs)
	switch {
	case err == nil:
		if err := replaceable(abs, li); err != nil {
			return "", err
		}
	case !errors.Is(err, fs.ErrNotExist):
		return "", fmt.Errorf("%s cannot be written: %v; choose another path", abs, unwrapPath(err))
	}
	if err := folderExists(abs); err != nil {
		return "", err
	}
	// Between the Lstat above and the rename, the name may be swapped for a
	// link: the rename replaces the link itself, never what it points at.
	if err := writeThroughTemp(abs, data, mode); err != nil {
		return "", err
	}
	return abs, nil
}

// CreateNew writes data to a file that did not exist before, for a name
// rotui chose itself (one that can be guessed): path when it is free, else
// the same name with -2, -3, … before its extension. A name taken by
// anything (a file, a symbolic link, even a link to nothing) is skipped and
// left alone: each name is claimed with O_CREATE|O_EXCL|O_NOFOLLOW, which
// never follows a link, and the data then moved into it through a
// temporary file and a rename. It returns the absolute path written.
func CreateNew(path string, data []byte, mode fs.FileMode) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", fmt.Errorf("the path %s cannot be made absolute: %v", path, err)
	}
	if err := folderExists(abs); err != nil {
		return "", err
	}
	ext := filepath.Ext(abs)
	stem := strings.TrimSuffix(abs, ext)
	for i := 1; i <= MaxNewNames; i++ {
		name := abs
		if i > 1 {
			name = stem + "-" + strconv.Itoa(i) + ext
		}
		claim, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL|noFollow, mode)
		if errors.Is(err, fs.ErrExist) || errors.Is(err, syscall.ELOOP) {
			continue
		}
		if err != nil {
			return "", fmt.Errorf("nothing can be written in %s: %v; choose another folder", filepath.Dir(abs), unwrapPath(err))
		}
		claim.Close()
		if err := writeThroughTemp(name, data, mode); err != nil {
			os.Remove(name) // the empty file claimed above, nothing else
			return "", err
		}
		return name, nil
	}
	return "", fmt.Errorf("the names %s to %s are all taken in %s; move some of those files away and try again",
		filepath.Base(abs), filepath.Base(stem)+"-"+strconv.Itoa(MaxNewNames)+ext, filepath.Dir(abs))
}

// replaceable refuses what is at abs unless it is a regular file.
func replaceable(abs string, li fs.FileInfo) error {
	mode := li.Mode()
	switch {
	case mode.IsRegular():
		return nil
	case mode.IsDir():
		return fmt.Errorf("%s is a folder; name a file in it", abs)
	case mode&fs.ModeSymlink != 0:
		return fmt.Errorf("%s is a symbolic link; rotui never writes through a link (one planted in a shared folder would make it overwrite another file), so nothing was written; remove the link or name another file", abs)
	default:
		return fmt.Errorf("%s is not a regular file (it is %s); rotui replaces only a regular file, so nothing was written; name another file", abs, KindOf(mode))
	}
}

// KindOf names a file that is neither regular nor a folder: "a named pipe",
// "a socket", "a device", "a symbolic link", else "a special file".
func KindOf(mode fs.FileMode) string {
	switch {
	case mode&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case mode&fs.ModeSocket != 0:
		return "a socket"
	case mode&fs.ModeDevice != 0:
		return "a device"
	case mode&fs.ModeSymlink != 0:
		return "a symbolic link"
	}
	return "a special file"
}

// folderExists checks that the folder abs is to be written in is there.
func folderExists(abs string) error {
	dir := filepath.Dir(abs)
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		return fmt.Errorf("the folder %s does not exist (or is not a folder); make it or choose another path", dir)
	}
	return nil
}

// writeThroughTemp writes data to a new temporary file beside abs, with
// mode, and renames it to abs.
func writeThroughTemp(abs string, data []byte, mode fs.FileMode) error {
	dir := filepath.Dir(abs)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(abs)+".*.tmp")
	if err != nil {
		return fmt.Errorf("nothing can be written in %s: %v; choose another folder", dir, unwrapPath(err))
	}
	name := tmp.Name()
	fail := func(err error) error {
		tmp.Close()
		os.Remove(name)
		return fmt.Errorf("%s could not be written: %v; nothing was changed", abs, unwrapPath(err))
	}
	if err := tmp.Chmod(mode); err != nil {
		return fail(err)
	}
	if _, err := tmp.Write(data); err != nil {
		return fail(err)
	}
	if err := tmp.Sync(); err != nil {
		return fail(err)
	}
	if err := tmp.Close(); err != nil {
		os.Remove(name)
		return fmt.Errorf("%s could not be written: %v; nothing was changed", abs, unwrapPath(err))
	}
	if err := os.Rename(name, abs); err != nil {
		os.Remove(name)
		return fmt.Errorf("%s could not be written: %v; nothing was changed", abs, unwrapPath(err))
	}
	return nil
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
