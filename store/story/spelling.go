package story

// One event told by a London and a New York outlet is told in two
// spellings: "defence" and "defense", "jewellery" and "jewelry", "cancelled"
// and "canceled". usSpelling brings the stems of the British forms to the
// American ones by their regular endings, so that the two reports meet on
// the words they share. A rule that also catches a word with no American
// variant (it turns "recall" into "recal") does no harm: every form of
// that word is changed alike, and no other word becomes it.

// americanStem is the stem of a lower-case word in American spelling. It
// may rewrite b, and write past its end into its spare capacity.
func americanStem(b []byte) []byte {
	return usSpelling(stemBytes(withZ(b)))
}

// withZ writes the z of American spelling into the -ise and -yse endings
// of b ("organised", "organisation", "analysing"), in place. The stem
// cannot tell them from the -is of "crisis" or "Paris", which stays.
func withZ(b []byte) []byte {
	n := len(b)
	if n < 4 {
		return b
	}
	// Where the s would be, by the last letter of each ending.
	k := -1
	switch b[n-1] {
	case 'e':
		k = n - 2 // -ise
	case 'd', 'r':
		k = n - 3 // -ised, -iser
	case 'g':
		k = n - 4 // -ising
	case 'n':
		k = n - 6 // -isation
	case 's':
		switch {
		case b[n-3] == 's':
			k = n - 3 // -ises
		case b[n-4] == 's':
			k = n - 4 // -isers
		default:
			k = n - 7 // -isations
		}
	}
	if k >= 2 && b[k] == 's' && (b[k-1] == 'i' || b[k-1] == 'y') && isZEnding(string(b[k:])) {
		b[k] = 'z'
	}
	return b
}

// isZEnding reports whether end, from the s on, ends an -ise or -yse word.
func isZEnding(end string) bool {
	switch end {
	case "se", "sed", "ses", "sing", "ser", "sers", "sation", "sations":
		return true
	}
	return false
}

// usSpelling returns the American spelling of a stem that stemBytes has
// made of a lower-case word: b itself when it has no British ending, else b
// rewritten in place, grown into its spare capacity where the American
// form is longer.
func usSpelling(b []byte) []byte {
	n := len(b)
	if n < 4 {
		return b
	}
	switch last := b[n-1]; {
	case last == 'r' && b[n-2] == 'u' && b[n-3] == 'o':
		return withoutOurU(b, n-3)
	case last == 'r' && isBritishRe(b):
		// "centre" and "theatre" lose their final e to the stemmer.
		return append(b[:n-1], 'e', 'r')
	case last == 'l' && b[n-2] == 'l' && vowels(b[:n-2]) >= 2:
		// "travelled", "cancelling": the stemmer leaves "travell".
		return b[:n-1]
	case last == 'c' && b[n-2] == 'n' && (n >= 6 && hasSuffix(b, "fenc") || string(b) == "licenc" || string(b) == "pretenc"):
		// "defence", "offence", "licence", "pretence".
		b[n-1] = 's'
		return b
	case last == 'u' && n >= 7 && hasSuffix(b, "ogu"):
		// "catalogue", "dialogue", "analogue".
		return b[:n-1]
	}
	for _, r := range midRules[b[n-1]] {
		// Most stems fail on the ending's first two letters.
		k := n - len(r.british)
		if k >= 0 && b[k] == r.british[0] && b[k+1] == r.british[1] && string(b[k:]) == r.british {
			if r.vowelsBefore == 0 || vowels(b[:k]) >= r.vowelsBefore {
				return append(b[:k], r.american...) // shorter: in place
			}
		}
	}
	return b
}

type midRule struct {
	british, american string
	vowelsBefore      int // the fewest vowels the stem must have before the ending
}

// midRules are British endings that some suffix follows ("jewellery",
// "traveller", "favourite"), each longer than its American form, by
// their last letter.
var midRules = func() (byLast [256][]midRule) {
	for _, r := range []midRule{
		{"ellery", "elry", 0},
		{"ller", "ler", 2},
		{"llor", "lor", 2},
		{"llous", "lous", 2},
		{"llment", "lment", 2},
		{"llful", "lful", 1},
		{"ourit", "orit", 0},
		{"ourabl", "orabl", 0},
		{"ourhood", "orhood", 0},
		{"ourer", "orer", 0},
		{"oural", "oral", 0},
		{"ourful", "orful", 0},
		{"ourless", "orless", 0},
	} {
		c := r.british[len(r.british)-1]
		byLast[c] = append(byLast[c], r)
	}
	return byLast
}()

// withoutOurU turns the British -our of "colour" and "honour", which ends b
// at i, into -or, but not the -our of words that have it in both spellings.
func withoutOurU(b []byte, i int) []byte {
	if i < 2 || b[i-1] == 't' || ourWords[string(b)] {
		return b
	}
	return append(b[:i+1], 'r')
}

// ourWords end in -our in American spelling too.
var ourWords = setOf("flour scour devour velour amour paramour troubadour")

// isBritishRe reports whether b is the stem of a word spelt -re in Britain
// and -er in America: "centre", "kilometre", "fibre". They are listed, as
// a consonant and r ends other stems too, where the stemmer took -ed or
// -ing from "hatred" or "hamstring".
func isBritishRe(b []byte) bool {
	if isVowel(b[len(b)-2]) {
		return false
	}
	for _, re := range britishRe {
		if hasSuffix(b, re) {
			return true
		}
	}
	return false
}

// britishRe are the stems of the words of news spelt -re in Britain.
var britishRe = []string{"centr", "theatr", "metr", "litr", "fibr", "calibr", "spectr", "sombr", "meagr", "sabr", "lustr", "sceptr"}

func isVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return true
	}
	return false
}

// vowels counts the vowels of b, but not a y it starts with.
func vowels(b []byte) int {
	n := 0
	for i, c := range b {
		if isVowel(c) && (i > 0 || c != 'y') {
			n++
		}
	}
	return n
}

// britishWords are British spellings that follow no rule, with their
// American forms.
var britishWords = map[string]string{
	"programme": "program", "programmes": "programs",
	"grey": "gray", "tyre": "tire", "tyres": "tires",
	"aluminium": "aluminum", "mould": "mold", "moulds": "molds", "mouldy": "moldy",
	"plough": "plow", "ploughs": "plows", "ploughed": "plowed",
	"sceptic": "skeptic", "sceptics": "skeptics", "sceptical": "skeptical", "scepticism": "skepticism",
	"manoeuvre": "maneuver", "manoeuvres": "maneuvers", "manoeuvred": "maneuvered",
	"pyjamas": "pajamas", "moustache": "mustache", "kerb": "curb", "gaol": "jail",
	"storey": "story", "storeys": "stories", "cheque": "check", "cheques": "checks",
}
