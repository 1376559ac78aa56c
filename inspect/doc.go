// Package inspect decides what one exchange, or one pasted token, means:
// each token decoded with its lifetime, the plan for verifying it (which
// keys check which token: the tenant's JWKS, the client secret, a PEM), the
// consistency checks between the answer and its tokens as findings with a
// level, the clock skew, why each token looks as it does, and the migration
// preview of an ro-flow login.
//
// It is pure: no terminal, no bubbletea, no lipgloss, and no network except
// where a caller asks a Token to verify itself. Every surface (the TUI's
// panes, `rotui login` and `rotui decode`, the Markdown report) renders an
// Inspection and decides nothing of its own, so that no two surfaces can
// disagree. A new rule goes here (or below, in ro or jwtview), never in a
// renderer.
package inspect
