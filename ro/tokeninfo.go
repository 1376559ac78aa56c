package ro

import (
	"context"
	"strings"
)

// TokenInfo calls the legacy POST {domain}/tokeninfo with an ID token,
// which checks its signature and expiry and answers the user's legacy
// profile (global_client_id included). On success ex.Body holds the
// profile JSON, as UserInfo's does; a refusal is an *APIError. The ID
// token sent is a credential: masked wherever the request is shown, and
// in an echo of it.
func (c *Client) TokenInfo(ctx context.Context, domain string, insecure bool, idToken string) (*Exchange, error) {
	base, err := baseString(domain, insecure)
	if err != nil {
		return nil, &ValidationError{Fields: []FieldError{{Field: FieldDomain, Message: capitalise(err.Error())}}}
	}
	tok := strings.TrimSpace(idToken)
	if tok == "" || hasSpaceOrControl(tok) {
		return nil, &ValidationError{Fields: []FieldError{{Field: FieldIDToken, Message: "An ID token (from a login or a refresh), alone on one line, is needed to call /tokeninfo."}}}
	}
	call, cancel := context.WithTimeout(ctx, c.timeout())
	defer cancel()
	s := jsonPost(base+"/tokeninfo", jsonField{"id_token", tok, false})
	ex := c.send(ctx, call, "", s)
	ex.refuseUnlessOK(flowTokenInfo)
	ex.MaskEchoes(NewEchoes(tok))
	return ex, ex.Err
}

// flowTokenInfo marks /tokeninfo's answers for the hints.
const flowTokenInfo Flow = "tokeninfo"
