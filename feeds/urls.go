package feeds

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"
)

// ParseURLs reads a newsboat urls file: one feed URL a line, followed by
// optional tags, where a quoted "~Name" tag is the feed's title and a "!"
// tag only hides it in newsboat. Blank lines and # comments are skipped.
// Query feeds and the exec: and filter: feeds that would run a command are
// left out, as ParseOPML leaves out outlines that are not web feeds. It
// returns the subscriptions it could read together with a one-line error
// naming each line it could not read and the lines it left out.
func ParseURLs(r io.Reader) ([]Subscription, error) {
	var (
		subs []Subscription
		errs []string
		left []string // the query, exec: and filter: feeds left out
		seen = map[string]bool{}
	)
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		toks := urlsTokens(sc.Text())
		if len(toks) == 0 {
			continue
		}
		first := strings.ToLower(toks[0])
		if strings.HasPrefix(first, "query:") || strings.HasPrefix(first, "exec:") || strings.HasPrefix(first, "filter:") {
			left = append(left, toks[0])
			continue
		}
		if !isFeedURL(first) {
			errs = append(errs, fmt.Sprintf("line %d: %q is not a feed URL", n, SanitizeLine(clip(toks[0], 80))))
			continue
		}
		u, err := NormalizeURL(toks[0])
		if err != nil {
			errs = append(errs, fmt.Sprintf("line %d: %v", n, err))
			continue
		}
		if seen[u] {
			continue
		}
		seen[u] = true
		sub := Subscription{URL: u}
		for _, t := range toks[1:] {
			switch {
			case strings.HasPrefix(t, "~"):
				sub.Name = SanitizeLine(t[1:])
			case strings.HasPrefix(t, "!"):
			default:
				if t = SanitizeLine(t); t != "" && !contains(sub.Tags, t) {
					sub.Tags = append(sub.Tags, t)
				}
			}
		}
		subs = append(subs, sub)
	}
	if err := sc.Err(); err != nil {
		errs = append(errs, "reading urls: "+err.Error())
	}
	if len(left) > 0 {
		errs = append(errs, notWebFeeds(left, "line").Error())
	}
	if len(errs) > 0 {
		return subs, errors.New(strings.Join(errs, "; "))
	}
	return subs, nil
}

// urlsTokens splits one line of a urls file into its URL and tags.
// Double quotes group a token and a backslash escapes the next character
// inside them; an unquoted # starts a comment.
func urlsTokens(line string) []string {
	var (
		toks   []string
		cur    strings.Builder
		inTok  bool
		quoted bool
	)
	flush := func() {
		if inTok {
			toks = append(toks, cur.String())
		}
		cur.Reset()
		inTok = false
	}
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case quoted && c == '\\' && i+1 < len(line):
			i++
			cur.WriteByte(line[i])
		case quoted && c == '"':
			quoted = false
		case quoted:
			cur.WriteByte(c)
		case c == '"':
			quoted, inTok = true, true
		case c == ' ' || c == '\t' || c == '\r':
			flush()
		case c == '#' && !inTok:
			flush()
			return toks
		default:
			inTok = true
			cur.WriteByte(c)
		}
	}
	flush()
	return toks
}

func hasWebScheme(s string) bool {
	s = strings.ToLower(s)
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}
