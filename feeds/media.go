package feeds

import (
	"strings"

	"github.com/mmcdole/gofeed"
	ext "github.com/mmcdole/gofeed/extensions"
)

// mediaSummary is the Markdown of an item's Media RSS description, for an
// item that has no other text: a video site's or photo wire's items carry
// their words only there, directly on the item, in a <media:group> (as
// YouTube's channel feeds do) or in a <media:content>. A description is
// plain text unless it says type="html".
func mediaSummary(it *gofeed.Item, base string) string {
	d, ok := mediaDescription(it.Extensions["media"], 0)
	if !ok {
		return ""
	}
	if strings.EqualFold(strings.TrimSpace(d.Attrs["type"]), "html") {
		return HTMLToMarkdown(d.Value, base)
	}
	return textToMarkdown(d.Value)
}

// mediaDescription finds the first non-empty media:description among els,
// then inside their groups and contents. depth bounds the search, which a
// hostile feed could nest without end.
func mediaDescription(els map[string][]ext.Extension, depth int) (ext.Extension, bool) {
	if depth > 3 {
		return ext.Extension{}, false
	}
	for _, d := range els["description"] {
		if strings.TrimSpace(d.Value) != "" {
			return d, true
		}
	}
	for _, name := range []string{"group", "content"} {
		for _, e := range els[name] {
			if d, ok := mediaDescription(e.Children, depth+1); ok {
				return d, true
			}
		}
	}
	return ext.Extension{}, false
}
