package ui

// How the root answers the messages its commands send back: each family of
// messages (the clocks, a command's result, the profile file) as a person
// sees it.

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"github.com/rotui/rotui/config"
)

// TestCommandResultsSayWhatHappened: a command's result that ends in the
// status line says what happened, in red when it went wrong.
func TestCommandResultsSayWhatHappened(t *testing.T) {
	boom := errors.New("the disk is full")
	dir := filepath.Join(t.TempDir(), "reports")
	for _, row := range []struct {
		name   string
		msg    tea.Msg
		status string
		isErr  bool
	}{
		{"report written", reportDoneMsg{path: filepath.Join(dir, "rotui-report-1.md")}, "Report rotui-report-1.md written in " + dir + ".", false},
		{"report copied", reportDoneMsg{markdown: "# Login"}, "Copied the report (7 characters of Markdown", false},
		{"report failed", reportDoneMsg{err: boom}, "No report: the disk is full", true},
		{"profile saved", profileSavedMsg{name: "acme"}, "Saved the form as profile acme in", false},
		{"profile not remembered", profileSavedMsg{name: "acme", err: boom, remembering: true},
			"Profile acme loaded, but not remembered as the last used: the disk is full", true},
		{"history: a call that was cancelled", historyChooseMsg{id: 0}, "That call was cancelled: nothing came back to show.", true},
		{"history: a result let go", historyChooseMsg{id: 7}, "Only the last 100 results are kept", true},
	} {
		t.Run(row.name, func(t *testing.T) {
			m, _ := newTestModel(t, demoPrefill())
			m.cfgPath = filepath.Join(t.TempDir(), "config.toml")
			m.Update(row.msg)
			if !strings.Contains(m.status, row.status) || m.statusErr != row.isErr {
				t.Errorf("status %q (error %v), want %q (error %v)", m.status, m.statusErr, row.status, row.isErr)
			}
			if !strings.Contains(ansiStrip(view(m)), row.status[:min(len(row.status), 40)]) {
				t.Errorf("not on screen:\n%s", ansiStrip(view(m)))
			}
		})
	}
}

// TestTheProfileFileAnswersThePickerOnly: the file, read or written, lands
// in the picker while it is open, and nowhere once it is closed.
func TestTheProfileFileAnswersThePickerOnly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.toml")
	file, err := config.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	m, _ := newTestModel(t, demoPrefill())
	m.cfgPath = path

	// Closed before the file was read: the late answer does not reopen it.
	press(m, "ctrl+o")
	press(m, "esc")
	m.Update(profilesLoadedMsg{file: file})
	if m.overlay != noOverlay || strings.Contains(view(m), "No profile saved yet") {
		t.Errorf("a late read of the file reopened the picker:\n%s", view(m))
	}

	// Open: a file that cannot be read says why, in the picker.
	press(m, "ctrl+o")
	m.Update(profilesLoadedMsg{err: errors.New("config.toml line 3: a profile needs a domain")})
	if s := ansiStrip(view(m)); !strings.Contains(s, "Profiles not read") || !strings.Contains(s, "line 3") {
		t.Errorf("the picker does not say why the file was not read:\n%s", s)
	}

	// A profile that could not be saved: the picker asks for the name again
	// and says why.
	press(m, "esc", "ctrl+o")
	m.Update(profilesLoadedMsg{file: file})
	m.Update(profileSavedMsg{name: "acme", err: errors.New("the folder is read-only")})
	if s := ansiStrip(view(m)); !m.profiles.naming || !strings.Contains(s, "Save the form as a profile") || !strings.Contains(s, "the folder is read-only") {
		t.Errorf("a failed save does not ask again with its reason:\n%s", s)
	}
}

// TestOnlyTheCallsSpinnerTurnsIt: the spinner beside a call in flight turns
// on its own ticks only, and stops once the call is over.
func TestOnlyTheCallsSpinnerTurnsIt(t *testing.T) {
	m, _ := newTestModel(t, demoPrefill())
	press(m, "ctrl+s")
	if m.call == nil {
		t.Fatal("no call in flight")
	}
	later := m.call.started.Add(1500 * time.Millisecond)
	if _, cmd := m.Update(spinner.TickMsg{ID: m.spinner.ID() + 1, Time: later}); m.elapsed != 0 {
		t.Errorf("another spinner's tick moved the call's clock to %s", m.elapsed)
	} else if cmd != nil {
		t.Error("another spinner's tick re-armed the call's spinner")
	}
	if _, cmd := m.Update(spinner.TickMsg{ID: m.spinner.ID(), Time: later}); m.elapsed != 1500*time.Millisecond || cmd == nil {
		t.Errorf("the call's own tick: elapsed %s, re-armed %v", m.elapsed, cmd != nil)
	}
	answer(t, m)
	if _, cmd := m.Update(spinner.TickMsg{ID: m.spinner.ID(), Time: later}); cmd != nil {
		t.Error("the spinner kept turning after the call was over")
	}
}
