package report

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// FileMode is the mode of a report file: it names users and tenants.
const FileMode fs.FileMode = 0o600

// maxNewNames is how many names WriteNew tries (the name, then -2 … -99)
// before it gives up.
const maxNewNames = 99

// DefaultFileName is a report's file name when the person did not choose
// one: rotui-report-20261125-173000.md (UTC).
func DefaultFileName(now time.Time) string {
	return "rotui-report-" + now.UTC().Format("20060102-150405") + ".md"
}

// Write renders r and writes it to path (see WriteFile).
func (r *Report) Write(path string) (string, error) {
	return WriteFile(path, r.Markdown())
}

// WriteNew renders r and writes it to a new file at path, or beside it
// under the next free name (see WriteNew).
func (r *Report) WriteNew(path string) (string, error) {
	return WriteNew(path, r.Markdown())
}

// WriteFile writes markdown to path, a file the person named (--report
// FILE): with mode 0600, through a temporary file and a rename in the same
// folder, so a half-written report never exists. A regular file already at
// path is replaced, as curl -o does; a symbolic link, a folder or anything
// else that is not a regular file is refused and left as it is, since a
// link planted in a shared folder would otherwise make rotui overwrite the
// file it points at. The folder must exist. It returns the absolute path
// written, to show the person.
func WriteFile(path, markdown string) (string, error) {
	abs, err := absPath(path)
	if err != nil {
		return "", err
	}
	li, err := os.Lstat(abs)
	switch {
	case err == nil:
		if err := replaceable(abs, li); err != nil {
			return "", err
		}
	case !errors.Is(err, fs.ErrNotExist):
		return "", fmt.Errorf("the report cannot be written to %s: %v; choose another path", abs, unwrapPath(err))
	}
	if err := folderExists(abs); err != nil {
		return "", err
	}
	// Between the Lstat above and the rename below, the name may be swapped
	// for a link: a rename replaces the link itself, never what it points
	// at, so nothing outside this name is ever written.
	if err := writeThroughTemp(abs, markdown); err != nil {
		return "", err
	}
	return abs, nil
}

// WriteNew writes markdown to a file that did not exist before, for a name
// rotui chose itself (the TUI's w, whose default name can be guessed to the
// second): path when it is free, else the same name with -2, -3, … before
// its extension. A name taken by anything (a file, a symbolic link, even a
// link to nothing) is skipped and left alone. Each name is claimed with
// O_CREATE|O_EXCL|O_NOFOLLOW, which never follows a link, and the report is
// then moved into it through a temporary file and a rename. It returns the
// absolute path written, to show the person.
func WriteNew(path, markdown string) (string, error) {
	abs, err := absPath(path)
	if err != nil {
		return "", err
	}
	if err := folderExists(abs); err != nil {
		return "", err
	}
	ext := filepath.Ext(abs)
	stem := strings.TrimSuffix(abs, ext)
	for i := 1; i <= maxNewNames; i++ {
		name := abs
		if i > 1 {
			name = stem + "-" + strconv.Itoa(i) + ext
		}
		claim, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL|noFollow, FileMode)
		if errors.Is(err, fs.ErrExist) || errors.Is(err, syscall.ELOOP) {
			continue
		}
		if err != nil {
			return "", fmt.Errorf("the report cannot be written in %s: %v; choose another folder", filepath.Dir(abs), unwrapPath(err))
		}
		claim.Close()
		if err := writeThroughTemp(name, markdown); err != nil {
			os.Remove(name) // the empty file claimed above, nothing else
			return "", err
		}
		return name, nil
	}
	return "", fmt.Errorf("the report was not written: the names %s to %s are all taken in %s; move some reports away and write it again",
		filepath.Base(abs), filepath.Base(stem)+"-"+strconv.Itoa(maxNewNames)+ext, filepath.Dir(abs))
}

// absPath makes path absolute, refusing an empty one.
func absPath(path string) (string, error) {
	if path == "" {
		return "", errors.New("no file was named for the report; give a path such as " + DefaultFileName(time.Now()))
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", fmt.Errorf("the report path %s cannot be made absolute: %v", path, err)
	}
	return abs, nil
}

// replaceable refuses what is at abs unless it is a regular file.
func replaceable(abs string, li fs.FileInfo) error {
	mode := li.Mode()
	switch {
	case mode.IsRegular():
		return nil
	case mode.IsDir():
		return fmt.Errorf("%s is a folder; name a file in it, such as %s", abs, filepath.Join(abs, DefaultFileName(time.Now())))
	case mode&fs.ModeSymlink != 0:
		return fmt.Errorf("%s is a symbolic link; rotui never writes a report through a link (one planted in a shared folder would make it overwrite another file), so nothing was written; remove the link or name another file", abs)
	default:
		return fmt.Errorf("%s is not a regular file (it is %s); rotui replaces only a regular file, so nothing was written; name another file", abs, kindOf(mode))
	}
}

// kindOf names what a file that is neither regular nor a folder nor a link is.
func kindOf(mode fs.FileMode) string {
	switch {
	case mode&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case mode&fs.ModeSocket != 0:
		return "a socket"
	case mode&fs.ModeDevice != 0:
		return "a device"
	}
	return "a special file"
}

// folderExists checks that the folder abs is to be written in is there.
func folderExists(abs string) error {
	dir := filepath.Dir(abs)
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		return fmt.Errorf("the report cannot be written: the folder %s does not exist (or is not a folder); make it or choose another path", dir)
	}
	return nil
}

// writeThroughTemp writes markdown to a new temporary file beside abs, with
// mode 0600, and renames it to abs.
func writeThroughTemp(abs, markdown string) error {
	dir := filepath.Dir(abs)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(abs)+".*.tmp")
	if err != nil {
		return fmt.Errorf("the report cannot be written in %s: %v; choose another folder", dir, unwrapPath(err))
	}
	name := tmp.Name()
	fail := func(err error) error {
		tmp.Close()
		os.Remove(name)
		return fmt.Errorf("the report could not be written to %s: %v; nothing was changed", abs, unwrapPath(err))
	}
	if err := tmp.Chmod(FileMode); err != nil {
		return fail(err)
	}
	if _, err := tmp.WriteString(markdown); err != nil {
		return fail(err)
	}
	if err := tmp.Sync(); err != nil {
		return fail(err)
	}
	if err := tmp.Close(); err != nil {
		os.Remove(name)
		return fmt.Errorf("the report could not be written to %s: %v; nothing was changed", abs, unwrapPath(err))
	}
	if err := os.Rename(name, abs); err != nil {
		os.Remove(name)
		return fmt.Errorf("the report could not be written to %s: %v; nothing was changed", abs, unwrapPath(err))
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
