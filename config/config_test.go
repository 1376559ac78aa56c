package config

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/rotui/rotui/ro"
)

func tempConfig(t *testing.T) string {
	t.Helper()
	return filepath.Join(t.TempDir(), "rotui", "config.toml")
}

func mustPut(t *testing.T, f *File, p Profile) {
	t.Helper()
	if err := f.Put(p); err != nil {
		t.Fatalf("Put(%q): %v", p.Name, err)
	}
}

var acme = Profile{
	Name: "acme-dev", Domain: "acme.us.auth0.com", ClientID: "abc123", Connection: "Username-Password-Authentication",
	Username: "alice@example.com", Scope: "openid profile email offline_access", Device: "laptop",
	Flow: "realm", Audience: "https://api.acme.test/", Issuer: "https://login.acme.test/",
}

func TestMissingFileIsEmpty(t *testing.T) {
	f, err := Load(tempConfig(t))
	if err != nil {
		t.Fatalf("Load of a missing file: %v", err)
	}
	if f.Len() != 0 || len(f.Names()) != 0 || f.LastName() != "" {
		t.Fatalf("a missing file should be an empty config, got %v", f.Names())
	}
	if _, ok := f.Last(); ok {
		t.Fatal("Last on an empty config should be false")
	}
}

func TestRoundTrip(t *testing.T) {
	path := tempConfig(t)
	f, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	quoted := Profile{Name: "demo_2", Domain: `http://127.0.0.1:8080`, Username: `o"brien\x`, Scope: "openid", Device: "ünïcødé 设备"}
	mustPut(t, f, acme)
	mustPut(t, f, quoted)
	mustPut(t, f, Profile{Name: "empty"})
	if err := f.SetLast("demo_2"); err != nil {
		t.Fatal(err)
	}
	if err := Save(path, f); err != nil {
		t.Fatalf("Save: %v", err)
	}

	g, err := Load(path)
	if err != nil {
		t.Fatalf("Load after Save: %v", err)
	}
	if w := g.Warnings(); len(w) != 0 {
		t.Errorf("a file rotui wrote should load without warnings, got %v", w)
	}
	if got, want := g.Names(), []string{"acme-dev", "demo_2", "empty"}; !slices.Equal(got, want) {
		t.Fatalf("Names = %v, want %v", got, want)
	}
	for _, want := range []Profile{acme, quoted, {Name: "empty"}} {
		got, ok := g.Profile(want.Name)
		if !ok || got != want {
			t.Errorf("Profile(%q) = %+v, %v; want %+v", want.Name, got, ok, want)
		}
	}
	if last, ok := g.Last(); !ok || last.Name != "demo_2" {
		t.Errorf("Last = %q, %v; want demo_2", last.Name, ok)
	}

	// Change, save again, reload: the second save works on a loaded file.
	g.Delete("empty")
	if err := g.SetLast("acme-dev"); err != nil {
		t.Fatal(err)
	}
	if err := Save(path, g); err != nil {
		t.Fatalf("second Save: %v", err)
	}
	h, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := h.Names(); !slices.Equal(got, []string{"acme-dev", "demo_2"}) {
		t.Errorf("after Delete, Names = %v", got)
	}
	if h.LastName() != "acme-dev" {
		t.Errorf("LastName = %q, want acme-dev", h.LastName())
	}
	// The file reads as a person would write it.
	data, _ := os.ReadFile(path)
	for _, want := range []string{`last = "acme-dev"`, `[profiles.acme-dev]`, `client_id = "abc123"`, `flow = "realm"`} {
		if !bytes.Contains(data, []byte(want)) {
			t.Errorf("the file lacks %s:\n%s", want, data)
		}
	}
}

func TestDeleteForgetsLast(t *testing.T) {
	var f File // the zero value is usable
	mustPut(t, &f, acme)
	if err := f.SetLast("acme-dev"); err != nil {
		t.Fatal(err)
	}
	if !f.Delete("acme-dev") || f.Delete("acme-dev") {
		t.Fatal("Delete should report true once, then false")
	}
	if f.LastName() != "" {
		t.Errorf("deleting the last profile should forget it, LastName = %q", f.LastName())
	}
	if err := f.SetLast("nope"); err == nil {
		t.Error("SetLast of a missing profile should fail")
	}
	if _, err := f.Lookup("nope"); err == nil || !strings.Contains(err.Error(), `"nope"`) {
		t.Errorf("Lookup error should name the profile: %v", err)
	}
}

func TestModes(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Unix file modes")
	}
	base := t.TempDir()
	path := filepath.Join(base, "a", "rotui", "config.toml")
	var f File
	mustPut(t, &f, acme)
	if err := Save(path, &f); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		path string
		want fs.FileMode
	}{{path, 0o600}, {filepath.Dir(path), 0o700}, {filepath.Join(base, "a"), 0o700}} {
		info, err := os.Stat(c.path)
		if err != nil {
			t.Fatal(err)
		}
		if got := info.Mode().Perm(); got != c.want {
			t.Errorf("%s has mode %04o, want %04o", c.path, got, c.want)
		}
	}

	// A file a person made world-readable is reported, and tightened on save.
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	g, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	w := g.Warnings()
	if len(w) == 0 || !strings.Contains(w[0].Message, "0644") {
		t.Errorf("a 0644 file should be warned about, got %v", w)
	}
	if err := Save(path, g); err != nil {
		t.Fatal(err)
	}
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o600 {
		t.Errorf("after saving, mode is %04o, want 0600", info.Mode().Perm())
	}
	// No temporary file is left beside it: only the file and its lock.
	entries, _ := os.ReadDir(filepath.Dir(path))
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if !slices.Equal(names, []string{"config.toml", "config.toml.lock"}) {
		t.Errorf("the folder should hold only config.toml and its lock, holds %v", names)
	}
	if info, err := os.Stat(path + ".lock"); err != nil || info.Mode().Perm() != FileMode {
		t.Errorf("the lock file: %v %v, want mode 0600", info, err)
	}
}

func TestCorruptFile(t *testing.T) {
	path := tempConfig(t)
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	corrupt := []byte("last = \"acme\"\n\n[profiles.acme]\ndomain = \"acme.us.auth0.com\"\nclient_id = abc\n")
	if err := os.WriteFile(path, corrupt, 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Load(path)
	var fe *FileError
	if !errors.As(err, &fe) {
		t.Fatalf("Load of a corrupt file: want *FileError, got %T %v", err, err)
	}
	if fe.Line != 5 {
		t.Errorf("error at line %d, want 5: %v", fe.Line, err)
	}
	msg := err.Error()
	for _, want := range []string{path, "line 5", "not overwrite"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q should contain %q", msg, want)
		}
	}

	// Whatever the caller does next, the file is not overwritten.
	var f File
	mustPut(t, &f, acme)
	if err := Save(path, &f); err == nil {
		t.Error("Save over a file that does not parse should refuse")
	} else if !strings.Contains(err.Error(), "line 5") || !strings.Contains(err.Error(), "did not save") {
		t.Errorf("Save's refusal should name the line and say nothing was saved: %v", err)
	}
	if err := Update(path, func(f *File) error { return f.Put(acme) }); err == nil {
		t.Error("Update of a file that does not parse should fail")
	}
	if got, _ := os.ReadFile(path); !bytes.Equal(got, corrupt) {
		t.Errorf("the corrupt file was changed:\n%s", got)
	}
}

func TestWrongTypeNamesLine(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.toml")
	os.WriteFile(path, []byte("[profiles.acme]\ndomain = \"x\"\nclient_id = 42\n"), 0o600)
	_, err := Load(path)
	var fe *FileError
	if !errors.As(err, &fe) || fe.Line != 3 {
		t.Fatalf("want a *FileError at line 3, got %v", err)
	}
	if !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "quoted string") {
		t.Errorf("error should name the file and say what a value must be: %v", err)
	}
}

func TestParseErrorIsEscaped(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.toml")
	os.WriteFile(path, []byte("[profiles.a]\ndomain = \"x\x1b[31m\u202e\"\n"), 0o600)
	_, err := Load(path)
	if err == nil {
		t.Fatal("a raw ESC in a TOML string is invalid; Load should fail")
	}
	for _, bad := range []string{"\x1b", "\u202e"} {
		if strings.Contains(err.Error(), bad) {
			t.Errorf("error carries a raw %q: %q", bad, err.Error())
		}
	}
}

func TestConfigDirIsAFile(t *testing.T) {
	base := t.TempDir()
	dir := filepath.Join(base, "rotui")
	if err := os.WriteFile(dir, []byte("not a folder"), 0o600); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "config.toml")
	_, err := Load(path)
	if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "is a file") {
		t.Errorf("Load under a file should say a folder on the path is a file, got %v", err)
	}
	var f File
	mustPut(t, &f, acme)
	err = Save(path, &f)
	if err == nil || !strings.Contains(err.Error(), "is a file") {
		t.Errorf("Save under a file should say so, got %v", err)
	}
	if got, _ := os.ReadFile(dir); string(got) != "not a folder" {
		t.Errorf("the file in the way was changed: %q", got)
	}
}

func TestPathIsAFolder(t *testing.T) {
	path := t.TempDir()
	_, err := Load(path)
	if err == nil || !strings.Contains(err.Error(), "folder, not a file") {
		t.Errorf("Load of a folder: %v", err)
	}
}

func TestUnreadableFile(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Unix file modes")
	}
	if os.Geteuid() == 0 {
		t.Skip("root reads any file; run as a user to test permission errors")
	}
	path := filepath.Join(t.TempDir(), "config.toml")
	os.WriteFile(path, []byte("last = \"a\"\n"), 0o600)
	os.Chmod(path, 0o000)
	_, err := Load(path)
	if err == nil || !strings.Contains(err.Error(), "permission denied") || !strings.Contains(err.Error(), path) {
		t.Fatalf("Load of an unreadable file: %v", err)
	}
	var f File
	if err := Save(path, &f); err == nil {
		t.Error("Save over an unreadable file should refuse")
	}
	os.Chmod(path, 0o600)
	if got, _ := os.ReadFile(path); string(got) != "last = \"a\"\n" {
		t.Errorf("the unreadable file was changed: %q", got)
	}
}

func TestTooLarge(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.toml")
	os.WriteFile(path, bytes.Repeat([]byte("# padding\n"), MaxFileSize/10+1), 0o600)
	if _, err := Load(path); err == nil || !strings.Contains(err.Error(), "too large") {
		t.Errorf("a file over 1 MiB: %v", err)
	}
}

func TestChangedSinceLoad(t *testing.T) {
	path := tempConfig(t)
	if err := Update(path, func(f *File) error { return f.Put(acme) }); err != nil {
		t.Fatal(err)
	}
	f, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	// Another rotui saves meanwhile.
	if err := Update(path, func(g *File) error { return g.Put(Profile{Name: "other", Domain: "other.auth0.com"}) }); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(path)
	mustPut(t, f, Profile{Name: "mine"})
	if err := Save(path, f); err == nil || !strings.Contains(err.Error(), "changed since") {
		t.Errorf("saving a stale File should refuse, got %v", err)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("a refused Save changed the file")
	}
	// Update reads afresh, so nothing is lost.
	if err := Update(path, func(g *File) error { return g.Put(Profile{Name: "mine"}) }); err != nil {
		t.Fatal(err)
	}
	g, _ := Load(path)
	if got := g.Names(); !slices.Equal(got, []string{"acme-dev", "mine", "other"}) {
		t.Errorf("Names = %v", got)
	}

	// A File that was never loaded does not replace an existing file.
	var fresh File
	if err := Save(path, &fresh); err == nil {
		t.Error("saving a new File over an existing file should refuse")
	}
}

func TestUnknownKeysKeptAndSecretsDropped(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.toml")
	src := `# my profiles
last = "work"
theme = "dark"
api_token = "top-level-secret"

[profiles.work]
domain = "work.eu.auth0.com"
clientid = "abc"
password = "hunter2-in-the-file"
[profiles.work.extras]
color = "blue"
client_secret = "nested-secret-in-file"
notes = """
one
[not a table]"""

[ui]
width = 80
`
	os.WriteFile(path, []byte(src), 0o600)
	f, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{"theme": 3, "profiles.work.clientid": 8, "profiles.work.password": 9, "profiles.work.extras": 10,
		"profiles.work.extras.client_secret": 12, "ui": 17, "api_token": 4}
	got := map[string]int{}
	var all []string
	for _, w := range f.Warnings() {
		got[w.Key] = w.Line
		all = append(all, w.String())
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("warnings at %v, want %v:\n%s", got, want, strings.Join(all, "\n"))
	}
	text := strings.Join(all, "\n")
	for _, w := range []string{"did you mean client_id", "never reads or stores secrets", "line 8:"} {
		if !strings.Contains(text, w) {
			t.Errorf("warnings lack %q:\n%s", w, text)
		}
	}
	if strings.Contains(text, "hunter2") || strings.Contains(text, "secret-in-file") || strings.Contains(text, "top-level-secret") {
		t.Error("a warning repeats the secret's value")
	}
	p, _ := f.Profile("work")
	if p.Domain != "work.eu.auth0.com" || p.ClientID != "" {
		t.Errorf("profile read as %+v", p)
	}

	mustPut(t, f, Profile{Name: "work", Domain: "work.eu.auth0.com", ClientID: "abc"})
	if err := Save(path, f); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	if bytes.Contains(data, []byte("hunter2")) || bytes.Contains(data, []byte("secret-in-file")) || bytes.Contains(data, []byte("top-level-secret")) {
		t.Errorf("the secret survived a save:\n%s", data)
	}
	for _, keep := range []string{`theme = "dark"`, `clientid = "abc"`, `client_id = "abc"`, `color = "blue"`, "width = 80"} {
		if !bytes.Contains(data, []byte(keep)) {
			t.Errorf("unknown key %s was not kept:\n%s", keep, data)
		}
	}
	g, err := Load(path)
	if err != nil {
		t.Fatalf("the saved file does not load: %v", err)
	}
	if got := g.profileExtra["work"]["extras"].(map[string]any)["notes"]; got != "one\n[not a table]" {
		t.Errorf("a multi-line value changed on save: %q", got)
	}
}

func TestValidate(t *testing.T) {
	for _, c := range []struct {
		p    Profile
		ok   bool
		want string
	}{
		{Profile{Name: "acme-dev"}, true, ""},
		{Profile{Name: "A_1"}, true, ""},
		{Profile{Name: "9lives", Flow: "password"}, true, ""},
		{Profile{Name: ""}, false, "needs a name"},
		{Profile{Name: "-x"}, false, "start with a letter"},
		{Profile{Name: "my work"}, false, "only letters"},
		{Profile{Name: "a.b"}, false, "only letters"},
		{Profile{Name: "tëst"}, false, "only letters"},
		{Profile{Name: strings.Repeat("a", 65)}, false, "at most 64"},
		{Profile{Name: "x", Flow: "implicit"}, false, "use ro, realm or password"},
		{Profile{Name: "x", Domain: "a\x1b[2Jb"}, false, "control character"},
		{Profile{Name: "x", Username: "a\u202eb"}, false, "control character"},
		{Profile{Name: "x", Scope: "openid\nprofile"}, false, "control character"},
		{Profile{Name: "x", Device: strings.Repeat("d", 3000)}, false, "at most"},
	} {
		err := c.p.Validate()
		if (err == nil) != c.ok || (err != nil && !strings.Contains(err.Error(), c.want)) {
			t.Errorf("Validate(%q): %v, want ok=%v containing %q", c.p.Name, err, c.ok, c.want)
		}
		if err != nil && strings.ContainsAny(err.Error(), "\x1b\n\u202e") {
			t.Errorf("Validate error carries raw control characters: %q", err)
		}
	}
}

func TestRequestRoundTrip(t *testing.T) {
	r := acme.Request()
	if r.Domain != acme.Domain || r.Flow != ro.FlowRealm || r.Password != "" {
		t.Errorf("Request() = %+v", r)
	}
	if got := FromRequest("acme-dev", r, acme.Issuer); got != acme {
		t.Errorf("FromRequest(Request()) = %+v, want %+v", got, acme)
	}
	if got := (Profile{Name: "x"}).Request().Flow; got != ro.FlowRO {
		t.Errorf("an empty flow should mean ro, got %q", got)
	}
}

// The profile types have no field that could hold a secret.
func TestProfileHasNoSecretField(t *testing.T) {
	for _, typ := range []reflect.Type{reflect.TypeFor[Profile](), reflect.TypeFor[profileTOML](), reflect.TypeFor[profileOut]()} {
		for f := range typ.Fields() {
			name := strings.ToLower(f.Name + " " + string(f.Tag))
			if secretKey(name) {
				t.Errorf("%s has a field %s that looks like it holds a secret", typ, f.Name)
			}
		}
	}
}

// Saving a profile made from a form full of secrets writes none of them
// anywhere under the config folder.
func TestSavingWritesNoSecret(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "rotui")
	path := filepath.Join(dir, "config.toml")
	secrets := []string{
		"Pa55word-NEVER-ON-DISK",
		"bearer-NEVER-ON-DISK.eyJzdWIiOiJ4In0.sig",
		"eyJhbGciOiJSUzI1NiJ9.idtoken-NEVER-ON-DISK.c2ln",
		"client-secret-NEVER-ON-DISK",
	}
	form := ro.Request{
		Domain: "acme.us.auth0.com", ClientID: "abc123", Connection: "Username-Password-Authentication",
		Username: "alice@example.com", Password: secrets[0], Bearer: secrets[1], IDToken: secrets[2],
		Scope: "openid offline_access", Device: "laptop", Flow: ro.FlowRO, Insecure: true,
		GrantType: ro.GrantJWTBearer,
	}
	// The client secret lives beside the form in the TUI; the only string a
	// profile takes besides the form is the expected issuer.
	if err := Update(path, func(f *File) error {
		if err := f.Put(FromRequest("acme", form, "https://login.acme.test/")); err != nil {
			return err
		}
		return f.SetLast("acme")
	}); err != nil {
		t.Fatal(err)
	}

	var files int
	err := filepath.WalkDir(filepath.Dir(dir), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		files++
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if filepath.Base(p) == "config.toml.lock" {
			if len(data) != 0 {
				t.Errorf("the lock file holds %q, want nothing", data)
			}
			return nil
		}
		for _, s := range secrets {
			for _, piece := range []string{s, "NEVER-ON-DISK"} {
				if bytes.Contains(data, []byte(piece)) {
					t.Errorf("%s holds a secret (%q)", p, piece)
				}
			}
		}
		if !bytes.Contains(data, []byte("alice@example.com")) || !bytes.Contains(data, []byte("abc123")) {
			t.Errorf("%s lacks the profile's ordinary fields:\n%s", p, data)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files != 2 {
		t.Errorf("the config folder holds %d files, want 2 (the file and its empty lock)", files)
	}
	f, _ := Load(path)
	p, _ := f.Profile("acme")
	if got := p.Request(); got.Insecure || got.GrantType != "" {
		t.Errorf("Insecure and the grant type must not come back from a profile: %+v", got)
	}
}

func TestDefaultPath(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", "/tmp/xdg-test")
	t.Setenv("HOME", "/tmp/home-test")
	p, err := DefaultPath()
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS == "linux" && p != "/tmp/xdg-test/rotui/config.toml" {
		t.Errorf("DefaultPath = %q", p)
	}
	if filepath.Base(p) != "config.toml" || filepath.Base(filepath.Dir(p)) != "rotui" {
		t.Errorf("DefaultPath = %q, want …/rotui/config.toml", p)
	}
}

func TestSaveProfileAndRemember(t *testing.T) {
	path := tempConfig(t)
	if err := SaveProfile(path, acme); err != nil {
		t.Fatal(err)
	}
	if err := SaveProfile(path, Profile{Name: "bad name"}); err == nil {
		t.Error("SaveProfile should refuse an invalid name")
	}
	if err := SaveProfile(path, Profile{Name: "other", Domain: "other.auth0.com"}); err != nil {
		t.Fatal(err)
	}
	f, _ := Load(path)
	if last, ok := f.Last(); !ok || last.Name != "other" {
		t.Errorf("SaveProfile should make the profile the last used, got %q", f.LastName())
	}
	if err := Remember(path, "nope"); err == nil || !strings.Contains(err.Error(), `"acme-dev", "other"`) {
		t.Errorf("Remember of a missing profile should list the profiles: %v", err)
	}

	// A person's comments survive using a profile that is already the last one.
	commented := append([]byte("# my notes\n"), mustRead(t, path)...)
	os.WriteFile(path, commented, 0o600)
	if err := Remember(path, "other"); err != nil {
		t.Fatal(err)
	}
	if got := mustRead(t, path); !bytes.Equal(got, commented) {
		t.Errorf("Remember with no change rewrote the file:\n%s", got)
	}
	if err := Remember(path, "acme-dev"); err != nil {
		t.Fatal(err)
	}
	g, _ := Load(path)
	if g.LastName() != "acme-dev" {
		t.Errorf("Remember did not record the name: %q", g.LastName())
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// Any bytes: Load never panics; what loads saves and loads back the same.
func FuzzParse(f *testing.F) {
	f.Add([]byte("last = \"a\"\n[profiles.a]\ndomain = \"x\"\nclientid = 1\n"))
	f.Add([]byte("[profiles.\"odd name\"]\nflow = \"implicit\"\n[ui]\nx = [1, 2]\n"))
	f.Add([]byte("profiles = 3\n"))
	f.Add([]byte("[profiles.a]\npassword = \"p\"\n[profiles.a.sub]\nk = \"\"\"\nx\n[y]\"\"\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := parse("config.toml", data)
		if err != nil {
			var fe *FileError
			if !errors.As(err, &fe) {
				t.Fatalf("parse error is %T, want *FileError", err)
			}
			return
		}
		out, err := file.encode()
		if err != nil {
			return // values the encoder cannot write are reported by Save
		}
		again, err := parse("config.toml", out)
		if err != nil {
			t.Fatalf("what rotui wrote does not parse: %v\n%s", err, out)
		}
		if !slices.Equal(file.Names(), again.Names()) || file.LastName() != again.LastName() {
			t.Fatalf("round trip changed the profiles: %v/%q vs %v/%q", file.Names(), file.LastName(), again.Names(), again.LastName())
		}
		for _, n := range file.Names() {
			a, _ := file.Profile(n)
			b, _ := again.Profile(n)
			if a != b {
				t.Fatalf("round trip changed profile %q: %+v vs %+v", n, a, b)
			}
		}
	})
}

func TestSuggestName(t *testing.T) {
	var f File
	for _, c := range []struct{ domain, want string }{
		{"acme.us.auth0.com", "acme"},
		{"https://Acme-Dev.eu.auth0.com/", "acme-dev"},
		{"http://127.0.0.1:8080", "local-8080"},
		{"http://[::1]:9000/", "local-9000"},
		{"localhost", "local"},
		{"", "default"},
		{"%%%", "default"},
		{"ünï.example", "n"},
	} {
		got := f.SuggestName(Profile{Domain: c.domain})
		if got != c.want {
			t.Errorf("SuggestName(%q) = %q, want %q", c.domain, got, c.want)
		}
		if err := ValidateName(got); err != nil {
			t.Errorf("SuggestName(%q) = %q is not a valid name: %v", c.domain, got, err)
		}
	}
	mustPut(t, &f, Profile{Name: "acme", Domain: "acme.us.auth0.com", ClientID: "one"})
	if got := f.SuggestName(Profile{Domain: "acme.us.auth0.com", ClientID: "one"}); got != "acme" {
		t.Errorf("the same tenant and client should reuse its name, got %q", got)
	}
	if got := f.SuggestName(Profile{Domain: "acme.us.auth0.com", ClientID: "two"}); got != "acme-2" {
		t.Errorf("another client of the same tenant should get a new name, got %q", got)
	}
}
