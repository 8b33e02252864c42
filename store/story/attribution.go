package story

import "strings"

// speechVerbs say that someone said what the sentence reports.
var speechVerbs = setOf(`said says say told tells added adds stated explained announced confirmed
reported reports wrote writes tweeted noted warned insisted claimed argued according`)

// creditTrailers may follow the verb of a closing credit: "police said on
// Monday", "she told reporters", "Galen said in a statement". Stop words
// ("statement", "today") pass before these are asked (see isCredit).
var creditTrailers = setOf(`reporters journalists interview conference briefing television
radio telephone phone email late earlier later morning afternoon evening night weekend`)

// notSpeaker are words that give away a clause, not a speaker: ", said
// the ferry had sunk" is no ", said Ruth Galen", and in ", said Ruth
// Galen, who called for an inquiry" the call is a fact of its own.
var notSpeaker = setOf("had has have was were is are will would could did not that who which whose where")

// creditFrom returns the index of the first word of the credit that closes
// a sentence whose words are ws, or len(ws) when it has none: ", police
// commissioner Ruth Galen said.", ", said Ruth Galen, a police
// spokeswoman.", ", according to the coastguard." Who said a thing is not
// the thing said: two sentences that share only their speaker and the
// story's names report two facts.
func creditFrom(s string, ws []word) int {
	// The credit runs from a comma or a closing quotation mark, at most
	// three clauses from the end: ", said Ruth Galen, a police spokeswoman."
	end := len(ws)
	var buf []byte
	lower := func(k int) string {
		buf = appendLower(buf[:0], s[ws[k].start:ws[k].end])
		return string(buf)
	}
	clauses := 0
	for k := end - 1; k > 0 && end-k <= 14; k-- {
		gap := s[ws[k-1].end:ws[k].start]
		if !strings.ContainsAny(gap, ",”\"") {
			continue
		}
		if strings.ContainsAny(gap, ".!?;:") && !strings.ContainsAny(gap, "”\"") {
			return end // another sentence's end inside this one
		}
		clauses++
		if isCredit(s, ws[k:end], lower, k) {
			return k
		}
		if clauses == 3 {
			break
		}
	}
	return end
}

// isCredit reports whether the words of a closing clause, the first at
// index from of the sentence, only say who said it.
func isCredit(s string, ws []word, lower func(int) string, from int) bool {
	verb := -1
	for i := range ws {
		if speechVerbs[lower(from+i)] {
			verb = i
			break
		}
	}
	switch {
	case verb < 0:
		return false
	case lower(from+verb) == "according":
		return verb == 0 && len(ws) >= 3 && lower(from+1) == "to"
	case verb == 0:
		// Inverted: "said Ruth Galen, a police spokeswoman".
		if len(ws) < 2 || strings.ContainsAny(s[ws[0].end:ws[1].start], ":\"“‘'") {
			return false // "said: 'He idolised his mother.'"
		}
		for i := 1; i < len(ws); i++ {
			if notSpeaker[lower(from+i)] {
				return false
			}
		}
		return true
	}
	// "police commissioner Ruth Galen said on Monday": a few words of
	// time or occasion may follow the verb.
	if verb > 8 || len(ws)-verb-1 > 4 {
		return false
	}
	for i := verb + 1; i < len(ws); i++ {
		l := lower(from + i)
		if !stopWords[l] && !creditTrailers[l] && !stampDays[l] && !calendarMonths[l] && !ws[i].is(wCap) && !ws[i].is(wNumber) {
			return false
		}
	}
	for i := range verb {
		if notSpeaker[lower(from+i)] || ws[i].is(wNumber) {
			return false
		}
	}
	return true
}
