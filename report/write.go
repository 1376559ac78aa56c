package report

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// FileMode is the mode of a report file: it names users and tenants.
const FileMode fs.FileMode = 0o600

// DefaultFileName is a report's file name when the person did not choose
// one: rotui-report-20261125-173000.md (UTC).
func DefaultFileName(now time.Time) string {
	return "rotui-report-" + now.UTC().Format("20060102-150405") + ".md"
}

// Write renders r and writes it to path (see WriteFile).
func (r *Report) Write(path string) (string, error) {
	return WriteFile(path, r.Markdown())
}

// WriteFile writes markdown to path with mode 0600, replacing a file that is
// there, through a temporary file and a rename in the same folder, so a
// half-written report never exists. The folder must exist. It returns the
// absolute path written, to show the person.
func WriteFile(path, markdown string) (string, error) {
	if path == "" {
		return "", errors.New("no file was named for the report; give a path such as " + DefaultFileName(time.Now()))
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", fmt.Errorf("the report path %s cannot be made absolute: %v", path, err)
	}
	target := abs
	if li, err := os.Lstat(abs); err == nil {
		switch {
		case li.IsDir():
			return "", fmt.Errorf("%s is a folder; name a file in it, such as %s", abs, filepath.Join(abs, DefaultFileName(time.Now())))
		case li.Mode()&fs.ModeSymlink != 0:
			if real, err := filepath.EvalSymlinks(abs); err == nil {
				target = real
			}
		}
	}
	dir := filepath.Dir(target)
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		return "", fmt.Errorf("the report cannot be written: the folder %s does not exist (or is not a folder); make it or choose another path", dir)
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(target)+".*.tmp")
	if err != nil {
		return "", fmt.Errorf("the report cannot be written in %s: %v; choose another folder", dir, unwrapPath(err))
	}
	name := tmp.Name()
	fail := func(err error) (string, error) {
		tmp.Close()
		os.Remove(name)
		return "", fmt.Errorf("the report could not be written to %s: %v; nothing was changed", abs, unwrapPath(err))
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
		return "", fmt.Errorf("the report could not be written to %s: %v; nothing was changed", abs, unwrapPath(err))
	}
	if err := os.Rename(name, target); err != nil {
		os.Remove(name)
		return "", fmt.Errorf("the report could not be written to %s: %v; nothing was changed", abs, unwrapPath(err))
	}
	return abs, nil
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
