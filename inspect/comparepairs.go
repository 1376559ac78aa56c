package inspect

import "fmt"

// Two results compared (the TUI's d): a login's answer or a pasted token
// against another. Which token goes with which is a rule too: like with
// like, so that an ID token is never read against an access token as if
// their claims could agree.

// CompareResults compares the tokens of two results like with like: ID
// token with ID token, access with access, refresh with refresh, in that
// order, one TokenComparison for each kind both have. A pasted token stands
// for the kind it reads as (PastedRole). When the two have no kind in
// common (a pasted access token against a login that returned only an ID
// token), their first tokens are compared all the same, and the one
// Finding says that tokens of two kinds differ by design. Nil when either
// has no token at all. nameA and nameB are what the sentences call each
// side.
func CompareResults(a, b *Inspection, nameA, nameB string) []TokenComparison {
	ka, kb := tokensByKind(a), tokensByKind(b)
	if len(ka) == 0 || len(kb) == 0 {
		return nil
	}
	var out []TokenComparison
	for _, r := range []Role{RoleID, RoleAccess, RoleRefresh} {
		ta, tb := ka[r], kb[r]
		if ta != nil && tb != nil {
			out = append(out, TokenComparison{Role: r, Comparison: CompareNamed(ta, tb, nameA, nameB)})
		}
	}
	if len(out) > 0 {
		return out
	}
	ra, ta := firstKind(ka)
	rb, tb := firstKind(kb)
	return []TokenComparison{{
		Role:       ra,
		Comparison: CompareNamed(ta, tb, nameA, nameB),
		Findings: []Finding{{Name: "kinds", Level: LevelWarn, Detail: fmt.Sprintf(
			"No token of the same kind: %s's %s is compared with %s's %s, and tokens of two kinds differ by design (an ID token describes the login, an access token is for an API).",
			nameA, lower(ra), nameB, lower(rb))}},
	}}
}

// tokensByKind are the tokens of i by the kind each is: a pasted token
// under the kind it reads as.
func tokensByKind(i *Inspection) map[Role]*Token {
	if i == nil {
		return nil
	}
	out := map[Role]*Token{}
	for _, t := range i.Tokens {
		r := t.Role
		if r == RolePasted {
			r = i.PastedRole()
		}
		if out[r] == nil {
			out[r] = t
		}
	}
	return out
}

// firstKind is the first of ID, access and refresh that kinds has.
func firstKind(kinds map[Role]*Token) (Role, *Token) {
	for _, r := range []Role{RoleID, RoleAccess, RoleRefresh} {
		if t := kinds[r]; t != nil {
			return r, t
		}
	}
	return RolePasted, nil
}

// lower is a role as it reads inside a sentence: "ID token", "access token".
func lower(r Role) string {
	switch r {
	case RoleAccess:
		return "access token"
	case RoleRefresh:
		return "refresh token"
	case RoleID:
		return "ID token"
	}
	return "token"
}
