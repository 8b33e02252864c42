package feeds

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sanitize makes untrusted text (article bodies, summaries, error messages
// quoting remote text) safe to store and to print on a terminal. It removes
// C0 and C1 control characters except newline and tab, every ANSI/VT escape
// sequence with its parameters and payload (CSI, OSC including hyperlinks and
// clipboard writes, DCS, APC, PM, SOS and bare ESC), bidirectional override
// and isolate characters, and replaces invalid UTF-8 with U+FFFD. Carriage
// returns become newlines so a line cannot overwrite another. Leading and
// trailing blank space is trimmed.
func Sanitize(s string) string {
	return strings.TrimSpace(clean(s, false))
}

// SanitizeLine is Sanitize for one-line text: titles, names, authors, URLs.
// It also drops zero-width and other invisible characters and folds every
// run of white space, newlines included, into one space, so a title cannot
// break a list row or hide text.
func SanitizeLine(s string) string {
	return clean(s, true)
}

// Visible is Sanitize for text on its way out rather than in: it keeps the
// space around the text, which the printer put there, and so can be applied
// to output written a line or a document at a time.
func Visible(s string) string {
	return clean(s, false)
}

// clean does the work of Sanitize and SanitizeLine in one pass.
func clean(s string, line bool) string {
	if isPlain(s, line) {
		if line {
			return strings.TrimSpace(s)
		}
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false // a space is pending (line mode)
	wrote := false // something visible was written (line mode)
	emit := func(r rune) {
		if line {
			if unicode.IsSpace(r) {
				space = true
				return
			}
			if space && wrote {
				b.WriteByte(' ')
			}
			space = false
			wrote = true
		}
		b.WriteRune(r)
	}
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == 0x1b:
			i = skipEscape(s, i+1)
			continue
		case c == '\r':
			i++
			if i < len(s) && s[i] == '\n' {
				i++
			}
			emit('\n')
			continue
		case c == '\n' || c == '\t':
			i++
			emit(rune(c))
			continue
		case c < 0x20 || c == 0x7f:
			i++
			continue
		case c < utf8.RuneSelf:
			i++
			emit(rune(c))
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			// A lone byte in the C1 range is what an 8-bit terminal
			// reads as a control: treat it as one, not as text.
			if c >= 0x80 && c <= 0x9f {
				i = skipC1(s, rune(c), i+1)
				continue
			}
			i++
			emit(utf8.RuneError)
			continue
		}
		if r >= 0x80 && r <= 0x9f {
			i = skipC1(s, r, i+size)
			continue
		}
		i += size
		switch {
		case isBidiControl(r):
		case r == '\u2028' || r == '\u2029':
			emit('\n')
		case r == '\ufeff':
		case line && isInvisible(r):
		default:
			emit(r)
		}
	}
	return b.String()
}

// isPlain reports whether s needs no change: printable ASCII only, with
// newlines and tabs allowed outside line mode.
func isPlain(s string, line bool) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c < 0x7f {
			if line && c == ' ' && i+1 < len(s) && s[i+1] == ' ' {
				return false
			}
			continue
		}
		if !line && (c == '\n' || c == '\t') {
			continue
		}
		return false
	}
	return true
}

// skipEscape returns the index just past the escape sequence whose ESC byte
// ends at i.
func skipEscape(s string, i int) int {
	if i >= len(s) {
		return i
	}
	switch s[i] {
	case '[':
		return skipCSI(s, i+1)
	case ']', 'P', 'X', '^', '_':
		return skipString(s, i+1)
	}
	// nF escapes: intermediates then a final byte; Fp, Fe and Fs escapes
	// are the final byte alone.
	j := i
	for j < len(s) && s[j] >= 0x20 && s[j] <= 0x2f {
		j++
	}
	if j < len(s) && s[j] >= 0x30 && s[j] <= 0x7e {
		return j + 1
	}
	return j
}

// skipC1 returns the index past the sequence that the C1 control r (already
// consumed, ending before i) introduces. The C1 controls that open control
// strings (OSC, DCS, SOS, PM, APC) go alone: in text they are nearly always
// the debris of a double encoding (a curly quote read as Latin-1 leaves
// U+009D or U+009C behind), and taking them as strings would cut the text
// from one quotation mark to the next. With every control gone, what
// follows them is plain text, which a terminal cannot act on.
func skipC1(s string, r rune, i int) int {
	if r == 0x9b { // CSI
		return skipCSI(s, i)
	}
	return i
}

// skipCSI skips a control sequence's parameter, intermediate and final bytes.
func skipCSI(s string, i int) int {
	for i < len(s) && s[i] >= 0x20 && s[i] <= 0x3f {
		i++
	}
	for i < len(s) && s[i] >= 0x20 && s[i] <= 0x2f {
		i++
	}
	if i < len(s) && s[i] >= 0x40 && s[i] <= 0x7e {
		i++
	}
	return i
}

// skipString skips a control string (OSC, DCS, SOS, PM, APC) up to and
// including its terminator: BEL, ESC \ or the C1 string terminator. An
// unterminated string runs to the end of its line, not of s: in a whole
// feed document, the rest of the document would go with it.
func skipString(s string, i int) int {
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '\n' || c == '\r':
				return i
			case c == 0x07:
				return i + 1
			case c == 0x1b && i+1 < len(s) && s[i+1] == '\\':
				return i + 2
			case c == 0x1b:
				return i // a new escape begins; the caller skips it
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == 0x9c || (r == utf8.RuneError && size == 1 && c == 0x9c) {
			return i + size
		}
		i += size
	}
	return i
}

// isBidiControl reports the explicit embedding, override and isolate
// characters, which can reorder what a terminal shows.
func isBidiControl(r rune) bool {
	return (r >= '\u202a' && r <= '\u202e') || (r >= '\u2066' && r <= '\u2069')
}

// isInvisible reports characters that take no width and can hide or join
// text in a one-line field.
func isInvisible(r rune) bool {
	switch {
	case r >= '\u200b' && r <= '\u200f', // zero-width space, joiners, LRM, RLM
		r >= '\u2060' && r <= '\u2064', // word joiner, invisible operators
		r == '\u00ad', r == '\u034f', r == '\u061c', r == '\u115f', r == '\u1160',
		r == '\u17b4', r == '\u17b5', r == '\u180e', r == '\u3164', r == '\uffa0',
		r >= 0xe0000 && r <= 0xe007f: // tag characters
		return true
	}
	return false
}
