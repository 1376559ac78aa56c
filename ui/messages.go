package ui

import (
	"time"

	"github.com/rotui/rotui/config"
	"github.com/rotui/rotui/inspect"
	"github.com/rotui/rotui/jwtview"
	"github.com/rotui/rotui/ro"
)

// The root's messages. Commands return them; only Update changes the model.
type (
	// loginDoneMsg is the answer (or failure) of call id; a stale id (a
	// cancelled call) is ignored.
	loginDoneMsg struct {
		id       int
		req      ro.Request
		ex       *ro.Exchange
		err      error
		prepared *prepared // the answer's result and panes, made in the command; nil: make them now
	}

	// tickMsg is one beat of the once-a-second countdown loop with the given
	// id; a beat from another loop is dropped so that only one loop runs.
	tickMsg struct {
		id  int
		now time.Time
	}

	// verifiedMsg is the verification of the token of role of result.
	verifiedMsg struct {
		result int
		role   inspect.Role
		v      jwtview.Verification
	}

	// userinfoMsg is the answer of call seq to /userinfo of result.
	userinfoMsg struct {
		result int
		seq    int
		ex     *ro.Exchange
		err    error
	}

	// tokeninfoMsg is the answer of call seq to /tokeninfo of result.
	tokeninfoMsg struct {
		result int
		seq    int
		ex     *ro.Exchange
		err    error
	}

	// refreshDoneMsg is the answer of call id, a refresh with the refresh
	// token of result of; its own result and panes made in the command.
	refreshDoneMsg struct {
		id       int
		of       int
		refresh  ro.Refresh
		ex       *ro.Exchange
		err      error
		prepared *prepared
	}

	// revokeDoneMsg is the answer of call id, the revocation of the
	// refresh token of result of.
	revokeDoneMsg struct {
		id  int
		of  int
		ex  *ro.Exchange
		err error
	}

	// codeSentMsg is the answer of call id, a passwordless code asked of
	// connection for recipient.
	codeSentMsg struct {
		id         int
		connection string
		recipient  string
		ex         *ro.Exchange
		err        error
	}

	// historyChooseMsg asks to show the panes of history entry id again.
	historyChooseMsg struct{ id int }

	// profilesLoadedMsg is the config file, read for the picker.
	profilesLoadedMsg struct {
		file *config.File
		err  error
	}

	// profileSavedMsg says a profile was saved (or remembered as the last
	// used), or why not.
	profileSavedMsg struct {
		name        string
		err         error
		remembering bool
	}

	// reportDoneMsg says where a report was written (or why it was not),
	// or carries its Markdown to copy.
	reportDoneMsg struct {
		path     string
		markdown string // set when copying
		err      error
	}

	// pemReadMsg brings the key file the paste screen named, read and
	// parsed (or why not), with the token to inspect with it; seq says
	// which inspection it is for.
	pemReadMsg struct {
		seq   int
		token string
		pem   []byte
		err   error
	}
)
