package report

import (
	"errors"
	"io/fs"
	"time"

	"github.com/rotui/rotui/internal/safefile"
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

// WriteNew renders r and writes it to a new file at path, or beside it
// under the next free name (see WriteNew).
func (r *Report) WriteNew(path string) (string, error) {
	return WriteNew(path, r.Markdown())
}

// WriteFile writes markdown to path, a file the person named (--report
// FILE), with mode 0600, through a temporary file and a rename in the same
// folder, so a half-written report never exists. A regular file already at
// path is replaced, as curl -o does; a symbolic link, a folder or anything
// else that is not a regular file is refused and left as it is, since a
// link planted in a shared folder would otherwise make rotui overwrite the
// file it points at. The folder must exist. It returns the absolute path
// written, to show the person.
func WriteFile(path, markdown string) (string, error) {
	if path == "" {
		return "", errNoPath()
	}
	return safefile.Replace(path, []byte(markdown), FileMode)
}

// WriteNew writes markdown to a file that did not exist before, for a name
// rotui chose itself (the TUI's w, whose default name can be guessed to the
// second): path when it is free, else the same name with -2, -3, … before
// its extension. A name taken by anything (a file, a symbolic link, even a
// link to nothing) is skipped and left alone. It returns the absolute path
// written, to show the person.
func WriteNew(path, markdown string) (string, error) {
	if path == "" {
		return "", errNoPath()
	}
	return safefile.CreateNew(path, []byte(markdown), FileMode)
}

func errNoPath() error {
	return errors.New("no file was named for the report; give a path such as " + DefaultFileName(time.Now()))
}
