package ro

import (
	"bytes"
	"encoding/json"
	"maps"
	"net/url"
	"os"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/rotui/rotui/internal/curltest"
)

// aliceRO is the login most cases of the table read back.
var aliceRO = Request{Domain: "acme.us.auth0.com", ClientID: "abc", Connection: "Username-Password-Authentication",
	Username: "alice@example.com", Password: "wonderland", Scope: "openid profile", Flow: FlowRO}

const aliceJSON = `{"client_id":"abc","username":"alice@example.com","password":"wonderland","connection":"Username-Password-Authentication","grant_type":"password","scope":"openid profile"}`

// TestReadCurl reads the commands people paste: the request each fills, the
// fields left as placeholders, and what each says it ignored.
func TestReadCurl(t *testing.T) {
	edit := func(f func(*Request)) Request { r := aliceRO; f(&r); return r }
	for _, c := range []struct {
		name         string
		cmd          string
		want         Request
		placeholders []string
		ignored      []string // What of each ignored part, in order
	}{
		{"long options, JSON body",
			"curl --request POST --url https://acme.us.auth0.com/oauth/ro --header 'Content-Type: application/json' --data-raw '" + aliceJSON + "'",
			aliceRO, nil, nil},
		{"short options, positional URL, line continuations",
			"curl -X POST \\\n  https://acme.us.auth0.com/oauth/ro \\\n  -H 'content-type: application/json' \\\n  -d '" + aliceJSON + "'",
			aliceRO, nil, nil},
		{"a continuation with spaces after its backslash, and CRLF lines",
			"curl -X POST \\  \r\n  https://acme.us.auth0.com/oauth/ro \\\r\n  -H 'content-type: application/json' \\\r\n  -d '" + aliceJSON + "'",
			aliceRO, nil, nil},
		{"glued and grouped short options, a shell prompt, output flags",
			"$ curl -sSkLXPOST https://acme.us.auth0.com/oauth/ro -H'Content-Type: application/json' -d'" + aliceJSON + "' -o out.json -w '%{http_code}'",
			aliceRO, nil, []string{"-s", "-S", "-k", "-L", "-o", "-w"}},
		{"double quotes with escapes, a JSON body without a Content-Type",
			`curl "https://acme.us.auth0.com/oauth/ro" --data "{\"client_id\":\"abc\",\"username\":\"alice@example.com\",\"password\":\"a \\\"quoted\\\" \$HOME\",\"connection\":\"Username-Password-Authentication\",\"scope\":\"openid profile\"}"`,
			edit(func(r *Request) { r.Password = `a "quoted" $HOME` }), nil, nil},
		{"$'…' escapes: \\' \\u \\x and octal",
			`curl https://acme.us.auth0.com/oauth/ro -H 'Content-Type: application/json' --data-raw $'{"client_id":"abc","username":"alice@example.com","password":"it\'s\u0021\x21\041 \u00e9","connection":"Username-Password-Authentication","scope":"openid profile"}'`,
			edit(func(r *Request) { r.Password = "it's!!! é" }), nil, nil},
		{"form body in repeated -d, joined with & as curl does",
			"curl https://acme.us.auth0.com/oauth/ro -d client_id=abc -d username=alice%40example.com -d password=wonderland -d connection=Username-Password-Authentication -d grant_type=password -d 'scope=openid+profile'",
			aliceRO, nil, nil},
		{"--data-urlencode in its three forms",
			"curl https://acme.us.auth0.com/oauth/ro --data-urlencode client_id=abc --data-urlencode 'username=alice@example.com' --data-urlencode 'password=p&ss w=rd%' --data-urlencode connection=Username-Password-Authentication --data-urlencode 'scope=openid profile' -d grant_type=password --data-urlencode '=ignored' --data-urlencode 'plain'",
			edit(func(r *Request) { r.Password = "p&ss w=rd%" }), nil, []string{"a body field with no name", "a body field with no name"}},
		{"--json",
			"curl --json '" + aliceJSON + "' https://acme.us.auth0.com/oauth/ro",
			aliceRO, nil, nil},
		{"the realm flow: /oauth/token with the password-realm grant, an audience",
			`curl https://acme.us.auth0.com/oauth/token -H 'Content-Type: application/json' -d '{"grant_type":"http://auth0.com/oauth/grant-type/password-realm","client_id":"abc","username":"alice@example.com","password":"wonderland","realm":"Username-Password-Authentication","audience":"https://api.example.com/","scope":"openid profile"}'`,
			edit(func(r *Request) { r.Flow, r.Audience = FlowRealm, "https://api.example.com/" }), nil, nil},
		{"the password flow: /oauth/token with the password grant, form-encoded",
			"curl https://acme.us.auth0.com/oauth/token/ -H 'Content-Type: application/x-www-form-urlencoded; charset=utf-8' -d 'grant_type=password&client_id=abc&username=alice%40example.com&password=wonderland&scope=openid%20profile&connection=db'",
			edit(func(r *Request) { r.Flow, r.Connection = FlowPassword, "" }), nil, []string{"body field connection"}},
		{"/oauth/token without a grant but with a realm is the realm flow",
			`curl https://acme.us.auth0.com/oauth/token -d '{"client_id":"abc","username":"alice@example.com","password":"wonderland","realm":"Username-Password-Authentication","scope":"openid profile"}'`,
			edit(func(r *Request) { r.Flow = FlowRealm }), nil, nil},
		{"a bearer, and the headers rotui does not send",
			"curl https://acme.us.auth0.com/oauth/ro -H 'Authorization: Bearer tok123' -H 'Accept: application/json' -H 'Cookie: a=b' -H 'X-Trace: 1' -d '" + aliceJSON + "'",
			edit(func(r *Request) { r.Bearer = "tok123" }), nil, []string{"header Accept", "header Cookie", "header X-Trace"}},
		{"--oauth2-bearer is the bearer too; basic authentication is ignored",
			"curl https://acme.us.auth0.com/oauth/ro --oauth2-bearer tok123 -u abc:s3cret -d '" + aliceJSON + "'",
			edit(func(r *Request) { r.Bearer = "tok123" }), nil, []string{"-u"}},
		{"delegation: the jwt-bearer grant with an ID token",
			`curl https://acme.us.auth0.com/oauth/ro -d '{"client_id":"abc","grant_type":"urn:ietf:params:oauth:grant-type:jwt-bearer","id_token":"eyJ.x.y","connection":"Username-Password-Authentication","scope":"openid","device":"phone"}'`,
			Request{Domain: "acme.us.auth0.com", ClientID: "abc", Connection: "Username-Password-Authentication", GrantType: GrantJWTBearer,
				IDToken: "eyJ.x.y", Scope: "openid", Device: "phone", Flow: FlowRO}, nil, nil},
		{"plain http to this machine, as the domain field allows",
			"curl http://127.0.0.1:8080/oauth/ro -d '" + aliceJSON + "'",
			edit(func(r *Request) { r.Domain = "http://127.0.0.1:8080" }), nil, nil},
		{"plain http to another host is filled, the switch left to the surface (PlainHTTP)",
			"curl http://acme.example.com/oauth/ro -d '" + aliceJSON + "'",
			edit(func(r *Request) { r.Domain = "http://acme.example.com" }), nil, nil},
		{"https on another port keeps it",
			"curl https://ACME.example.com:8443/oauth/ro -d '" + aliceJSON + "'",
			edit(func(r *Request) { r.Domain = "https://acme.example.com:8443" }), nil, nil},
		{"placeholders of every kind are not values",
			`curl https://YOUR_DOMAIN/oauth/ro -H "Authorization: Bearer $TOKEN" -d '{"client_id":"YOUR_CLIENT_ID","username":"<string>","password":"********","connection":"{connection}","scope":"${SCOPE}","device":"••••••••"}'`,
			Request{Flow: FlowRO}, []string{FieldDomain, FieldClientID, FieldConnection, FieldUsername, FieldPassword, FieldScope, FieldDevice, FieldBearer}, nil},
		{"what follows a pipe, a comment, a query and another field are ignored",
			"curl 'https://acme.us.auth0.com/oauth/ro?x=1' -d '" + strings.TrimSuffix(aliceJSON, "}") + `,"nonce":"n","client_secret":"shh","scope":["x"]}' 2>/dev/null | jq . # the answer`,
			aliceRO, nil, []string{"what follows \">\"", "the URL's query (?…)", "body field nonce", "body field client_secret", "another body field scope"}},
		{"an MFA code in an /oauth/ro body is the MFA code field",
			"curl https://acme.us.auth0.com/oauth/ro -d '" + strings.TrimSuffix(aliceJSON, "}") + `,"mfa_code":"123456"}'`,
			edit(func(r *Request) { r.MFACode = "123456" }), nil, nil},
		{"an MFA code in a realm body is ignored: /oauth/token has the MFA API instead",
			`curl https://acme.us.auth0.com/oauth/token -d '{"grant_type":"http://auth0.com/oauth/grant-type/password-realm","client_id":"abc","username":"alice@example.com","password":"wonderland","realm":"Username-Password-Authentication","scope":"openid profile","mfa_code":"123456"}'`,
			edit(func(r *Request) { r.Flow = FlowRealm }), nil, []string{"body field mfa_code"}},
		{"--compressed and its --no- form",
			"curl --compressed --no-compressed https://acme.us.auth0.com/oauth/ro -d '" + aliceJSON + "'",
			aliceRO, nil, []string{"--compressed", "--no-compressed"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := ReadCurl(c.cmd)
			if err != nil {
				t.Fatalf("ReadCurl: %v", err)
			}
			if !reflect.DeepEqual(got.Request, c.want) {
				t.Errorf("request\n got %+v\nwant %+v", got.Request, c.want)
			}
			if !reflect.DeepEqual(got.Placeholders, c.placeholders) {
				t.Errorf("placeholders %q, want %q", got.Placeholders, c.placeholders)
			}
			var ignored []string
			for _, ig := range got.Ignored {
				ignored = append(ignored, ig.What)
				if ig.Why == "" {
					t.Errorf("%s is ignored without a reason", ig.What)
				}
			}
			if !reflect.DeepEqual(ignored, c.ignored) {
				t.Errorf("ignored %q, want %q", ignored, c.ignored)
			}
			for _, f := range got.Filled {
				if f != FieldFlow && *requestFields[f](&got.Request) == "" {
					t.Errorf("%s is said filled but is empty", f)
				}
			}
		})
	}
}

// TestReadCurlRefuses: a command that cannot be used as a whole is an
// error naming the part that could not be used, and no request; no value
// of the command (the password is "wonderland") is said back.
func TestReadCurlRefuses(t *testing.T) {
	body := " -d '" + aliceJSON + "'"
	for _, c := range []struct{ name, cmd, says string }{
		{"empty", "", "not a curl command"},
		{"a token", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ3b25kZXJsYW5kIn0.sig", "not a curl command"},
		{"another program", "wget --post-data 'password=wonderland' https://acme.us.auth0.com/oauth/ro", "not a curl command"},
		{"an unclosed single quote", "curl https://acme.us.auth0.com/oauth/ro \\\n -d '{\"password\":\"wonderland\"}", "quote (') opened on line 2"},
		{"an unclosed double quote", `curl "https://acme.us.auth0.com/oauth/ro -d wonderland`, `quote (")`},
		{"an unclosed $'", `curl https://acme.us.auth0.com/oauth/ro --data-raw $'wonderland\'`, "quote ($')"},
		{"/delegation", "curl https://acme.us.auth0.com/delegation" + body, "/delegation, which is the legacy refresh"},
		{"another API", "curl https://acme.us.auth0.com/api/v2/users" + body, "calls /api/v2/users, which is not a login endpoint"},
		{"no endpoint", "curl https://acme.us.auth0.com" + body, "names no endpoint"},
		{"a refresh at /oauth/token", "curl https://acme.us.auth0.com/oauth/token -d grant_type=refresh_token -d refresh_token=wonderland", "grant_type is refresh_token"},
		{"another grant at /oauth/ro", `curl https://acme.us.auth0.com/oauth/ro -d '{"grant_type":"implicit","password":"wonderland"}'`, "grant_type is implicit"},
		{"GET", "curl -X GET https://acme.us.auth0.com/oauth/ro" + body, "asks with GET"},
		{"-G", "curl -G https://acme.us.auth0.com/oauth/ro" + body, "-G sends the data as a GET query"},
		{"a multipart form", "curl https://acme.us.auth0.com/oauth/ro -F password=wonderland", "-F sends a multipart form"},
		{"a body from a file", "curl https://acme.us.auth0.com/oauth/ro -d @login.json", "-d reads the body from a file"},
		{"a body from stdin", "curl https://acme.us.auth0.com/oauth/ro --data-binary @-", "--data-binary reads the body from a file or stdin"},
		{"an encoded value from a file", "curl https://acme.us.auth0.com/oauth/ro --data-urlencode password@pw.txt", "--data-urlencode reads the body from a file"},
		{"headers from a file", "curl https://acme.us.auth0.com/oauth/ro -H @headers.txt" + body, "reads headers from a file"},
		{"no body", "curl -X POST https://acme.us.auth0.com/oauth/ro -H 'Authorization: Bearer wonderland'", "sends no body"},
		// The endpoint is named first, whatever else the command lacks.
		{"/userinfo, a GET with no body", "curl $U/userinfo -H 'Authorization: Bearer wonderland'", "calls /userinfo, which is called with a login's access token"},
		{"/userinfo with -X GET", "curl -X GET https://acme.us.auth0.com/userinfo -H 'Authorization: Bearer wonderland'", "calls /userinfo"},
		{"/delegation with no body", "curl https://acme.us.auth0.com/delegation", "/delegation, which is the legacy refresh"},
		{"/passwordless/start as a GET", "curl -X GET https://acme.us.auth0.com/passwordless/start", "calls /passwordless/start"},
		{"no URL", "curl" + body, "names no URL"},
		{"two URLs", "curl https://a.example.com/oauth/ro https://b.example.com/oauth/ro" + body, "two URLs"},
		{"an option rotui does not know", "curl --frobnicate wonderland https://acme.us.auth0.com/oauth/ro" + body, "--frobnicate is not a curl option rotui knows"},
		{"an option with =value", "curl https://acme.us.auth0.com/oauth/ro --data-raw=wonderland", "--data-raw=… is not how curl takes a value"},
		{"an option without its value", "curl https://acme.us.auth0.com/oauth/ro" + body + " -H", "-H has no value"},
		{"another scheme", "curl ftp://acme.example.com/oauth/ro" + body, "not http or https"},
		{"JSON that does not parse", `curl https://acme.us.auth0.com/oauth/ro -H 'Content-Type: application/json' -d '{"password":"wonderland",}'`, "not a JSON object"},
		{"a JSON array", `curl https://acme.us.auth0.com/oauth/ro --json '["wonderland"]'`, "not a JSON object"},
		{"a broken form escape", "curl https://acme.us.auth0.com/oauth/ro -d 'password=wonder%zzland'", "broken % escape"},
		{"a body of another type", "curl https://acme.us.auth0.com/oauth/ro -H 'Content-Type: text/plain' -d wonderland", "Content-Type is text/plain"},
		{"a control character in a JSON value", `curl https://acme.us.auth0.com/oauth/ro --data-raw '{"client_id":"abc","password":"wonder\u001b[2Jland"}'`, "password in the command holds a control character"},
		{"a control character in a form value", `curl https://acme.us.auth0.com/oauth/ro --data-raw $'client_id=abc&password=wonder\x1b[2Jland'`, "password in the command holds a control character"},
		{"a C1 control in a header", `curl https://acme.us.auth0.com/oauth/ro -H $'Authorization: Bearer wonder\u009bland' -d client_id=abc`, "bearer in the command holds a control character"},
		{"bytes that are not UTF-8", `curl https://acme.us.auth0.com/oauth/ro --data-raw $'client_id=abc&username=wonder\xffland'`, "username in the command is not UTF-8 text"},
		{"too long", "curl https://acme.us.auth0.com/oauth/ro -d " + strings.Repeat("a", MaxCurl), "up to 1024 KiB"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := ReadCurl(c.cmd)
			if err == nil {
				t.Fatalf("read as %+v; want an error saying %q", got.Request, c.says)
			}
			if !strings.Contains(err.Error(), c.says) {
				t.Errorf("error %q does not say %q", err, c.says)
			}
			if strings.Contains(strings.ToLower(err.Error()), "wonder") {
				t.Errorf("the error says a value of the command back: %q", err)
			}
			if !reflect.DeepEqual(got, CurlImport{}) {
				t.Errorf("an error came with a request filled in part: %+v", got)
			}
		})
	}
}

// TestReadCurlAuth0Reference reads the command on Auth0's reference page
// of /oauth/ro: every field is a placeholder, so nothing but the flow is
// filled, and every field a password login takes is flagged to fill. The
// placeholders of what it does not take are ignored, and listed: the ID
// token (delegation's) and the Authorization: Bearer header the reference
// shows on every endpoint.
func TestReadCurlAuth0Reference(t *testing.T) {
	got := readCurlFile(t, "auth0-reference.txt")
	if want := (Request{Flow: FlowRO}); got.Request != want {
		t.Errorf("request %+v, want only the ro flow", got.Request)
	}
	want := []string{FieldDomain, FieldClientID, FieldConnection, FieldUsername, FieldPassword, FieldScope, FieldDevice}
	if !reflect.DeepEqual(got.Placeholders, want) {
		t.Errorf("placeholders %q, want %q", got.Placeholders, want)
	}
	var ignored []string
	for _, ig := range got.Ignored {
		ignored = append(ignored, ig.What)
	}
	if !reflect.DeepEqual(got.Filled, []string{FieldFlow}) || !reflect.DeepEqual(ignored, []string{"body field id_token", "header Authorization"}) {
		t.Errorf("filled %q, ignored %+v; want the flow only, the bearer and id_token placeholders ignored", got.Filled, got.Ignored)
	}
	if s := got.Summary(200); !strings.Contains(s, "no value filled") || !strings.Contains(s, "placeholders to fill: domain, client_id") {
		t.Errorf("summary %q", s)
	}
}

// TestPlaceholdersOfFieldsTheLoginDoesNotTake: a placeholder is flagged
// to fill only for a field the login sends; a real value of the same field
// is kept as before.
func TestPlaceholdersOfFieldsTheLoginDoesNotTake(t *testing.T) {
	const u = "curl https://acme.us.auth0.com/oauth/ro "
	for _, c := range []struct {
		name, cmd string
		fill      []string // placeholders flagged
		ignored   string   // the part ignored, "" none
		filled    string   // a field filled, "" none
	}{
		{"a password login's id_token placeholder", u + `-d '{"username":"<string>","password":"<string>","id_token":"<string>"}'`, []string{FieldUsername, FieldPassword}, "body field id_token", ""},
		{"a password login's bearer placeholder", u + `-H 'Authorization: Bearer <token>' -d '{"username":"a"}'`, nil, "header Authorization", FieldUsername},
		{"a real bearer is kept", u + `-H 'Authorization: Bearer abc123' -d '{"username":"a"}'`, nil, "", FieldBearer},
		{"delegation's id_token placeholder", u + `-d '{"grant_type":"` + GrantJWTBearer + `","id_token":"<string>","device":"d"}'`, []string{FieldIDToken}, "", FieldDevice},
		{"delegation's password placeholder", u + `-d '{"grant_type":"` + GrantJWTBearer + `","id_token":"<string>","password":"<string>"}'`, []string{FieldIDToken}, "body field password", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := ReadCurl(c.cmd)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got.Placeholders, c.fill) {
				t.Errorf("placeholders %q, want %q", got.Placeholders, c.fill)
			}
			found := false
			for _, ig := range got.Ignored {
				found = found || ig.What == c.ignored
			}
			if c.ignored != "" && !found {
				t.Errorf("ignored %+v, want %q among them", got.Ignored, c.ignored)
			}
			if c.filled != "" && !slices.Contains(got.Filled, c.filled) {
				t.Errorf("filled %q, want %q among them", got.Filled, c.filled)
			}
		})
	}
}

// TestCurlSummaryFitsItsWidth: the status line's summary gives names way
// to counts (fields filled, parts ignored, then placeholders) and then a
// shorter head, so that at the TUI's narrowest (60 columns) and below it
// fits, and a list is never cut mid-way by the line's end.
func TestCurlSummaryFitsItsWidth(t *testing.T) {
	for _, name := range []string{"auth0-reference.txt", "chrome-login.txt"} {
		got := readCurlFile(t, name)
		for _, width := range []int{200, 120, 100, 80, 60, 55} {
			if s := got.Summary(width); utf8.RuneCountInString(s) > width {
				t.Errorf("%s at %d: %d characters: %q", name, width, utf8.RuneCountInString(s), s)
			}
		}
	}
	ref := readCurlFile(t, "auth0-reference.txt")
	if s, want := ref.Summary(60), "Curl (ro): no value filled · 7 to fill · 2 ignored."; s != want {
		t.Errorf("at 60:\n %q\nwant\n %q", s, want)
	}
}

// TestReadCurlBrowserCopy reads a login as Chrome's "Copy as cURL (bash)"
// gives it: -H lines, a cookie, --data-raw $'…' with \' and \u0021 in the
// password, --compressed.
func TestReadCurlBrowserCopy(t *testing.T) {
	got := readCurlFile(t, "chrome-login.txt")
	want := Request{Domain: "acme.us.auth0.com", ClientID: "Xq3bW9pLk2mN7vT4rY8sZ1aC6dE0fG5h", Connection: "Username-Password-Authentication",
		Username: "alice@example.com", Password: "it's a wonderland!", Scope: "openid profile email offline_access", Device: "alice-laptop", Flow: FlowRO}
	if got.Request != want {
		t.Errorf("request\n got %+v\nwant %+v", got.Request, want)
	}
	if len(got.Placeholders) != 0 {
		t.Errorf("placeholders %q in a real login", got.Placeholders)
	}
	// The status line's width decides how much is named.
	for _, c := range []struct {
		width int
		want  string
	}{
		{200, "Curl command (ro flow): filled domain, client_id, connection, username, password, scope, device · ignored: -b, --compressed, body field sso, 13 headers."},
		{100, "Curl command (ro flow): 7 fields filled · ignored: -b, --compressed, body field sso, 13 headers."},
		{60, "Curl command (ro flow): 7 fields filled · 16 parts ignored."},
	} {
		if s := got.Summary(c.width); s != c.want {
			t.Errorf("summary at %d:\n %q\nwant\n %q", c.width, s, c.want)
		}
	}
}

// TestShellWordsAsBashSplitsThem: the words read are the words bash passes
// to curl, for the commands above and the quoting they use.
func TestShellWordsAsBashSplitsThem(t *testing.T) {
	cmds := []string{
		"curl -X POST \\\n  'https://a/oauth/ro' \\\n  -d \"a\\\"b\\\\c\\$d\\`e\\x\" $'\\a\\b\\e\\f\\n\\r\\t\\v\\\\\\'\\\"\\?\\101\\x41\\u00e9\\U0001F600\\cA\\z' $\"t\"x'y'\"z\"",
		"curl a\\ b 'c''d' \"\" '' e#f # comment",
		"curl $'\\x' $'\\u' $'\\777' $'\\uD800' $'\\U00110000' $'\\U7FFFFFFF' $'\\c' $'\\c?\\c\\\\x\\x4G'",
	}
	for _, name := range []string{"auth0-reference.txt", "chrome-login.txt"} {
		b, err := os.ReadFile("testdata/curl/" + name)
		if err != nil {
			t.Fatal(err)
		}
		cmds = append(cmds, string(b))
	}
	for _, cmd := range cmds {
		words, rest, err := shellWords(cmd)
		if err != nil || rest != "" {
			t.Fatalf("shellWords(%q): %v, rest %q", cmd, err, rest)
		}
		if d := curltest.SameCurlArgs(words[1:], curltest.BashCurlArgs(t, cmd)); d != "" {
			t.Errorf("%s\nin %q", d, cmd)
		}
	}
}

func readCurlFile(t *testing.T, name string) CurlImport {
	t.Helper()
	b, err := os.ReadFile("testdata/curl/" + name)
	if err != nil {
		t.Fatal(err)
	}
	got, err := ReadCurl(string(b))
	if err != nil {
		t.Fatalf("ReadCurl(%s): %v", name, err)
	}
	return got
}

// TestReadCurlRoundTrip reads back the command rotui shows for each flow
// (Curl, and CurlLines as the curl pane lays it out): the same request,
// but each masked secret a placeholder to fill; revealed, the same request.
func TestReadCurlRoundTrip(t *testing.T) {
	withSecrets := func(r Request) Request { r.Bearer = "tok-123"; return r }
	delegation := validRO()
	delegation.GrantType, delegation.Username, delegation.Password, delegation.IDToken, delegation.Device = GrantJWTBearer, "", "", "eyJ.x.y", "phone"
	password := validRO().AsFlow(FlowPassword)
	password.Connection = ""
	realm := validRO().AsRealm()
	realm.Audience = "https://api.example.com/"
	quoted := validRO()
	quoted.Username, quoted.Password = `o'brien"$(id)`+"`x`"+`@example.com`, "it's $HOME & \\ more"
	demo := validRO()
	demo.Domain = "http://127.0.0.1:4567"
	for _, c := range []struct {
		name string
		req  Request
	}{
		{"ro", validRO()},
		{"ro with an MFA code", func() Request { r := validRO(); r.MFACode = "123456"; return r }()},
		{"ro with a bearer, scope and device", withSecrets(func() Request { r := validRO(); r.Scope, r.Device = "openid offline_access", "laptop"; return r }())},
		{"delegation", delegation},
		{"realm with an audience", withSecrets(realm)},
		{"password, form-encoded", password},
		{"quotes and shell characters", quoted},
		{"the demo tenant on loopback", demo},
	} {
		sent, err := c.req.Build()
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		want := c.req
		want.Flow = c.req.EffectiveFlow()
		if want.GrantType == GrantPassword {
			want.GrantType = ""
		}
		masked := want
		var secrets []string
		for _, f := range curlFieldOrder {
			if secretFieldOfForm[f] && *requestFields[f](&masked) != "" {
				*requestFields[f](&masked) = ""
				secrets = append(secrets, f)
			}
		}
		for _, v := range []struct {
			how    string
			cmd    string
			reveal bool
		}{
			{"Curl masked", sent.Curl(false), false},
			{"Curl revealed", sent.Curl(true), true},
			{"CurlLines masked at 60", strings.Join(sent.CurlLines(false, 60), "\n"), false},
			{"CurlLines revealed at 40", strings.Join(sent.CurlLines(true, 40), "\n"), true},
			{"CurlLines at 200", strings.Join(sent.CurlLines(false, 200), "\n"), false},
		} {
			t.Run(c.name+"/"+v.how, func(t *testing.T) {
				got, err := ReadCurl(v.cmd)
				if err != nil {
					t.Fatalf("ReadCurl: %v\n%s", err, v.cmd)
				}
				w, ph := masked, secrets
				if v.reveal {
					w, ph = want, nil
				}
				if got.Request != w {
					t.Errorf("request\n got %+v\nwant %+v\n%s", got.Request, w, v.cmd)
				}
				if !reflect.DeepEqual(got.Placeholders, ph) {
					t.Errorf("placeholders %q, want the masked secrets %q", got.Placeholders, ph)
				}
				for _, ig := range got.Ignored {
					if ig.What != "header Accept" && ig.What != "header User-Agent" {
						t.Errorf("rotui's own command has %s ignored (%s)", ig.What, ig.Why)
					}
				}
			})
		}
	}
}

// secretFieldOfForm are the form's fields rotui masks in a curl command.
var secretFieldOfForm = map[string]bool{FieldPassword: true, FieldBearer: true, FieldIDToken: true, FieldMFACode: true}

func TestIsPlaceholder(t *testing.T) {
	for _, c := range []struct {
		v    string
		want bool
	}{
		{"{yourDomain}", true}, {"{{client_id}}", true}, {"<string>", true}, {"<token>", true},
		{"YOUR_CLIENT_ID", true}, {"API_IDENTIFIER", true}, {"CLIENT_ID_2", true},
		{"$TOKEN", true}, {"${PASSWORD}", true}, {"$(cat pw)", true}, {"`cat pw`", true},
		{Mask, true}, {"***", true}, {"••••••••", true},
		{"", false}, {"abc", false}, {"Xq3bW9pLk2mN7vT4rY8sZ1aC6dE0fG5h", false}, {"PASSWORD", false},
		{"Username-Password-Authentication", false}, {"wonder_land", false}, {"_X_", false}, {"A__B", false},
		{"**", false}, {"$", false}, {"$1abc", false}, {"a{b}", false}, {"openid profile", false},
		{"p@$$w0rd", false}, {"<3 you", false},
	} {
		if got := isPlaceholder(c.v); got != c.want {
			t.Errorf("isPlaceholder(%q) = %v, want %v", c.v, got, c.want)
		}
	}
}

func TestLooksLikeCurl(t *testing.T) {
	for _, c := range []struct {
		text string
		want bool
	}{
		{"curl https://x", true}, {"  \n curl\t-X POST", true}, {"$ curl x", true}, {"/usr/bin/curl x", true},
		{"curl.exe -X POST", true}, {"CURL x", true},
		{"", false}, {"eyJhbGciOi.x.y", false}, {"Bearer eyJ", false}, {"curly", false}, {"wget x", false},
	} {
		if got := LooksLikeCurl(c.text); got != c.want {
			t.Errorf("LooksLikeCurl(%q) = %v, want %v", c.text, got, c.want)
		}
	}
}

// FuzzReadCurl reads any text as a curl command: it never panics, an error
// comes with no request and holds no control character, and a request
// read holds no control character (nor a byte that is not UTF-8) in any
// field, and fills each field it says it filled.
func FuzzReadCurl(f *testing.F) {
	for _, name := range []string{"auth0-reference.txt", "chrome-login.txt"} {
		b, err := os.ReadFile("testdata/curl/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	sent, _ := validRO().Build()
	f.Add(sent.Curl(false))
	f.Add(strings.Join(sent.CurlLines(true, 30), "\n"))
	f.Add(`curl -sXPOST https://a.example.com/oauth/token --data-urlencode 'password=x y' -d grant_type=password -H 'Authorization: Bearer $T'`)
	f.Add(`curl http://[::1]:9/oauth/ro --json $'{"password":"\u00e9\x41\101\cA"}' | jq`)
	f.Add(`curl "https://{yourDomain}/oauth/ro" -d "{\"username\":\"<string>\"}" # c`)
	f.Fuzz(func(t *testing.T, cmd string) {
		got, err := ReadCurl(cmd)
		if err != nil {
			if !reflect.DeepEqual(got, CurlImport{}) {
				t.Fatalf("an error (%v) came with a request: %+v", err, got)
			}
			if p := curlValueProblem(err.Error()); p != "" {
				t.Fatalf("the error %s: %q", p, err)
			}
			return
		}
		for field, at := range requestFields {
			v := *at(&got.Request)
			if p := curlValueProblem(v); p != "" {
				t.Fatalf("the %s read %s: %q", field, p, v)
			}
		}
		for _, field := range got.Filled {
			if field != FieldFlow && *requestFields[field](&got.Request) == "" {
				t.Fatalf("%s is said filled but is empty", field)
			}
		}
		if _, err := ParseFlow(string(got.Request.Flow)); err != nil || got.Request.Flow == "" {
			t.Fatalf("flow %q", got.Request.Flow)
		}
	})
}

// TestReadCurlPlainHTTP: a URL in plain http to another machine is noted
// (PlainHTTP, its host) for each surface to refuse in its own words (the
// CLI's --insecure, the TUI's switch); https and this machine are not.
func TestReadCurlPlainHTTP(t *testing.T) {
	for _, c := range []struct{ url, want string }{
		{"http://acme.example.com", "acme.example.com"},
		{"HTTP://Acme.Example.com:8080", "acme.example.com"},
		{"https://acme.example.com", ""},
		{"http://127.0.0.1:8080", ""},
		{"http://localhost", ""},
	} {
		got, err := ReadCurl("curl " + c.url + "/oauth/ro -d '" + aliceJSON + "'")
		if err != nil {
			t.Fatalf("%s: %v", c.url, err)
		}
		if got.PlainHTTP != c.want {
			t.Errorf("%s: PlainHTTP %q, want %q", c.url, got.PlainHTTP, c.want)
		}
	}
}

// TestIgnoredBodyFieldsNeverEchoASecret: in a form body an & written as it
// is in a secret cuts it, and the rest reads as a field of its own; the
// ignored part is never named by it, for every secret field, flow and
// shape of the cut (after the secret, with or without =, no name at all),
// in Ignored and in the TUI's status line (Summary). Where it follows a
// secret, the reason says what to do: write the & as %26.
func TestIgnoredBodyFieldsNeverEchoASecret(t *testing.T) {
	const rest = "tP4ss" // the part after the &: "S3cr&tP4ss" was the secret
	flows := map[string]string{
		"ro":    "curl https://acme.us.auth0.com/oauth/ro -d client_id=abc -d username=alice -d connection=db",
		"realm": "curl https://acme.us.auth0.com/oauth/token -d grant_type=http://auth0.com/oauth/grant-type/password-realm -d client_id=abc -d username=alice -d realm=db",
	}
	secrets := slices.Sorted(maps.Keys(secretFields))
	for flow, head := range flows {
		for _, secret := range secrets {
			for _, shape := range []struct {
				name, args string
				after      bool // the reason must say %26
			}{
				{"no = after the secret", " -d '" + secret + "=S3cr&" + rest + "'", true},
				{"a name= after the secret", " -d '" + secret + "=S3cr&" + rest + "=x'", true},
				{"an empty piece between", " --data-raw '" + secret + "=S3cr&&" + rest + "'", true},
				{"the next -d after the secret", " -d " + secret + "=S3cr -d " + rest, true},
				{"an empty name", " -d " + secret + "=S3cr -d client_id=abc -d '=" + rest + "'", false},
				{"--data-urlencode with no name", " -d " + secret + "=S3cr -d client_id=abc --data-urlencode '=" + rest + "'", false},
				{"--data-urlencode with no =", " -d " + secret + "=S3cr -d client_id=abc --data-urlencode " + rest, false},
			} {
				name := flow + "/" + secret + "/" + shape.name
				got, err := ReadCurl(head + shape.args)
				if err != nil {
					if strings.Contains(strings.ToLower(err.Error()), strings.ToLower(rest)) {
						t.Errorf("%s: the error says the secret's rest: %q", name, err)
					}
					continue
				}
				said, fix := "", false
				for _, ig := range got.Ignored {
					said += ig.What + ": " + ig.Why + "\n"
					fix = fix || strings.Contains(ig.Why, "%26")
				}
				for _, w := range []int{200, 80, 40} {
					said += got.Summary(w) + "\n"
				}
				if strings.Contains(strings.ToLower(said), strings.ToLower(rest)) {
					t.Errorf("%s: part of the secret is said back:\n%s", name, said)
				}
				if shape.after && !fix {
					t.Errorf("%s: nothing says to write the & as %%26:\n%s", name, said)
				}
			}
		}
	}
	// A JSON body is not cut by an &: its unknown member is named.
	got, err := ReadCurl("curl https://acme.us.auth0.com/oauth/ro -d '" + strings.TrimSuffix(aliceJSON, "}") + `,"nonce":"n"}'`)
	if err != nil || len(got.Ignored) != 1 || got.Ignored[0].What != "body field nonce" {
		t.Errorf("a JSON body's other member: %+v, %v", got.Ignored, err)
	}
}

// TestIgnoredOptionsSayTheirOwnReason: each option rotui ignores says why
// in words of its own kind (an HTTP version is not a timeout), and no
// reason names a flag or key of one surface, since the command line and
// the TUI both show it.
func TestIgnoredOptionsSayTheirOwnReason(t *testing.T) {
	why := func(opt string) string {
		o, ok := curlOptionBy(strings.TrimPrefix(opt, "--"), 0)
		if !ok || o.use != nil {
			t.Fatalf("%s is not an ignored option", opt)
		}
		return o.why
	}
	for opt, says := range map[string]string{
		"--http1.1": "HTTP version", "--http2": "HTTP version", "--retry": "once", "--retry-delay": "once",
		"--max-time": "time limit", "--connect-timeout": "time limit", "--ipv4": "address",
		"--proxy": "proxy", "--resolve": "host the URL names", "--limit-rate": "transfer limit",
		"--tlsv1.2": "TLS 1.2", "--keepalive-time": "connection setting", "--insecure": "verifies TLS",
	} {
		if w := why(opt); !strings.Contains(w, says) {
			t.Errorf("%s is ignored because %q; want it to say %q", opt, w, says)
		}
	}
	for _, o := range curlOptions {
		if o.use == nil && (strings.Contains(o.why, "--") || strings.Contains(o.why, "timeout")) {
			t.Errorf("--%s's reason %q names a surface's flag", o.long, o.why)
		}
	}
}

// chromeCmd is the command Chrome's "Copy as cURL (cmd)" writes for a
// POST of body to url with these headers: its escapeStringWin, word for
// word, and its ' ^\n  ' between options.
func chromeCmd(url string, headers []string, body string) string {
	escape := func(s string) string {
		s = strings.ReplaceAll(s, `\`, `\\`)
		s = strings.ReplaceAll(s, `"`, `\"`)
		var b strings.Builder
		for _, r := range s {
			if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || unicode.IsSpace(r) || strings.ContainsRune("_-:=+~'/.,?;()*`", r)) {
				b.WriteByte('^')
			}
			b.WriteRune(r)
		}
		s = regexp.MustCompile(`%([a-zA-Z0-9_])`).ReplaceAllString(b.String(), "%^$1")
		s = regexp.MustCompile(`\r?\n`).ReplaceAllString(s, "^\n\n")
		return `^"` + s + `^"`
	}
	cmd := []string{"curl", escape(url)}
	for _, h := range headers {
		cmd = append(cmd, "-H", escape(h))
	}
	cmd = append(cmd, "--data-raw", escape(body), "--compressed")
	return strings.Join(cmd, " ^\n  ")
}

// TestReadCurlWindowsCmd reads commands written for Windows' cmd.exe as
// cmd and curl.exe would: Chrome's "Copy as cURL (cmd)" (^ continuations,
// ^" quoting, ^ before every other character), with CRLF lines or not,
// for a JSON and a form body whose password holds what cmd and the C
// runtime treat specially; and a command typed for cmd with "…" quotes,
// inside which ^ and & are characters.
func TestReadCurlWindowsCmd(t *testing.T) {
	const pw = `it's "a" 50% ^&|<> wonder!land é`
	want := aliceRO
	want.Password = pw
	// Chrome doubles every backslash, which curl.exe halves only before a
	// quote: the body holds none but those of \", as a JSON encoder that
	// escapes no HTML writes it.
	var jsonBody bytes.Buffer
	enc := json.NewEncoder(&jsonBody)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(map[string]string{"client_id": "abc", "username": "alice@example.com", "password": pw,
		"connection": "Username-Password-Authentication", "scope": "openid profile"})
	form := "client_id=abc&username=alice%40example.com&password=" + url.QueryEscape(pw) + "&connection=Username-Password-Authentication&scope=openid%20profile"
	json := chromeCmd("https://acme.us.auth0.com/oauth/ro", []string{"accept: */*", "content-type: application/json"}, strings.TrimSpace(jsonBody.String()))
	formCmd := chromeCmd("https://acme.us.auth0.com/oauth/ro", []string{"content-type: application/x-www-form-urlencoded"}, form)
	typed := "curl -X POST https://acme.us.auth0.com/oauth/ro ^\r\n  -d \"client_id=abc&username=alice@example.com&password=a^b%26c&connection=Username-Password-Authentication\" ^\r\n  -d \"scope=openid profile\""
	typedWant := aliceRO
	typedWant.Password = "a^b&c"
	for _, c := range []struct {
		name, cmd string
		want      Request
	}{
		{"Chrome, JSON", json, want},
		{"Chrome, JSON, CRLF", strings.ReplaceAll(json, "\n", "\r\n"), want},
		{"Chrome, form", formCmd, want},
		{"Chrome, form, on one line", strings.ReplaceAll(formCmd, "\n", " "), want},
		{"typed for cmd, CRLF", typed, typedWant},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := ReadCurl(c.cmd)
			if err != nil {
				t.Fatalf("ReadCurl: %v\n%s", err, c.cmd)
			}
			if got.Request != c.want {
				t.Errorf("request\n got %+v\nwant %+v", got.Request, c.want)
			}
		})
	}
	// cmd's %NAME% is a variable, not a value: a placeholder to fill.
	got, err := ReadCurl(`curl https://acme.us.auth0.com/oauth/ro ^` + "\n" + ` --data-raw "{\"client_id\":\"abc\",\"username\":\"alice\",\"password\":\"%PW%\",\"connection\":\"db\"}"`)
	if err != nil || !slices.Contains(got.Placeholders, FieldPassword) {
		t.Errorf("%%PW%%: placeholders %q, %v", got.Placeholders, err)
	}
	// An unclosed quote is said as in a POSIX command.
	if _, err := ReadCurl("curl ^\n \"https://acme.us.auth0.com/oauth/ro -d x"); err == nil || !strings.Contains(err.Error(), "never closed") {
		t.Errorf("an unclosed quote: %v", err)
	}
}
