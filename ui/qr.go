package ui

import (
	"strings"

	goqr "github.com/piglig/go-qr"
)

// An MFA enrolment's otpauth:// URI drawn as a QR code that a phone's
// authenticator app can scan from the screen: each character cell holds
// two modules, one above the other, with the half blocks ▀ ▄ █ and a
// space; the code is dark on light (Styles.QR) whatever the terminal's
// theme, since many scanners read only that way round.

// qrQuiet is the light margin around the code, in modules: ISO/IEC 18004
// asks for four, and scanners miss a code drawn tight against dark text.
const qrQuiet = 4

// qrMinWidth is the narrowest pane a QR code is drawn in: below it a code
// of any useful size would not fit (a 45-module URI code with its margin
// is 53 columns), and a cut one reads as nothing or, worse, as garbage.
const qrMinWidth = 40

// qrGrid is text as a QR code's modules (true is dark), row by row, with
// the quiet zone around it; medium error correction, which survives a
// screen's glare and a cursor over a module.
func qrGrid(text string) ([][]bool, error) {
	q, err := goqr.EncodeText(text, goqr.Medium)
	if err != nil {
		return nil, err
	}
	n := q.Size() + 2*qrQuiet
	grid := make([][]bool, n)
	for y := range grid {
		grid[y] = make([]bool, n)
		for x := range grid[y] {
			grid[y][x] = q.Module(x-qrQuiet, y-qrQuiet) // false outside the code: the quiet zone
		}
	}
	return grid, nil
}

// qrHalfBlocks draws a module grid two rows to a line (a last odd row
// with light under it). Dark is the ink of the style it is drawn in.
func qrHalfBlocks(grid [][]bool) []string {
	var lines []string
	for y := 0; y < len(grid); y += 2 {
		var b strings.Builder
		for x := range grid[y] {
			top, bottom := grid[y][x], y+1 < len(grid) && grid[y+1][x]
			switch {
			case top && bottom:
				b.WriteRune('█')
			case top:
				b.WriteRune('▀')
			case bottom:
				b.WriteRune('▄')
			default:
				b.WriteByte(' ')
			}
		}
		lines = append(lines, b.String())
	}
	return lines
}

// qrLines draws text as a QR code for a pane width wide and height high,
// in the QR style, each line indented by indent; or, when it cannot be
// drawn there whole (a phone scans none of a code cut in two by the
// pane's edge), says why in a sentence.
func qrLines(text string, indent, width, height int, st *Styles) (lines []string, why string) {
	grid, err := qrGrid(text)
	if err != nil {
		return nil, "The URI is too long for a QR code: type the key into the authenticator app instead."
	}
	need, rows := indent+len(grid), (len(grid)+1)/2
	switch {
	case width < qrMinWidth || width < need:
		return nil, "The QR code needs " + itoa(max(need, qrMinWidth)) + " columns and the pane has " + itoa(width) +
			": widen the terminal to scan it, or type the key into the authenticator app."
	case height-1 < rows: // a line goes to the scroll position
		return nil, "The QR code needs " + itoa(rows) + " lines and the pane shows " + itoa(max(height-1, 0)) +
			": a taller terminal shows it whole, to scan; or type the key into the authenticator app."
	}
	pad := strings.Repeat(" ", indent)
	for _, l := range qrHalfBlocks(grid) {
		lines = append(lines, pad+st.QR.Render(l))
	}
	return lines, ""
}
