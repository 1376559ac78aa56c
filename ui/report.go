package ui

import (
	"fmt"
	"path/filepath"

	tea "charm.land/bubbletea/v2"

	"github.com/rotui/rotui/report"
	"github.com/rotui/rotui/termsafe"
)

// writeReport makes the shareable report of the result on screen (from the
// pane that can give one, the Summary) and writes it to a file, or with copy
// hands its Markdown over for the clipboard. Rendering and writing happen in
// the command, not in Update.
func (m *Model) writeReport(copy bool) tea.Cmd {
	var rep *report.Report
	if m.shown != nil {
		for _, p := range m.shown.panes {
			if r, ok := p.(Reporter); ok {
				rep = r.Report()
				break
			}
		}
	}
	if rep == nil {
		m.setStatus("This result has no report to give.", true)
		return nil
	}
	if copy {
		return func() tea.Msg { return reportDoneMsg{markdown: rep.Markdown()} }
	}
	// The name can be guessed to the second, so it is only ever made new: a
	// name taken (by a file, or a link planted in a shared folder) gets -2, -3…
	path := filepath.Join(m.repDir, report.DefaultFileName(m.clock()))
	return func() tea.Msg {
		abs, err := rep.WriteNew(path)
		return reportDoneMsg{path: abs, err: err}
	}
}

// reportDone says where the report was written, or hands its Markdown to
// the clipboard, or says why there is none.
func (m *Model) reportDone(msg reportDoneMsg) tea.Cmd {
	switch {
	case msg.err != nil:
		m.setStatus("No report: "+msg.err.Error(), true)
	case msg.markdown != "":
		m.setStatus(fmt.Sprintf("Copied the report (%d characters of Markdown; secrets and signatures cut; OSC 52).", chars(msg.markdown)), false)
		return tea.SetClipboard(msg.markdown)
	default:
		// The file's name first: a long folder is what the line may cut.
		m.setStatus(fmt.Sprintf("Report %s written in %s.",
			termsafe.Line(filepath.Base(msg.path)), termsafe.Line(filepath.Dir(msg.path))), false)
	}
	return nil
}
