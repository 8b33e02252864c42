package feeds

import (
	"bytes"
	"encoding/xml"
	"io"
	"net/url"
	"strings"
)

// absoluteXMLBases rewrites every xml:base of a document as the absolute
// address it stands for: resolved against the xml:base of its parent
// element and, at the top, against docURL, the address the document came
// from. gofeed knows no document address and resolves a relative base
// against nothing, so xml:base="sub/" on a feed at /deep/dir/feed.xml
// would put its entries under /sub/ at the root of the host. A document
// from anywhere but the web, or with no xml:base, is returned as it is.
func absoluteXMLBases(data []byte, docURL string) []byte {
	if !bytes.Contains(data, []byte("xml:base")) || !hasWebScheme(docURL) {
		return data
	}
	doc, err := url.Parse(docURL)
	if err != nil {
		return data
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = false
	// Offsets must count the document's own bytes, so nothing is decoded;
	// a document the reader trips over keeps the bases it had from there.
	d.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
	bases := []*url.URL{doc}
	var out []byte
	done := 0 // data[:done] is settled in out
	for {
		start := d.InputOffset()
		tok, err := d.RawToken()
		if err != nil {
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			base := bases[len(bases)-1]
			if abs, ok := resolvedBase(base, t.Attr); ok {
				base = abs
				tag := data[start:d.InputOffset()]
				if i, j, ok := xmlBaseValue(tag); ok {
					out = append(out, data[done:int(start)+i]...)
					out = append(out, escapeAttr(abs.String())...)
					done = int(start) + j
				}
			}
			bases = append(bases, base)
		case xml.EndElement:
			if len(bases) > 1 {
				bases = bases[:len(bases)-1]
			}
		}
	}
	if out == nil {
		return data
	}
	return append(out, data[done:]...)
}

// resolvedBase is the xml:base among attrs resolved against parent, or
// false when there is none or it is no address.
func resolvedBase(parent *url.URL, attrs []xml.Attr) (*url.URL, bool) {
	for _, a := range attrs {
		if a.Name.Space == "xml" && a.Name.Local == "base" {
			ref, err := url.Parse(strings.TrimSpace(a.Value))
			if err != nil {
				return nil, false
			}
			return parent.ResolveReference(ref), true
		}
	}
	return nil, false
}

// xmlBaseValue finds, in the raw text of a start tag, where the value of
// its xml:base attribute lies between its quotes.
func xmlBaseValue(tag []byte) (from, to int, ok bool) {
	m := xmlBaseAttr().FindSubmatchIndex(tag)
	switch {
	case m == nil:
		return 0, 0, false
	case m[2] >= 0:
		return m[2], m[3], true
	}
	return m[4], m[5], true
}

var xmlBaseAttr = lazyRegexp(`\sxml:base\s*=\s*(?:"([^"]*)"|'([^']*)')`)

// escapeAttr escapes s for an XML attribute value in either quotes.
func escapeAttr(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}
