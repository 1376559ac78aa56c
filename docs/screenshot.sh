#!/usr/bin/env bash
# Makes the README's screenshots from the real app: rotui --demo runs in a
# detached tmux window of 100x30, sends the prefilled login, and each screen
# is captured with its colours (tmux capture-pane -e) and drawn by freeze.
#
#   go install github.com/charmbracelet/freeze@v0.2.2
#   docs/screenshot.sh   (needs tmux; SVGs use the viewer's monospace font)
set -euo pipefail
cd "$(dirname "$0")/.."
out=docs
bin=$(mktemp -d)/rotui
go build -o "$bin" .
session=rotui-shot-$$
tmux new-session -d -s "$session" -x 100 -y 30 "COLORTERM=truecolor $bin --demo"
trap 'tmux kill-session -t "$session" 2>/dev/null || true' EXIT

shot() { # name: capture the window as text and as an SVG
	sleep 0.8
	tmux capture-pane -t "$session" -p > "$out/$1.txt"
	# freeze keeps a background after ESC[49m; a full reset draws the same.
	tmux capture-pane -t "$session" -p -e | sed 's/\x1b\[49m/\x1b[0m/g' > "$out/$1.ansi"
	freeze "$out/$1.ansi" --language ansi --window --padding 20 --font.family monospace -o "$out/$1.svg" >/dev/null
	rm "$out/$1.ansi"
}

for _ in $(seq 50); do # wait for the form
	tmux capture-pane -t "$session" -p | grep -q "Resource Owner login" && break
	sleep 0.1
done
shot screenshot-form
tmux send-keys -t "$session" C-s
shot screenshot-summary
tmux send-keys -t "$session" 3
shot screenshot-idtoken
tmux send-keys -t "$session" q
