package jwtview

import (
	"context"
	"crypto/rsa"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/golang-jwt/jwt/v5"
)

// Benchmarks of decoding and explaining, with golang-jwt's ParseUnverified
// on the same tokens as the baseline (it decodes the header and claims into
// maps and checks nothing, as Decode). Targets: a typical token in under
// 20 µs and within 2x of the baseline; cost linear in the token's size.
//
//	go test ./jwtview -run XXX -bench . -benchmem -count 3

var benchTokens struct {
	once           sync.Once
	typical, large string
	sized          map[string]string
	rsaKey         *rsa.PrivateKey
}

// typicalIDToken is about 1 KB: what Auth0 returns for scope "openid
// profile email" with a namespaced claim added by an Action.
func typicalClaims() string {
	return `{"https://acme.example.com/roles":["admin","support"],"https://acme.example.com/org":"org_8Fq2PbvL1p6RrDg5",` +
		`"nickname":"alice","name":"alice@example.com","picture":"https://s.gravatar.com/avatar/8eb1b522f60d11fa897de1dc6351b7e8?s=480&r=pg&d=https%3A%2F%2Fcdn.auth0.com%2Favatars%2Fal.png",` +
		`"updated_at":"2026-11-25T16:49:58.120Z","email":"alice@example.com","email_verified":true,` +
		`"iss":"https://acme.us.auth0.com/","aud":"Xq2UhN5Qp8ArJcdwLMHkcYTz2Fb1nVq3","iat":1795625400,"exp":1795661400,` +
		`"sub":"auth0|5f7c8ec7c33c6c004bbafe82","auth_time":1795625399,"sid":"nSa8kCoY3kZqH1cJfK1M8Qx5rLJvI2Pq",` +
		`"nonce":"c2VjcmV0LW5vbmNlLTEyMzQ1Ng","at_hash":"0h4w4mQ4sCfG3Zk5eHcS0A","amr":["pwd"]}`
}

// manyClaims is a payload of n claims of mixed types.
func manyClaims(n int) string {
	var b strings.Builder
	b.WriteString(`{"iss":"https://acme.us.auth0.com/","exp":1795661400,"iat":1795625400`)
	for i := 0; i < n; i++ {
		switch i % 5 {
		case 0, 1:
			fmt.Fprintf(&b, `,"claim_%05d":"value number %d of many in one big token"`, i, i)
		case 2:
			fmt.Fprintf(&b, `,"n_%05d":%d`, i, i*7919)
		case 3:
			fmt.Fprintf(&b, `,"https://example.com/c%05d":true`, i)
		case 4:
			fmt.Fprintf(&b, `,"list_%05d":["a","b",%d]`, i, i)
		}
	}
	b.WriteString("}")
	return b.String()
}

func rsSigned(b *testing.B, key *rsa.PrivateKey, payload string) string {
	signed := b64(`{"alg":"RS256","typ":"JWT","kid":"Yz9C2ZsLgPCTQ_IRCkwYD"}`) + "." + b64(payload)
	sig, err := jwt.SigningMethodRS256.Sign(signed, key)
	if err != nil {
		b.Fatal(err)
	}
	return signed + "." + b64(string(sig))
}

func loadBenchTokens(b *testing.B) {
	benchTokens.once.Do(func() {
		k := getKeys(b)
		benchTokens.rsaKey = k.rsa
		benchTokens.typical = rsSigned(b, k.rsa, typicalClaims())
		benchTokens.large = rsSigned(b, k.rsa, manyClaims(5000))
		benchTokens.sized = map[string]string{}
		for _, n := range []int{16, 256, 4096} {
			benchTokens.sized[fmt.Sprint(n)] = rsSigned(b, k.rsa, manyClaims(n))
		}
	})
}

func BenchmarkDecodeExplain(b *testing.B) {
	loadBenchTokens(b)
	for _, tc := range []struct{ name, tok string }{
		{"typical", benchTokens.typical},
		{"large_5000_claims", benchTokens.large},
	} {
		b.Run(tc.name, func(b *testing.B) {
			b.SetBytes(int64(len(tc.tok)))
			b.ReportAllocs()
			for b.Loop() {
				d := Decode(tc.tok)
				_ = d.Lifetime().At(testNow).String()
			}
		})
	}
}

func BenchmarkBaselineParseUnverified(b *testing.B) {
	loadBenchTokens(b)
	p := jwt.NewParser()
	for _, tc := range []struct{ name, tok string }{
		{"typical", benchTokens.typical},
		{"large_5000_claims", benchTokens.large},
	} {
		b.Run(tc.name, func(b *testing.B) {
			b.SetBytes(int64(len(tc.tok)))
			b.ReportAllocs()
			for b.Loop() {
				if _, _, err := p.ParseUnverified(tc.tok, jwt.MapClaims{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkDecodeBySize shows the cost per byte staying flat as tokens grow.
func BenchmarkDecodeBySize(b *testing.B) {
	loadBenchTokens(b)
	for _, n := range []string{"16", "256", "4096"} {
		tok := benchTokens.sized[n]
		b.Run("claims_"+n, func(b *testing.B) {
			b.SetBytes(int64(len(tok)))
			for b.Loop() {
				Decode(tok)
			}
		})
	}
}

func BenchmarkVerifyRS256CachedKey(b *testing.B) {
	loadBenchTokens(b)
	k := getKeys(b)
	srv := newJWKSServerB(b, map[string]any{"Yz9C2ZsLgPCTQ_IRCkwYD": &k.rsa.PublicKey})
	cache := NewKeyCache(nil)
	o := VerifyOptions{JWKSURL: srv, Keys: cache, Now: testNow, Issuer: "https://acme.us.auth0.com/"}
	tok := Decode(benchTokens.typical)
	if v := Verify(context.Background(), tok, o); !v.OK() {
		b.Fatalf("%+v %v", v.Checks, v.FetchError)
	}
	b.ReportAllocs()
	for b.Loop() {
		Verify(context.Background(), tok, o)
	}
}

func BenchmarkBaselineJWTParseRS256(b *testing.B) {
	loadBenchTokens(b)
	pub := &benchTokens.rsaKey.PublicKey
	kf := func(*jwt.Token) (any, error) { return pub, nil }
	p := jwt.NewParser(jwt.WithValidMethods([]string{"RS256"}), jwt.WithoutClaimsValidation())
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.Parse(benchTokens.typical, kf); err != nil {
			b.Fatal(err)
		}
	}
}
