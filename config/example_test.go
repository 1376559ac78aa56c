package config_test

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/rotui/rotui/config"
	"github.com/rotui/rotui/ro"
)

// The TUI's "save as profile" key, then `rotui login --profile acme`.
func Example() {
	dir, _ := os.MkdirTemp("", "rotui-example")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "rotui", "config.toml") // config.DefaultPath() unless --config

	form := ro.Request{Domain: "acme.us.auth0.com", ClientID: "abc123", Connection: "Username-Password-Authentication",
		Username: "alice@example.com", Password: "never saved", Scope: "openid profile"}
	var f config.File
	p := config.FromRequest(f.SuggestName(config.Profile{Domain: form.Domain}), form, "")
	if err := config.SaveProfile(path, p); err != nil {
		fmt.Println(err)
		return
	}

	loaded, err := config.Load(path)
	if err != nil {
		fmt.Println(err)
		return
	}
	last, _ := loaded.Last()
	req := last.Request()
	req.Username = "bob@example.com" // a --username flag wins over the profile
	fmt.Println(loaded.Names(), last.Name, req.Domain, req.Flow, req.Username, req.Password == "")
	if _, err := loaded.Lookup("prod"); err != nil {
		fmt.Println(err)
	}
	// Output:
	// [acme] acme acme.us.auth0.com ro bob@example.com true
	// there is no profile called "prod"; the profiles are: "acme"
}
