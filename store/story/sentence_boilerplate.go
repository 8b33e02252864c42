package story

import (
	"maps"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Lines of web-page furniture that come out whole: a line that reads as
// one of these, once trimmed of punctuation, is never a sentence.
var furnitureLines = setOf(`share tweet email print comments comment reply submit advertisement
advert ad sponsored menu home top next previous prev more related loading website name
facebook twitter linkedin whatsapp reddit pinterest telegram copy link copied`)

// furniturePrefixes open a line of furniture; each must be followed by the
// end of the line or a non-letter, so "Shares fell" is not "Share this".
var furniturePrefixes = []string{
	"photo:", "photo by", "photos:", "photo credit", "photograph:", "photograph by", "photographs:",
	"image:", "image by", "image credit", "images:", "picture:", "pictures:", "pictured:", "credit:",
	"credits:", "caption:", "illustration:", "illustration by", "video:", "watch:", "listen:",
	"file photo", "source:", "sources:", "related:",
	"read more", "read also", "also read", "see also", "more from", "more on this",
	"more stories", "more news", "you may also like", "you might also like", "most read",
	"most popular", "further reading", "top stories", "latest news",
	"share this", "share on", "share via", "share:", "tweet this", "email this", "print this",
	"subscribe to our", "subscribe now", "subscribe for", "subscribe here", "sign up for", "sign up to",
	"sign up here", "follow us", "follow @", "join our", "click here", "tap here", "download our",
	"get our", "our newsletter", "leave a comment", "leave a reply", "post a comment", "add a comment",
	"post comment", "comments are closed", "your email address", "required fields",
	"you must be logged in", "back to top", "skip to", "jump to", "all rights reserved", "©",
	"this article was originally", "this story was originally",
	"reporting by", "additional reporting by", "writing by", "editing by", "compiled by",
	"this material may not be", "continue reading", "story continues", "scroll down for",
	"image caption", "media caption", "filed under", "tags:", "editor's note", "editor’s note",
	"contact the writer", "contact the author", "contact the reporter", "email the writer",
	"email the author", "email the reporter", "have a news tip", "got a news tip", "like us on",
	"download the app", "download the free", "this story has been updated", "this article has been updated",
	"this story was updated", "this article was updated", "watch the video", "want more news",
	"correction:", "clarification:", "posted by",
	// Copyright, then a year or its sign: "Copyright 2013 The Associated Press."
	"copyright 1", "copyright 2", "copyright ©", "copyright (c)",
}

// shortPrefixes are single words that open furniture only in a short line
// ("Related", "Subscribe") or before a colon, not in a sentence such as
// "Related talks stalled in 2019."
var shortPrefixes = []string{
	"related", "recommended", "trending", "subscribe", "newsletter", "copyright", "advertisement",
	"sponsored", "comments", "share",
}

// relatedPrefixes open a list of links to other articles; the list items
// that follow belong to it.
var relatedPrefixes = []string{
	"related", "read more", "read also", "also read", "see also", "more from", "more on this",
	"more stories", "more news", "you may also like", "you might also like", "recommended",
	"most read", "most popular", "further reading", "trending", "top stories", "latest news",
}

// creditMarks give away a photo or agency credit anywhere in a short line.
var creditMarks = []string{
	"getty images", "ap photo", "afp via", "/afp", "/reuters", "via reuters", "/ap", "shutterstock",
	"photo credit", "image credit", "photo courtesy", "image courtesy", "(photo:", "(photo by",
	"(image:", "(credit:", "epa-efe", "/epa",
	"contributed to this report", "contributed to this story", "contributed to this article",
	"contributed reporting", "delivered to your inbox", "delivered straight to your inbox",
}

// isBoilerplate reports whether a line or sentence is furniture of a web
// page rather than reporting: a photo credit, a related-links heading, a
// share or subscribe line, a comment form, "Back to top". Only short text
// qualifies; prose that merely mentions a photo is kept.
func isBoilerplate(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" {
		return false
	}
	// Prefixes are short: only the opening of a sentence needs lowering,
	// and only when its first letter opens one of them.
	head := s
	if len(head) > 48 {
		cut := 48
		for cut < len(s) && !utf8.RuneStart(s[cut]) {
			cut++
		}
		head = s[:cut]
	}
	bare := trimToWord(strings.ToLower(head))
	for _, p := range furnitureByWord[leadingWord(bare)] {
		if !hasPhrasePrefix(bare, p.text) {
			continue
		}
		if !p.short {
			return countFields(s) <= 25
		}
		if countFields(s) <= 4 || strings.HasPrefix(bare[len(p.text):], ":") {
			return true
		}
	}
	// Whole lines of furniture and credits are short.
	if len(s) > 160 {
		return false
	}
	words := countFields(s)
	if words > 15 {
		return false
	}
	low := strings.ToLower(s)
	if words <= 2 && furnitureLines[trimToWord(low)] {
		return true
	}
	if isTimestamp(low) || isByline(s) {
		return true
	}
	for _, m := range creditMarks {
		if strings.Contains(low, m) {
			return true
		}
	}
	return false
}

// furniturePrefix is a prefix of furniture; a short one counts only in a
// short line or before a colon.
type furniturePrefix struct {
	text  string
	short bool
}

// furnitureByWord files the furniture prefixes under their first word, so
// that a sentence is checked only against those that open as it does.
var furnitureByWord = func() map[string][]furniturePrefix {
	m := map[string][]furniturePrefix{}
	for _, p := range furniturePrefixes {
		m[leadingWord(p)] = append(m[leadingWord(p)], furniturePrefix{p, false})
	}
	for _, p := range shortPrefixes {
		m[leadingWord(p)] = append(m[leadingWord(p)], furniturePrefix{p, true})
	}
	return m
}()

// leadingWord returns the run of lower-case letters (or the © sign) that
// opens s.
func leadingWord(s string) string {
	if strings.HasPrefix(s, "©") {
		return "©"
	}
	i := 0
	for i < len(s) && 'a' <= s[i] && s[i] <= 'z' {
		i++
	}
	return s[:i]
}

// trimToWord trims s to its first and last letter, digit or ©.
func trimToWord(s string) string {
	return strings.TrimFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '©'
	})
}

// opensRelated reports whether a furniture line heads a list of links to
// other articles.
func opensRelated(s string) bool {
	low := strings.ToLower(strings.TrimSpace(s))
	low = strings.TrimFunc(low, func(r rune) bool { return !unicode.IsLetter(r) })
	for _, p := range relatedPrefixes {
		if hasPhrasePrefix(low, p) {
			return true
		}
	}
	return false
}

// hasPhrasePrefix reports whether s starts with the phrase p as whole
// words: p is followed by the end of s or by something not a letter.
func hasPhrasePrefix(s, p string) bool {
	if !strings.HasPrefix(s, p) {
		return false
	}
	if len(s) == len(p) {
		return true
	}
	last := p[len(p)-1]
	if !('a' <= last && last <= 'z') {
		return true
	}
	r := rune(s[len(p)])
	return !unicode.IsLetter(r)
}

// countFields counts the runs of non-blank bytes in s, stopping at 26: no
// more are needed to tell a line of furniture from prose.
func countFields(s string) int {
	n := 0
	in := false
	for i := 0; i < len(s) && n <= 25; i++ {
		blank := s[i] == ' ' || s[i] == '\n' || s[i] == '\t'
		if !blank && !in {
			n++
		}
		in = !blank
	}
	return n
}

// meridiems writes the halves of the day as one word each, for the words
// of a stamp to be read apart.
var meridiems = strings.NewReplacer("a.m.", "am", "p.m.", "pm", "a. m.", "am", "p. m.", "pm")

// Words of the line that says when a page was posted or updated: labels,
// days, months and the words of a time of day.
var (
	stampLabels = setOf("posted published updated update last modified edited created first on at of time date hour hours minute minutes")
	stampDays   = setOf(weekdays)
	stampClock  = clockWords()
)

// clockWords are the words of a time of day: the halves of the day, hours
// and the zones that follow a time (zoneAbbrevs), but for "mt", which news
// writes as often for a mountain ("Mt Cook") as for a zone.
func clockWords() map[string]bool {
	words := setOf("am pm hr hrs")
	maps.Copy(words, zoneAbbrevs)
	delete(words, "mt")
	return words
}

// isTimestamp reports whether a short line, in lower case, says no more
// than when its page was posted or updated: "Posted: Sep 27, 2013 5:50
// PM", "Updated 11/27/2005 3:41 PM", "AFP, Tuesday 2 Jul 2013". Two pages'
// stamps are neither a fact the two share nor one that either alone
// reports. The line holds a number and a month, a day or a time of day,
// and nothing else but labels ("Posted on"), save one word before them
// all (the agency that filed it).
func isTimestamp(low string) bool {
	numbers, dated, other := 0, false, 0
	words := 0
	low = meridiems.Replace(low)
	for i, w := range strings.FieldsFunc(low, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		words++
		digits := strings.TrimLeft(w, "0123456789")
		switch {
		case digits != w && (digits == "" || digits == "st" || digits == "nd" || digits == "rd" || digits == "th" ||
			digits == "am" || digits == "pm" || digits == "h"):
			numbers++
			dated = dated || digits == "am" || digits == "pm"
		case calendarMonths[w] || stampDays[w] || stampClock[w] || w == "ago":
			dated = true
		case stampLabels[w]:
		case i == 0:
			other++
		default:
			return false
		}
	}
	return words <= 16 && numbers > 0 && dated && words > other
}

// bylineWords are the lower-case words a byline may hold besides names:
// "By Jane Orr, Staff Writer", "By Jane Orr and Lars Venn in Lisbon".
var bylineWords = setOf("by and in of the for at with staff writer writers reporter reporters correspondent correspondents editor editors contributor special senior chief")

// isByline reports whether a short line names who wrote the report and
// nothing else: "By" and then names, roles and places in capitals.
func isByline(s string) bool {
	rest, ok := strings.CutPrefix(s, "By ")
	if !ok {
		rest, ok = strings.CutPrefix(s, "BY ")
	}
	if !ok {
		return false
	}
	words := strings.FieldsFunc(rest, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(",|;/·•–—()", r)
	})
	if len(words) == 0 || len(words) > 12 {
		return false
	}
	for i, w := range words {
		w = strings.Trim(w, ".:'’")
		r, _ := utf8.DecodeRuneInString(w)
		low := strings.ToLower(w)
		switch {
		case w == "":
		case i == 0 && (!unicode.IsUpper(r) || calendarMonths[low] || notNames[low]):
			return false // "By Monday the river had risen", "By 6 a.m."
		case unicode.IsUpper(r) && !stopWords[low] || bylineWords[low]:
		default:
			return false
		}
	}
	return !strings.ContainsAny(strings.TrimRight(s, "."), ".!?")
}
