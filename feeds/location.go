package feeds

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
)

// NormalizeURL turns what a person types for a feed into the URL parallax
// stores: http and https URLs stay as they are, file URLs and local paths
// become absolute file URLs, feed:// becomes https://, and a bare host and
// path ("example.com/rss") gets https://.
func NormalizeURL(s string) (string, error) {
	// A file's name is taken as typed: cleaning it as a line of text
	// would name another file. Its URL escapes what a terminal would act on.
	if path := strings.TrimSpace(s); path != "" && isPathLike(path) && !strings.Contains(path, "://") {
		return fileURL(expandHome(path)), nil
	}
	s = SanitizeLine(s)
	if s == "" {
		return "", fmt.Errorf("empty URL")
	}
	lower := strings.ToLower(s)
	if strings.HasPrefix(lower, "feed://") {
		s, lower = "https://"+s[len("feed://"):], "https://"+lower[len("feed://"):]
	} else if strings.HasPrefix(lower, "feed:") {
		s, lower = s[len("feed:"):], lower[len("feed:"):]
	}
	switch {
	case strings.HasPrefix(lower, "http://"), strings.HasPrefix(lower, "https://"):
		u, err := url.Parse(s)
		if err != nil || u.Host == "" {
			return "", fmt.Errorf("%s: not a valid URL", s)
		}
		u.Scheme = strings.ToLower(u.Scheme)
		u.Host = strings.ToLower(u.Host)
		// The same feed written with its scheme's own port, or with a
		// fragment, which never reaches the server, is one subscription.
		if port := u.Port(); port == "80" && u.Scheme == "http" || port == "443" && u.Scheme == "https" {
			u.Host = u.Hostname()
			if strings.Contains(u.Host, ":") {
				u.Host = "[" + u.Host + "]"
			}
		}
		u.Fragment, u.RawFragment = "", ""
		// An empty query ("feed.xml?") and dot segments ("/./feed.xml")
		// name the same address as without.
		u.ForceQuery = false
		if strings.Contains(u.Path, "/.") {
			u = u.ResolveReference(&url.URL{Path: u.Path, RawPath: u.RawPath, RawQuery: u.RawQuery})
		}
		// "%7E" and "~" are one address, and so are "%2f" and "%2F".
		u.RawPath = canonicalEscapes(u.EscapedPath())
		u.RawQuery = canonicalEscapes(u.RawQuery)
		return u.String(), nil
	case strings.HasPrefix(lower, "file:"):
		p, ok := localPath(s)
		if !ok {
			return "", fmt.Errorf("%s: not a valid file URL", s)
		}
		return fileURL(p), nil
	case strings.Contains(s, "://"):
		return "", fmt.Errorf("%s: unsupported URL scheme %q", s, s[:strings.Index(s, "://")])
	}
	if isPathLike(s) {
		return fileURL(expandHome(s)), nil
	}
	host, _, _ := strings.Cut(s, "/")
	if strings.Contains(host, ".") && !strings.ContainsAny(s, " \t") {
		return NormalizeURL("https://" + s)
	}
	return "", fmt.Errorf("%s: not a URL and no such file", s)
}

// canonicalEscapes writes the percent-escapes of s as RFC 3986 has them
// compared: an escaped letter, digit, '-', '.', '_' or '~' as itself, and
// any other escape in upper case. What an escape keeps from meaning syntax
// ("%2F" in a path, "%26" in a query) stays escaped.
func canonicalEscapes(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '%' || i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2]) {
			b.WriteByte(c)
			continue
		}
		d := unhex(s[i+1])<<4 | unhex(s[i+2])
		if 'a' <= d && d <= 'z' || 'A' <= d && d <= 'Z' || '0' <= d && d <= '9' || strings.IndexByte("-._~", d) >= 0 {
			b.WriteByte(d)
		} else {
			b.WriteByte('%')
			b.WriteString(strings.ToUpper(s[i+1 : i+3]))
		}
		i += 2
	}
	return b.String()
}

func isHex(c byte) bool { return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' }

func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c <= 'F':
		return c - 'A' + 10
	}
	return c - 'a' + 10
}

// isPathLike reports whether s names a local file: it is written as a path
// or a file of that name exists.
func isPathLike(s string) bool {
	if strings.HasPrefix(s, "/") || strings.HasPrefix(s, "./") || strings.HasPrefix(s, "../") ||
		strings.HasPrefix(s, "~/") || filepath.IsAbs(s) {
		return true
	}
	_, err := os.Stat(s)
	return err == nil
}

func expandHome(s string) string {
	if strings.HasPrefix(s, "~/") {
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, s[2:])
		}
	}
	return s
}

// localPath returns the path a file URL or plain path names, and whether
// raw is one.
func localPath(raw string) (string, bool) {
	lower := strings.ToLower(raw)
	if strings.HasPrefix(lower, "http://") || strings.HasPrefix(lower, "https://") {
		return "", false
	}
	if strings.HasPrefix(lower, "file:") {
		u, err := url.Parse(raw)
		if err != nil || (u.Host != "" && u.Host != "localhost") {
			return "", false
		}
		p := u.Path
		if p == "" {
			p = u.Opaque
		}
		if p == "" {
			return "", false
		}
		return filepath.FromSlash(p), true
	}
	if strings.Contains(raw, "://") {
		return "", false
	}
	return expandHome(raw), raw != ""
}
