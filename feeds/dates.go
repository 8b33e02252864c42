package feeds

import (
	"strconv"
	"strings"
	"time"
	"unicode"
)

// zoneOffsets are the time zone abbreviations news feeds put in RFC 822
// dates, with their offsets from UTC in minutes. Go's time package reads
// any abbreviation but UTC and the host's own as UTC, so a date from
// Delhi or Sydney would be hours out. Where an abbreviation names more
// than one zone, the one news feeds mean most often is taken:
//   - IST is India (not Ireland or Israel): Indian outlets are by far the
//     commonest users of it in feeds.
//   - CST is North American Central, as RFC 822 has it (not China, whose
//     outlets write +0800).
//   - BST is British Summer Time (not Bangladesh).
//   - AST is Atlantic (Canada, the Caribbean), not Arabia.
var zoneOffsets = map[string]int{
	"UT": 0, "UTC": 0, "GMT": 0, "Z": 0, "WET": 0,
	"EST": -5 * 60, "EDT": -4 * 60, "CST": -6 * 60, "CDT": -5 * 60,
	"MST": -7 * 60, "MDT": -6 * 60, "PST": -8 * 60, "PDT": -7 * 60,
	"AKST": -9 * 60, "AKDT": -8 * 60, "HST": -10 * 60, "AST": -4 * 60, "ADT": -3 * 60,
	"NST": -3*60 - 30, "NDT": -2*60 - 30,
	"BRT": -3 * 60, "ART": -3 * 60,
	"WEST": 60, "BST": 60, "CET": 60, "CEST": 2 * 60, "WAT": 60,
	"EET": 2 * 60, "EEST": 3 * 60, "SAST": 2 * 60, "MSK": 3 * 60, "EAT": 3 * 60,
	"IST": 5*60 + 30, "PKT": 5 * 60, "WIB": 7 * 60,
	"HKT": 8 * 60, "SGT": 8 * 60, "PHT": 8 * 60, "AWST": 8 * 60,
	"JST": 9 * 60, "KST": 9 * 60,
	"ACST": 9*60 + 30, "ACDT": 10*60 + 30, "AEST": 10 * 60, "AEDT": 11 * 60,
	"NZST": 12 * 60, "NZDT": 13 * 60,
}

// zonelessLayouts are the RFC 822 shapes of a date once its weekday and
// time zone are taken off. Go reads month names in any case.
var zonelessLayouts = []string{
	"2 Jan 2006 15:04:05",
	"2 Jan 2006 15:04",
	"2 Jan 06 15:04:05",
	"2 Jan 06 15:04",
	"2 January 2006 15:04:05",
	"2 January 2006 15:04",
	"2-Jan-06 15:04:05",
	"2-Jan-2006 15:04:05",
}

// namedZoneDate reads an RFC 822 date that ends in a named zone ("IST",
// "aedt", "GMT+1", "UTC+5:30"), which gofeed reads as UTC when it does
// not know the name. It reports false for any other date, which is left
// to gofeed.
func namedZoneDate(raw string) (time.Time, bool) {
	f := strings.Fields(raw)
	if len(f) < 3 {
		return time.Time{}, false
	}
	offset, ok := zoneOffset(f[len(f)-1])
	if !ok {
		return time.Time{}, false
	}
	rest := strings.Join(f[:len(f)-1], " ")
	rest = withoutWeekday(rest)
	zone := time.FixedZone("", offset*60)
	for _, layout := range zonelessLayouts {
		if t, err := time.ParseInLocation(layout, rest, zone); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// withoutWeekday drops the weekday that opens an RFC 822 date ("Fri, ",
// "friday,"), which says nothing the date does not.
func withoutWeekday(s string) string {
	head, tail, ok := strings.Cut(s, ",")
	if !ok || strings.IndexFunc(head, func(r rune) bool { return !unicode.IsLetter(r) }) >= 0 {
		return s
	}
	return strings.TrimSpace(tail)
}

// zoneOffset reads a named zone, in any case, with an optional offset
// from GMT or UTC ("GMT+1", "GMT-05:00", "UTC+5:30", "GMT+0530"), as
// minutes east of UTC.
func zoneOffset(s string) (int, bool) {
	s = strings.ToUpper(strings.Trim(s, "()"))
	if off, ok := zoneOffsets[s]; ok {
		return off, true
	}
	i := strings.IndexAny(s, "+-")
	if i < 0 || (s[:i] != "GMT" && s[:i] != "UTC" && s[:i] != "UT") {
		return 0, false
	}
	mins, ok := offsetMinutes(s[i+1:])
	if !ok {
		return 0, false
	}
	if s[i] == '-' {
		mins = -mins
	}
	return mins, true
}

// offsetMinutes reads an offset's size: "1", "05", "5:30", "05:00" or
// "0530".
func offsetMinutes(s string) (int, bool) {
	h, m, colon := strings.Cut(s, ":")
	if !colon && len(s) > 2 {
		h, m = s[:len(s)-2], s[len(s)-2:]
	}
	hours, err := strconv.Atoi(h)
	if err != nil || len(h) > 2 || hours > 14 {
		return 0, false
	}
	mins := 0
	if m != "" {
		if mins, err = strconv.Atoi(m); err != nil || len(m) != 2 || mins > 59 {
			return 0, false
		}
	}
	return hours*60 + mins, true
}
