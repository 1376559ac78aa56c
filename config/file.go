package config

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"

	"github.com/BurntSushi/toml"

	"github.com/rotui/rotui/internal/safefile"
)

// MaxFileSize is the largest config file Load reads (1 MiB); a profiles
// file is a few kilobytes, so anything bigger is not one.
const MaxFileSize = 1 << 20

// File mode of the config file and its folder: only the owner may read
// them, since a profile names a user and a tenant.
const (
	FileMode fs.FileMode = 0o600
	DirMode  fs.FileMode = 0o700
)

// header opens every file rotui writes.
const header = `# rotui profiles. rotui rewrites this file when it saves a profile, so comments
# here are not kept. It never holds a password, bearer token or client secret:
# rotui asks for those each time and ignores such keys if you add them.

`

// DefaultPath is where the profiles live unless --config says otherwise:
// os.UserConfigDir()/rotui/config.toml (~/.config/rotui/config.toml on Linux).
func DefaultPath() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("cannot find your config folder (%v); set $XDG_CONFIG_HOME or $HOME, or pass --config FILE", err)
	}
	return filepath.Join(dir, "rotui", "config.toml"), nil
}

// FileError is a config file that could not be read, parsed or written.
// Line and Column are 1-based, 0 when the problem is not at one place.
type FileError struct {
	Path   string
	Line   int
	Column int
	What   string // what went wrong, a sentence without the file name
	Fix    string // what to do about it
	Err    error  // the cause, when there is one
}

// Error names the file (and line), says what is wrong and what to do.
func (e *FileError) Error() string {
	var b strings.Builder
	b.WriteString("config file ")
	b.WriteString(e.Path)
	if e.Line > 0 {
		fmt.Fprintf(&b, ", line %d", e.Line)
		if e.Column > 0 {
			fmt.Fprintf(&b, ", column %d", e.Column)
		}
	}
	b.WriteString(": ")
	b.WriteString(e.What)
	if e.Fix != "" {
		b.WriteString("; ")
		b.WriteString(e.Fix)
	}
	return b.String()
}

// Unwrap returns the cause.
func (e *FileError) Unwrap() error { return e.Err }

// Warning is something odd in a file that loaded anyway: a key rotui does
// not know (kept when saving), a secret (dropped), loose file permissions.
type Warning struct {
	Line    int    // 1-based; 0 when unknown
	Key     string // the TOML key, e.g. profiles.work.clientid; empty for the whole file
	Message string // a sentence; escaped, safe to print
}

// String reads as "line 7: …".
func (w Warning) String() string {
	if w.Line > 0 {
		return fmt.Sprintf("line %d: %s", w.Line, w.Message)
	}
	return w.Message
}

// Text is the warning as a sentence that names the file at path, as a
// FileError reads: "config file PATH, line 7: …". Pass it through
// termsafe.Line before drawing: path is as the person gave it.
func (w Warning) Text(path string) string {
	if w.Line > 0 {
		return fmt.Sprintf("config file %s, line %d: %s", path, w.Line, w.Message)
	}
	return fmt.Sprintf("config file %s: %s", path, w.Message)
}

// File is the content of a config file: the profiles and the last one used.
// The zero value is an empty config. Load one, change it, Save it; or use
// Update, SaveProfile and Remember, which do all three. A File is not safe
// for concurrent use.
type File struct {
	last         string
	profiles     map[string]Profile
	extra        map[string]any            // unknown top-level keys, kept on save
	profileExtra map[string]map[string]any // unknown keys of each profile, kept on save
	warnings     []Warning

	// What was on disk when loaded, so that Save refuses to overwrite a
	// file that changed (or appeared) since.
	existed bool
	sum     [sha256.Size]byte
}

// Names returns the profile names, sorted.
func (f *File) Names() []string {
	names := make([]string, 0, len(f.profiles))
	for n := range f.profiles {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// Len is the number of profiles.
func (f *File) Len() int { return len(f.profiles) }

// Profile returns the profile called name.
func (f *File) Profile(name string) (Profile, bool) {
	p, ok := f.profiles[name]
	return p, ok
}

// Put adds p, or replaces the profile of the same name, after Validate.
func (f *File) Put(p Profile) error {
	if err := p.Validate(); err != nil {
		return err
	}
	if f.profiles == nil {
		f.profiles = map[string]Profile{}
	}
	f.profiles[p.Name] = p
	return nil
}

// Delete removes a profile (and forgets it as the last used); false when
// there was none of that name.
func (f *File) Delete(name string) bool {
	if _, ok := f.profiles[name]; !ok {
		return false
	}
	delete(f.profiles, name)
	delete(f.profileExtra, name)
	if f.last == name {
		f.last = ""
	}
	return true
}

// SetLast records name as the profile used last, the one rotui opens with.
// An empty name forgets it.
func (f *File) SetLast(name string) error {
	if name == "" {
		f.last = ""
		return nil
	}
	if _, ok := f.profiles[name]; !ok {
		return fmt.Errorf("there is no profile called %s; the profiles are: %s", quote(name), f.namesText())
	}
	f.last = name
	return nil
}

// LastName is the name recorded as used last, or "" (it may name a profile
// since removed by hand: use Last to get the profile).
func (f *File) LastName() string { return f.last }

// Last returns the profile used last, when it still exists.
func (f *File) Last() (Profile, bool) {
	if f.last == "" {
		return Profile{}, false
	}
	return f.Profile(f.last)
}

// Lookup is Profile with an error that can be shown as is: it names the
// profile and lists the ones there are (for --profile NAME).
func (f *File) Lookup(name string) (Profile, error) {
	if p, ok := f.profiles[name]; ok {
		return p, nil
	}
	if len(f.profiles) == 0 {
		return Profile{}, fmt.Errorf("there is no profile called %s: no profile is saved yet (save the form as a profile in the TUI first)", quote(name))
	}
	return Profile{}, fmt.Errorf("there is no profile called %s; the profiles are: %s", quote(name), f.namesText())
}

func (f *File) namesText() string {
	names := f.Names()
	if len(names) == 0 {
		return "(none)"
	}
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = quote(n)
	}
	return strings.Join(q, ", ")
}

// Warnings lists what Load found odd but could live with. Show them.
func (f *File) Warnings() []Warning { return slices.Clone(f.warnings) }

// profileTOML is a profile as stored; its keys are the file format.
type profileTOML struct {
	Domain     string `toml:"domain"`
	ClientID   string `toml:"client_id"`
	Connection string `toml:"connection"`
	Username   string `toml:"username"`
	Scope      string `toml:"scope"`
	Device     string `toml:"device"`
	Flow       string `toml:"flow"`
	Audience   string `toml:"audience"`
	Issuer     string `toml:"issuer"`
}

// profileOut is a profile as written: empty values are left out.
type profileOut struct {
	Domain     string `toml:"domain,omitempty"`
	ClientID   string `toml:"client_id,omitempty"`
	Connection string `toml:"connection,omitempty"`
	Username   string `toml:"username,omitempty"`
	Scope      string `toml:"scope,omitempty"`
	Device     string `toml:"device,omitempty"`
	Flow       string `toml:"flow,omitempty"`
	Audience   string `toml:"audience,omitempty"`
	Issuer     string `toml:"issuer,omitempty"`
}

// document is the whole file as stored.
type document struct {
	Last     string                 `toml:"last"`
	Profiles map[string]profileTOML `toml:"profiles"`
}

// knownProfileKeys are the keys of profileTOML, for "did you mean".
var knownProfileKeys = []string{"domain", "client_id", "connection", "username", "scope", "device", "flow", "audience", "issuer"}

// Load reads the config file at path. A file that does not exist is an
// empty config, not an error. A file that cannot be read or parsed, or is
// not a regular file (a named pipe, a device), is a *FileError naming the
// file and the line; such a file is never overwritten by Save. What it can
// live with it lists in Warnings: a file or folder others can read or
// write, a key that looks like a secret, a symbolic link Save will refuse.
func Load(path string) (*File, error) {
	data, info, err := readFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return &File{warnings: fileWarnings(path, nil)}, nil
	}
	if err != nil {
		return nil, err
	}
	f, err := parse(path, data)
	if err != nil {
		return nil, err
	}
	f.warnings = append(fileWarnings(path, info), f.warnings...)
	f.existed = true
	f.sum = sha256.Sum256(data)
	return f, nil
}

// fileWarnings are what the modes and kind of the file at path (info, as
// opened; nil when there is no file yet) say: others may read or change
// it, others may write its folder, it is a symbolic link. Windows has no
// such modes to read.
func fileWarnings(path string, info fs.FileInfo) []Warning {
	var ws []Warning
	if runtime.GOOS != "windows" {
		if info != nil {
			ws = append(ws, modeWarnings(info.Mode().Perm())...)
		}
		dir := filepath.Dir(path)
		if di, err := os.Stat(dir); err == nil && di.Mode().Perm()&0o022 != 0 {
			fix := "make it private (chmod 700 " + escapeText(dir) + ") or keep the file in a folder of your own"
			if ownFolder(dir) {
				fix = "rotui makes it 0700 when it saves"
			}
			ws = append(ws, Warning{Message: fmt.Sprintf("its folder %s can be written by other users (mode %04o), who could replace your profiles or plant files there; %s",
				escapeText(dir), di.Mode().Perm(), fix)})
		}
	}
	if li, err := os.Lstat(path); err == nil && li.Mode()&fs.ModeSymlink != 0 {
		to, _ := os.Readlink(path)
		ws = append(ws, Warning{Message: fmt.Sprintf("it is a symbolic link (to %s); rotui reads it but never saves through a link, so saving a profile will fail: "+
			"pass the file itself with --config, or link the folder rather than the file", escapeText(to))})
	}
	return ws
}

// modeWarnings say when others may read or change the file (perm).
func modeWarnings(perm fs.FileMode) []Warning {
	var what string
	switch {
	case perm&0o044 != 0 && perm&0o022 != 0:
		what = "read and changed"
	case perm&0o044 != 0:
		what = "read"
	case perm&0o022 != 0:
		what = "changed"
	default:
		return nil
	}
	return []Warning{{Message: fmt.Sprintf("it can be %s by other users (mode %04o); rotui saves it with mode 0600", what, perm)}}
}

// ownFolder is true for rotui's own config folder, the one DefaultPath
// names: rotui may change its mode. A folder named with --config may be a
// home or a project, whose mode is not rotui's to change.
func ownFolder(dir string) bool {
	def, err := DefaultPath()
	if err != nil {
		return false
	}
	a, err1 := filepath.Abs(dir)
	b, err2 := filepath.Abs(filepath.Dir(def))
	return err1 == nil && err2 == nil && a == b
}

// readFile reads at most MaxFileSize bytes of path. A missing file gives an
// error that errors.Is fs.ErrNotExist; any other failure, and a file that
// is not a regular file, is a *FileError. A named pipe is refused without
// waiting for a writer: it is checked before it is opened, and opened
// without blocking in case it was swapped in between.
func readFile(path string) ([]byte, fs.FileInfo, error) {
	if info, err := os.Stat(path); err == nil {
		if err := regularFile(path, info); err != nil {
			return nil, nil, err
		}
	}
	fh, err := os.OpenFile(path, os.O_RDONLY|readFlags, 0)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil, err
		}
		return nil, nil, readError(path, err)
	}
	defer fh.Close()
	info, err := fh.Stat()
	if err != nil {
		return nil, nil, readError(path, err)
	}
	if err := regularFile(path, info); err != nil {
		return nil, nil, err
	}
	data, err := io.ReadAll(io.LimitReader(fh, MaxFileSize+1))
	if err != nil {
		return nil, nil, readError(path, err)
	}
	if len(data) > MaxFileSize {
		return nil, nil, &FileError{Path: path, What: fmt.Sprintf("it is larger than %d KiB, too large to be a profiles file", MaxFileSize>>10),
			Fix: "check that --config names the right file; rotui will not overwrite it"}
	}
	return data, info, nil
}

// regularFile refuses a folder, a named pipe, a device or a socket as the
// config file.
func regularFile(path string, info fs.FileInfo) error {
	mode := info.Mode()
	switch {
	case mode.IsRegular():
		return nil
	case mode.IsDir():
		return &FileError{Path: path, What: "it is a folder, not a file",
			Fix: "pass the path of a file to --config (for example " + filepath.Join(path, "config.toml") + ")"}
	}
	return &FileError{Path: path, What: "it is not a regular file but " + safefile.KindOf(mode),
		Fix: "rotui keeps profiles only in a regular file and will not read or overwrite this one; pass another file with --config"}
}

func readError(path string, err error) error {
	fe := &FileError{Path: path, Err: err, Fix: "rotui will not overwrite a file it cannot read; fix its permissions or pass another file with --config"}
	switch {
	case errors.Is(err, syscall.ENOTDIR):
		fe.What = "a folder on its path is a file"
		fe.Fix = "move that file away or pass another file with --config"
	case errors.Is(err, fs.ErrPermission):
		fe.What = "rotui may not read it (permission denied)"
	default:
		fe.What = "it cannot be read: " + plainError(err, path)
	}
	return fe
}

// plainError is err's text without the path it repeats.
func plainError(err error, path string) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return strings.ReplaceAll(err.Error(), path+": ", "")
}

// lineRE finds the line number BurntSushi/toml puts in its type errors.
// Compiled on first use: most runs of rotui read no config file.
var lineRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^toml: line (\d+)`) })

// parse turns the bytes of a file into a File, or a *FileError.
func parse(path string, data []byte) (*File, error) {
	const fix = "fix that line, or move the file away to start afresh; rotui will not overwrite a file it cannot parse"
	var doc document
	md, err := toml.Decode(string(data), &doc)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, &FileError{Path: path, Line: pe.Position.Line, Column: pe.Position.Col,
				What: "it is not valid TOML: " + strings.TrimSuffix(escapeText(pe.Message), "."), Fix: fix, Err: err}
		}
		// A type mismatch ("domain = 3"): the library names the line in its text.
		fe := &FileError{Path: path, Fix: fix, Err: err}
		msg := err.Error()
		if m := lineRE().FindStringSubmatch(msg); m != nil {
			fe.Line, _ = strconv.Atoi(m[1])
		}
		msg = strings.TrimPrefix(msg, "toml: ")
		if i := strings.Index(msg, "): "); i >= 0 && strings.HasPrefix(msg, "line ") {
			msg = msg[i+3:]
		}
		fe.What = "a value has the wrong type (" + escapeText(msg) + "); every profile value is a quoted string"
		return nil, fe
	}

	f := &File{last: doc.Last, profiles: map[string]Profile{}}
	for name, p := range doc.Profiles {
		f.profiles[name] = Profile{Name: name, Domain: p.Domain, ClientID: p.ClientID, Connection: p.Connection,
			Username: p.Username, Scope: p.Scope, Device: p.Device, Flow: p.Flow, Audience: p.Audience, Issuer: p.Issuer}
	}

	undecoded := md.Undecoded()
	if len(undecoded) == 0 && !hasInvalid(f) {
		return f, nil
	}
	lines := keyLines(string(data))
	var all map[string]any
	if _, err := toml.Decode(string(data), &all); err != nil {
		return nil, &FileError{Path: path, What: "it could not be read twice the same way: " + escapeText(err.Error()), Fix: fix, Err: err}
	}
	isUndecoded := map[string]bool{}
	for _, k := range undecoded {
		isUndecoded[k.String()] = true
	}
	for _, k := range undecoded {
		if len(k) > 1 && isUndecoded[toml.Key(k[:len(k)-1]).String()] {
			continue // inside an unknown table: the table is reported, and kept whole
		}
		line := lines[k.String()]
		switch {
		case len(k) == 1:
			if f.extra == nil {
				f.extra = map[string]any{}
			}
			if secretKey(k[0]) {
				f.warnSecret(line, k)
				continue
			}
			f.extra[k[0]] = f.dropSecrets(all[k[0]], k, lines)
			f.warn(line, k, fmt.Sprintf("rotui does not know the key %s; it ignores it and keeps it when saving", quote(k.String())))
		case len(k) == 3 && k[0] == "profiles":
			name, key := k[1], k[2]
			if secretKey(key) {
				f.warnSecret(line, k)
				continue
			}
			if f.profileExtra == nil {
				f.profileExtra = map[string]map[string]any{}
			}
			if f.profileExtra[name] == nil {
				f.profileExtra[name] = map[string]any{}
			}
			f.profileExtra[name][key] = f.dropSecrets(lookup(all, k), k, lines)
			msg := fmt.Sprintf("profile %s has a key rotui does not know, %s; it ignores it and keeps it when saving", quote(name), quote(key))
			if s := suggest(key); s != "" {
				msg += fmt.Sprintf(" (did you mean %s?)", s)
			}
			f.warn(line, k, msg)
		default:
			f.warn(line, k, fmt.Sprintf("rotui does not know the key %s; it ignores it and keeps it when saving", quote(k.String())))
			// Only reachable for shapes the decoder accepted; keep them under their table.
			if len(k) > 3 && k[0] == "profiles" {
				if f.profileExtra == nil {
					f.profileExtra = map[string]map[string]any{}
				}
				if f.profileExtra[k[1]] == nil {
					f.profileExtra[k[1]] = map[string]any{}
				}
				f.profileExtra[k[1]][k[2]] = f.dropSecrets(lookup(all, k[:3]), k[:3], lines)
			}
		}
	}
	for _, name := range f.Names() {
		if err := f.profiles[name].Validate(); err != nil {
			f.warn(lines[toml.Key{"profiles", name}.String()], toml.Key{"profiles", name},
				escapeText(err.Error())+"; rotui loads it as it is, but fix it in the file")
		}
	}
	return f, nil
}

// warnSecret reports a key that looks like it holds a secret.
func (f *File) warnSecret(line int, k toml.Key) {
	f.warn(line, k, fmt.Sprintf("the key %s looks like a secret: rotui never reads or stores secrets, so it ignores it and drops it the next time it saves this file; remove it now", quote(k.String())))
}

// dropSecrets returns v (an unknown value being kept) without the keys,
// at any depth, that look like they hold a secret, and reports each.
func (f *File) dropSecrets(v any, at toml.Key, lines map[string]int) any {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, val := range x {
			key := append(slices.Clone(at), k)
			if secretKey(k) {
				f.warnSecret(lines[key.String()], key)
				continue
			}
			out[k] = f.dropSecrets(val, key, lines)
		}
		return out
	case []map[string]any:
		out := make([]map[string]any, len(x))
		for i, m := range x {
			out[i] = f.dropSecrets(m, at, lines).(map[string]any)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = f.dropSecrets(e, at, lines)
		}
		return out
	}
	return v
}

func hasInvalid(f *File) bool {
	for _, p := range f.profiles {
		if p.Validate() != nil {
			return true
		}
	}
	return false
}

func (f *File) warn(line int, k toml.Key, msg string) {
	f.warnings = append(f.warnings, Warning{Line: line, Key: escapeText(k.String()), Message: msg})
}

// lookup finds the value at a key path in a decoded document.
func lookup(m map[string]any, k toml.Key) any {
	var v any = m
	for _, part := range k {
		mm, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = mm[part]
	}
	return v
}

// secretKey is true for a key name that looks like it holds a secret.
func secretKey(key string) bool {
	k := strings.ToLower(key)
	for _, s := range []string{"password", "passwd", "secret", "bearer", "token", "credential", "api_key", "apikey"} {
		if strings.Contains(k, s) {
			return true
		}
	}
	return false
}

// suggest returns the known key that key is probably a misspelling of.
func suggest(key string) string {
	norm := func(s string) string {
		return strings.NewReplacer("_", "", "-", "", " ", "").Replace(strings.ToLower(s))
	}
	n := norm(key)
	for _, k := range knownProfileKeys {
		if norm(k) == n {
			return k
		}
	}
	switch n {
	case "client", "clientid", "cid":
		return "client_id"
	case "user", "email", "login":
		return "username"
	case "tenant", "host", "url":
		return "domain"
	case "realm":
		return "connection"
	case "scopes":
		return "scope"
	case "expectedissuer", "iss":
		return "issuer"
	}
	return ""
}

// keyLines maps each key (in toml.Key.String form) to the line it is first
// written on, best effort: table headers and one-line "key = value" lines.
// It is only used to point warnings at a line.
func keyLines(data string) map[string]int {
	lines := map[string]int{}
	var table toml.Key
	record := func(k toml.Key, line int) {
		for i := 1; i <= len(k); i++ {
			s := k[:i].String()
			if _, ok := lines[s]; !ok {
				lines[s] = line
			}
		}
	}
	for i, raw := range strings.Split(data, "\n") {
		t := strings.TrimSpace(raw)
		switch {
		case t == "", strings.HasPrefix(t, "#"):
			continue
		case strings.HasPrefix(t, "[["):
			table = nil // arrays of tables: not pointed at
			continue
		case strings.HasPrefix(t, "["):
			var m map[string]any
			if _, err := toml.Decode(t, &m); err != nil {
				continue
			}
			table = singlePath(m, -1)
			record(table, i+1)
		case strings.Contains(t, "="):
			var m map[string]any
			if _, err := toml.Decode(t, &m); err != nil {
				continue
			}
			// The key part has as many pieces as the dotted key written before '='.
			k := singlePath(m, dots(keyPart(t))+1)
			record(append(slices.Clone(table), k...), i+1)
		}
	}
	return lines
}

// keyPart is the text before the first '=' that is not inside quotes.
func keyPart(t string) string {
	var q rune
	for i, r := range t {
		switch {
		case q != 0 && r == q:
			q = 0
		case q == 0 && (r == '"' || r == '\''):
			q = r
		case q == 0 && r == '=':
			return strings.TrimSpace(t[:i])
		}
	}
	return t
}

// dots counts the dots of a dotted key that are outside quotes.
func dots(key string) int {
	n := 0
	var q rune
	for _, r := range key {
		switch {
		case q != 0 && r == q:
			q = 0
		case q == 0 && (r == '"' || r == '\''):
			q = r
		case q == 0 && r == '.':
			n++
		}
	}
	return n
}

// singlePath follows one-key maps down from m, at most depth steps (-1: as
// far as they go), and returns the keys followed.
func singlePath(m map[string]any, depth int) toml.Key {
	var k toml.Key
	for depth != 0 && len(m) == 1 {
		for name, v := range m {
			k = append(k, name)
			mm, ok := v.(map[string]any)
			if !ok {
				return k
			}
			m = mm
		}
		depth--
	}
	return k
}

// encode renders f as the bytes of a config file.
func (f *File) encode() ([]byte, error) {
	doc := map[string]any{}
	for k, v := range f.extra {
		doc[k] = v
	}
	if f.last != "" {
		doc["last"] = f.last
	}
	if len(f.profiles) > 0 {
		profiles := map[string]any{}
		for name, p := range f.profiles {
			out := profileOut{Domain: p.Domain, ClientID: p.ClientID, Connection: p.Connection, Username: p.Username,
				Scope: p.Scope, Device: p.Device, Flow: p.Flow, Audience: p.Audience, Issuer: p.Issuer}
			if len(f.profileExtra[name]) == 0 {
				profiles[name] = out // a struct keeps the keys in the order of the form
				continue
			}
			// Unknown keys need a map (written in alphabetical order).
			m := map[string]any{}
			for k, v := range f.profileExtra[name] {
				if !secretKey(k) {
					m[k] = v
				}
			}
			for _, fv := range p.fields() {
				if fv.value != "" {
					m[fv.key] = fv.value
				} else {
					delete(m, fv.key)
				}
			}
			profiles[name] = m
		}
		doc["profiles"] = profiles
	}
	var b bytes.Buffer
	b.WriteString(header)
	enc := toml.NewEncoder(&b)
	enc.Indent = ""
	if err := enc.Encode(doc); err != nil {
		return nil, fmt.Errorf("the profiles could not be written as TOML (%v); this is a bug in rotui", err)
	}
	return spaceTables(b.Bytes()), nil
}

// spaceTables puts a blank line before each table header and drops the
// empty [profiles] header the encoder writes above [profiles.NAME], so the
// file reads like one written by hand. The encoder writes every value on
// one line, so a line that starts with '[' is always a header.
func spaceTables(data []byte) []byte {
	lines := strings.Split(string(data), "\n")
	var out []string
	for i, l := range lines {
		if l == "[profiles]" && i+1 < len(lines) && strings.HasPrefix(lines[i+1], "[profiles.") {
			continue
		}
		if strings.HasPrefix(l, "[") && len(out) > 0 && out[len(out)-1] != "" {
			out = append(out, "")
		}
		out = append(out, l)
	}
	return []byte(strings.Join(out, "\n"))
}

// Save writes f to path atomically (a temporary file in the same folder,
// then a rename), with mode 0600, creating the folder with mode 0700 when
// it is missing (and making rotui's own config folder 0700 when others
// could write it). It refuses, with a *FileError saying what to do, when
// the file on disk cannot be read or parsed, or changed since f was loaded
// (another rotui saved, or someone edited it), or is a symbolic link or
// anything but a regular file: nothing is overwritten then, and nothing is
// ever written through a link. It holds the file's lock (see Update) while
// it checks and writes.
func Save(path string, f *File) error {
	if f == nil {
		return errors.New("config: Save was given no File; this is a bug in rotui")
	}
	unlock, err := lock(path)
	if err != nil {
		return err
	}
	defer unlock()
	return f.save(path)
}

// save is Save with the lock held.
func (f *File) save(path string) error {
	if err := writable(path); err != nil {
		return err
	}
	if err := f.checkUnchanged(path); err != nil {
		return err
	}
	data, err := f.encode()
	if err != nil {
		return err
	}
	if dir := filepath.Dir(path); ownFolder(dir) {
		// Best effort: a folder rotui cannot change stays warned about.
		if di, err := os.Stat(dir); err == nil && di.Mode().Perm()&0o077 != 0 {
			_ = os.Chmod(dir, DirMode)
		}
	}
	// Between the check above and the rename in writeAtomic the name may be
	// swapped for a link: a rename replaces the link itself, never what it
	// points at, so nothing outside this name is written.
	if err := writeAtomic(path, data); err != nil {
		return err
	}
	f.existed = true
	f.sum = sha256.Sum256(data)
	return nil
}

// writable refuses to save over a symbolic link (one planted where a
// --config file is kept would make rotui overwrite the file it points at)
// or over anything that is not a regular file.
func writable(path string) error {
	li, err := os.Lstat(path)
	if err != nil {
		return nil // missing (made anew), or reported by the read that follows
	}
	if li.Mode()&fs.ModeSymlink != 0 {
		to, _ := os.Readlink(path)
		return &FileError{Path: path, What: "it is a symbolic link (to " + escapeText(to) + "), and rotui never saves through a link, so that one planted in a shared folder cannot make it overwrite another file",
			Fix: "rotui did not save; pass the file itself with --config, or link the folder rather than the file"}
	}
	if err := regularFile(path, li); err != nil {
		var fe *FileError
		if errors.As(err, &fe) {
			fe.Fix = "rotui did not save; " + fe.Fix
		}
		return err
	}
	return nil
}

// checkUnchanged refuses to write over a file rotui could not parse, or one
// that is not the file f was loaded from.
func (f *File) checkUnchanged(path string) error {
	data, _, err := readFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil // nothing to lose (a file deleted since it was loaded is written again)
	}
	if err != nil {
		var fe *FileError
		if errors.As(err, &fe) {
			fe.Fix = "rotui did not save; " + fe.Fix
		}
		return err
	}
	if _, perr := parse(path, data); perr != nil {
		var fe *FileError
		if errors.As(perr, &fe) {
			fe.Fix = "rotui did not save, so that nothing in the file is lost; fix that line or move the file away, then save again"
		}
		return perr
	}
	if !f.existed {
		return &FileError{Path: path, What: "it already exists and was not loaded before saving",
			Fix: "rotui did not save, so that its profiles are not lost; load it first (this is a bug in rotui if you see it)"}
	}
	if sha256.Sum256(data) != f.sum {
		return &FileError{Path: path, What: "it changed since rotui read it (another rotui, or an editor, wrote it)",
			Fix: "rotui did not save, so that those changes are not lost; try again (rotui reads it afresh)"}
	}
	return nil
}

// writeAtomic writes data to path through a temporary file in the same
// folder and a rename, so that a crash leaves the old file or the new one,
// never half of one.
func writeAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	wrap := func(what string, err error) error {
		return &FileError{Path: path, What: what, Err: err, Fix: "nothing was changed; check the folder " + dir + " or pass another file with --config"}
	}
	if err := os.MkdirAll(dir, DirMode); err != nil {
		return folderError(path, err)
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return wrap("a temporary file could not be made beside it: "+plainError(err, dir), err)
	}
	name := tmp.Name()
	fail := func(what string, err error) error {
		tmp.Close()
		os.Remove(name)
		return wrap(what+": "+plainError(err, name), err)
	}
	if err := tmp.Chmod(FileMode); err != nil {
		return fail("the new file's mode could not be set", err)
	}
	if _, err := tmp.Write(data); err != nil {
		return fail("the new file could not be written", err)
	}
	if err := tmp.Sync(); err != nil {
		return fail("the new file could not be flushed to disk", err)
	}
	if err := tmp.Close(); err != nil {
		os.Remove(name)
		return wrap("the new file could not be closed: "+plainError(err, name), err)
	}
	if err := os.Rename(name, path); err != nil {
		os.Remove(name)
		return wrap("the new file could not replace it: "+plainError(err, path), err)
	}
	// Make the rename itself durable; not every system can sync a folder.
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// Update loads the file at path, lets change modify it, and saves it, so a
// TUI key or a command is one call: config.Update(path, func(f *config.File)
// error { return f.Put(p) }). Nothing is written when change fails.
//
// The file's lock (path+".lock", beside it) is held from the read to the
// write, so that rotuis saving at once wait for each other and every save
// lands, rather than one refusing because the file changed under it.
//
// When change leaves the profiles and the last name as they were, the file
// is not rewritten, so its comments and layout stay as the person wrote them
// (and a folder rotui may not write in, where no lock can be made, is fine).
func Update(path string, change func(*File) error) error {
	unlock, lockErr := lock(path)
	if lockErr == nil {
		defer unlock()
	}
	f, err := Load(path)
	if err != nil {
		return err
	}
	before, err := f.encode()
	if err != nil {
		return err
	}
	if err := change(f); err != nil {
		return err
	}
	after, err := f.encode()
	if err != nil {
		return err
	}
	if f.existed && bytes.Equal(before, after) {
		return nil
	}
	if lockErr != nil {
		return lockErr
	}
	return f.save(path)
}

// SaveProfile stores p in the file at path (replacing a profile of the same
// name) and records it as the last used: the TUI's "save as profile" key.
func SaveProfile(path string, p Profile) error {
	return Update(path, func(f *File) error {
		if err := f.Put(p); err != nil {
			return err
		}
		return f.SetLast(p.Name)
	})
}

// Remember records name as the profile used last, so rotui opens with it
// next time; the file is only rewritten when the name changes.
func Remember(path, name string) error {
	return Update(path, func(f *File) error { return f.SetLast(name) })
}

// escapeText escapes control, bidirectional and invisible characters in
// text that came from the file (a parse error quotes it), keeping the rest
// readable.
func escapeText(s string) string {
	var b strings.Builder
	for _, r := range s {
		if hidden(r) {
			writeEscape(&b, r)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}
