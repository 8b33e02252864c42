package sample

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// entry is one parsed sample article.
type entry struct {
	file   string
	story  string
	source string
	title  string
	author string
	age    time.Duration // how long before now it was published
	url    string
	slug   string // the outlet's first path segment in url
	unique string
	body   string
}

// maxAge bounds published offsets so the library always looks recent.
const maxAge = 14 * 24 * time.Hour

var (
	required = []string{"story", "source", "title", "author", "published", "url"}
	known    = map[string]bool{"story": true, "source": true, "title": true, "author": true,
		"published": true, "url": true, "unique": true}
)

// load parses every .md file in dir of fsys. It returns the entries that
// parsed, oldest first, and an error naming each file that did not and each
// clash between files.
func load(fsys fs.FS, dir string) ([]entry, error) {
	names, err := fs.Glob(fsys, path.Join(dir, "*.md"))
	if err != nil {
		return nil, fmt.Errorf("list %s: %w", dir, err)
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("list %s: no .md files", dir)
	}
	var (
		entries []entry
		errs    []error
	)
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			errs = append(errs, fmt.Errorf("read %s: %w", name, err))
			continue
		}
		e, err := parse(name, data)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		entries = append(entries, e)
	}
	entries, clashes := dedupe(entries)
	errs = append(errs, clashes...)
	sort.SliceStable(entries, func(i, j int) bool {
		if entries[i].age != entries[j].age {
			return entries[i].age > entries[j].age
		}
		return entries[i].url < entries[j].url
	})
	return entries, errors.Join(errs...)
}

// dedupe drops entries that clash with an earlier one: a URL used twice, or
// an outlet slug shared by two outlet names (or one name under two slugs).
func dedupe(entries []entry) ([]entry, []error) {
	var (
		errs     []error
		out      []entry
		urls     = map[string]string{}
		slugName = map[string]string{}
		nameSlug = map[string]string{}
	)
	for _, e := range entries {
		if prev, ok := urls[e.url]; ok {
			errs = append(errs, fmt.Errorf("%s: url %s already used by %s", e.file, e.url, prev))
			continue
		}
		if name, ok := slugName[e.slug]; ok && name != e.source {
			errs = append(errs, fmt.Errorf("%s: url slug %q belongs to %q, not %q", e.file, e.slug, name, e.source))
			continue
		}
		if slug, ok := nameSlug[e.source]; ok && slug != e.slug {
			errs = append(errs, fmt.Errorf("%s: source %q uses url slug %q elsewhere, not %q", e.file, e.source, slug, e.slug))
			continue
		}
		urls[e.url], slugName[e.slug], nameSlug[e.source] = e.file, e.source, e.slug
		out = append(out, e)
	}
	return out, errs
}

// parse reads one article file: "---", key: value lines, "---", then the
// Markdown body.
func parse(name string, data []byte) (entry, error) {
	e := entry{file: name}
	if !utf8.Valid(data) {
		return e, fmt.Errorf("%s: not valid UTF-8", name)
	}
	text := string(data)
	if line, r, ok := control(text); ok {
		return e, fmt.Errorf("%s:%d: control character %U", name, line, r)
	}
	lines := strings.Split(text, "\n")
	if lines[0] != "---" {
		return e, fmt.Errorf("%s:1: front matter must open with ---", name)
	}
	fields := map[string]string{}
	end := 0
	for i := 1; i < len(lines); i++ {
		line := lines[i]
		if line == "---" {
			end = i
			break
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		key, value, ok := strings.Cut(line, ":")
		key, value = strings.TrimSpace(key), strings.TrimSpace(value)
		switch {
		case !ok:
			return e, fmt.Errorf("%s:%d: front matter line is not key: value", name, i+1)
		case !known[key]:
			return e, fmt.Errorf("%s:%d: unknown front matter key %q", name, i+1, key)
		case fields[key] != "":
			return e, fmt.Errorf("%s:%d: front matter key %q given twice", name, i+1, key)
		case value == "":
			return e, fmt.Errorf("%s:%d: front matter key %q is empty", name, i+1, key)
		}
		fields[key] = value
	}
	if end == 0 {
		return e, fmt.Errorf("%s: front matter is not closed with ---", name)
	}
	for _, key := range required {
		if fields[key] == "" {
			return e, fmt.Errorf("%s: front matter lacks %q", name, key)
		}
	}
	e.story, e.source, e.title, e.author = fields["story"], fields["source"], fields["title"], fields["author"]
	e.unique, e.url = fields["unique"], fields["url"]
	e.body = strings.TrimSpace(strings.Join(lines[end+1:], "\n"))

	if !validKey(e.story) {
		return e, fmt.Errorf("%s: story %q must be lowercase letters, digits and hyphens", name, e.story)
	}
	if !strings.HasSuffix(e.source, " (sample)") {
		return e, fmt.Errorf("%s: source %q must end in \" (sample)\"", name, e.source)
	}
	age, err := parseAge(fields["published"])
	if err != nil {
		return e, fmt.Errorf("%s: published: %w", name, err)
	}
	e.age = age
	if e.slug, err = slugOf(e.url); err != nil {
		return e, fmt.Errorf("%s: url: %w", name, err)
	}
	if e.body == "" {
		return e, fmt.Errorf("%s: body is empty", name)
	}
	if e.unique != "" && !strings.Contains(e.body, e.unique) {
		return e, fmt.Errorf("%s: unique sentence is not in the body", name)
	}
	return e, nil
}

// control finds the first control character other than a newline, with its
// line number.
func control(text string) (int, rune, bool) {
	line := 1
	for _, r := range text {
		switch {
		case r == '\n':
			line++
		case unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || r == utf8.RuneError:
			return line, r, true
		}
	}
	return 0, 0, false
}

// parseAge reads an offset before now such as "-26h" or "-3h30m".
func parseAge(s string) (time.Duration, error) {
	rest, ok := strings.CutPrefix(s, "-")
	if !ok {
		return 0, fmt.Errorf("%q must be an offset before now, like -26h", s)
	}
	d, err := time.ParseDuration(rest)
	if err != nil {
		return 0, fmt.Errorf("%q: %w", s, err)
	}
	if d <= 0 || d > maxAge {
		return 0, fmt.Errorf("%q must lie between now and %v ago", s, maxAge)
	}
	return d, nil
}

// slugOf checks that raw is a sample URL, base + slug + "/" + page, and
// returns the slug.
func slugOf(raw string) (string, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return "", err
	}
	if !strings.HasPrefix(raw, base) || u.RawQuery != "" || u.Fragment != "" {
		return "", fmt.Errorf("%q must be %s<outlet>/<page>", raw, base)
	}
	slug, page, ok := strings.Cut(strings.TrimPrefix(raw, base), "/")
	if !ok || !validKey(slug) || !validKey(page) {
		return "", fmt.Errorf("%q must be %s<outlet>/<page> in lowercase letters, digits and hyphens", raw, base)
	}
	return slug, nil
}

func validKey(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !('a' <= r && r <= 'z' || '0' <= r && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}
