package feeds

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"parallax/store"
)

// TestCheckShape checks the scan that refuses pathological documents
// before parsing: deep nesting and floods of items are refused, and what
// real feeds do (markup in CDATA and comments, HTML's empty elements,
// sloppy markup left open inside items, namespaced entries) is not.
func TestCheckShape(t *testing.T) {
	var sloppy strings.Builder
	for i := range 600 {
		fmt.Fprintf(&sloppy, "<item><title>Item %d</title><description><p>one<p>two<br><img src=x><p>three</description></item>", i)
	}
	rss := func(body string) string {
		return `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>` + body + `</channel></rss>`
	}
	for _, c := range []struct {
		name, doc, want string
	}{
		{"deep", rss(strings.Repeat("<x>", 1001)), "nested too deeply"},
		{"deep inside an item", rss("<item>" + strings.Repeat("<x>", 1001) + "</item>"), "nested too deeply"},
		{"flood", rss(strings.Repeat("<item/>", 10001)), "too many items"},
		{"atom flood", `<feed xmlns="http://www.w3.org/2005/Atom">` + strings.Repeat("<atom:entry></atom:entry>", 10001) + `</feed>`, "too many items"},
		{"json flood", `{"version":"https://jsonfeed.org/version/1.1","items":[` + strings.Repeat(`{},`, 100001) + `{}]}`, "too many items"},
		{"sloppy items", rss(sloppy.String()), ""},
		{"deep in CDATA", rss("<item><description><![CDATA[" + strings.Repeat("<div>", 5000) + "]]></description></item>"), ""},
		{"deep in a comment", rss("<!--" + strings.Repeat("<x>", 5000) + "-->"), ""},
		{"empty elements", rss("<item><description>" + strings.Repeat("<br><hr><img src=x>", 2000) + "</description></item>"), ""},
		{"many items", rss(strings.Repeat("<item><title>x</title></item>", 10000)), ""},
	} {
		err := checkShape([]byte(c.doc))
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s: refused: %v", c.name, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%s: %v; want an error saying %q", c.name, err, c.want)
		}
	}
	start := time.Now()
	p, err := ParseFeed([]byte(rss(sloppy.String())), store.Feed{}, "https://sloppy.example/", time.Now())
	if err != nil || len(p.Articles) != 600 {
		t.Errorf("a sloppy feed of 600 items: %d articles, %v", len(p.Articles), err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("parsing took %v", d)
	}
}
