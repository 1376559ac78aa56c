package rotest

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
)

// maxRequestBody caps what the tenant reads of a request body.
const maxRequestBody = 64 << 10

// params are the fields of a request body, JSON or form-encoded.
type params struct {
	values map[string]any // JSON values as decoded; form values as strings
}

// errBody is a body that could not be read as JSON or a form.
var errBody = errors.New("the request body is neither a JSON object nor form-encoded")

// readParams reads a JSON or form-encoded body, as Auth0's endpoints take
// both. The Content-Type decides; without one, a body that starts with
// "{" is read as JSON.
func readParams(w http.ResponseWriter, r *http.Request) (params, error) {
	raw, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxRequestBody))
	if err != nil {
		return params{}, err
	}
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	trimmed := bytes.TrimSpace(raw)
	isJSON := ct == "application/json" || (ct != "application/x-www-form-urlencoded" && len(trimmed) > 0 && trimmed[0] == '{')
	p := params{values: map[string]any{}}
	if isJSON {
		if len(trimmed) == 0 {
			return p, nil
		}
		if err := json.Unmarshal(trimmed, &p.values); err != nil || p.values == nil {
			return params{}, errBody
		}
		return p, nil
	}
	form, err := url.ParseQuery(string(raw))
	if err != nil {
		return params{}, errBody
	}
	for k, v := range form {
		if len(v) > 0 {
			p.values[k] = v[0]
		}
	}
	return p, nil
}

// readFields reads the body of a call (readParams) whose fields must each
// be a string when given, and answers as Auth0 does, 400 invalid_request,
// a body that cannot be read or one of fields of another type.
func readFields(w http.ResponseWriter, r *http.Request, fields []string) (params, error) {
	p, err := readParams(w, r)
	if err != nil {
		return params{}, bodyError(err)
	}
	if f := p.notString(fields); f != "" {
		return params{}, newErr(400, "invalid_request", f+" parameter must be a string")
	}
	return p, nil
}

// notString is the first of fields that p holds as something other than
// a string; "" when there is none.
func (p params) notString(fields []string) string {
	for _, f := range fields {
		if _, ok := p.get(f); !ok {
			return f
		}
	}
	return ""
}

// get returns a string field; absent, null and empty read as "".
// ok is false when the field is there but is not a string.
func (p params) get(name string) (s string, ok bool) {
	v, present := p.values[name]
	if !present || v == nil {
		return "", true
	}
	s, ok = v.(string)
	return s, ok
}

// str returns a string field, or "" for anything else.
func (p params) str(name string) string {
	s, _ := p.get(name)
	return s
}

// code returns a one-time code field, sent as a string or as a JSON
// number (Auth0's MFA guide sends mfa_code 99999); ok is false for any
// other type.
func (p params) code(name string) (s string, ok bool) {
	switch v := p.values[name].(type) {
	case nil:
		return "", true
	case string:
		return v, true
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64), true
	}
	return "", false
}

// apiError is one of Auth0's error answers.
type apiError struct {
	status      int
	code        string
	description string
	extra       []claim // members after error and error_description
}

func (e *apiError) Error() string { return e.code + ": " + e.description }

func newErr(status int, code, description string) *apiError {
	return &apiError{status: status, code: code, description: description}
}

// writeError sends Auth0's error body {"error": …, "error_description": …}.
func writeError(w http.ResponseWriter, status int, code, description string) {
	writeAPIError(w, newErr(status, code, description))
}

// writeAnswer sends a token endpoint's answer: the body on success, Auth0's
// error shape for an *apiError, and a plain 500 for the demo's own failure.
func writeAnswer(w http.ResponseWriter, body []claim, err error) {
	var e *apiError
	switch {
	case err == nil:
		writeJSON(w, http.StatusOK, body)
	case errors.As(err, &e):
		writeAPIError(w, e)
	default:
		http.Error(w, "the demo tenant failed: "+err.Error(), http.StatusInternalServerError)
	}
}

func writeAPIError(w http.ResponseWriter, e *apiError) {
	body := append([]claim{{"error", e.code}, {"error_description", e.description}}, e.extra...)
	writeJSON(w, e.status, body)
}

// writeJSON sends members in order as a JSON object.
func writeJSON(w http.ResponseWriter, status int, members []claim) {
	b, err := orderedJSON(members)
	if err != nil {
		http.Error(w, "the demo tenant could not render its answer", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	// Token answers must not be cached (RFC 6749 §5.1); Auth0 sends both.
	h.Set("Cache-Control", "no-store")
	h.Set("Pragma", "no-cache")
	w.WriteHeader(status)
	w.Write(b)
}
