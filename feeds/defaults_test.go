package feeds

import (
	"net/url"
	"testing"
)

func TestDefaults(t *testing.T) {
	subs := Defaults()
	if len(subs) < 20 || len(subs) > 30 {
		t.Errorf("%d default feeds, want 20 to 30", len(subs))
	}
	urls, titles := map[string]bool{}, map[string]bool{}
	for _, s := range subs {
		if s.Name == "" || s.Name != SanitizeLine(s.Name) {
			t.Errorf("%s: bad display name %q", s.URL, s.Name)
		}
		u, err := url.Parse(s.URL)
		if err != nil || u.Scheme != "https" || u.Host == "" {
			t.Errorf("%s: not an https URL", s.URL)
		}
		if n, err := NormalizeURL(s.URL); err != nil || n != s.URL {
			t.Errorf("%s: normalizes to %q, %v", s.URL, n, err)
		}
		if urls[s.URL] || titles[s.Name] {
			t.Errorf("%s (%s) listed twice", s.URL, s.Name)
		}
		urls[s.URL], titles[s.Name] = true, true
	}
	subs[0].Name = "changed"
	if Defaults()[0].Name == "changed" {
		t.Error("Defaults shares its slice between calls")
	}
}
