package feeds

import (
	"strings"
	"testing"
)

func TestHTMLToMarkdown(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string // substrings the Markdown must have
		wantNot  []string // substrings it must not have
	}{
		{
			name: "paragraphs and emphasis",
			in:   "<p>One <strong>bold</strong> claim.</p><p>Second <em>point</em>.</p>",
			want: []string{"One **bold** claim.\n\nSecond *point*."},
		},
		{
			name:    "scripts styles and frames dropped",
			in:      `<p>Text</p><script>alert("x")</script><style>p{color:red}</style><iframe src="https://ads.example/"></iframe><noscript>enable js</noscript>`,
			want:    []string{"Text"},
			wantNot: []string{"alert", "color", "ads.example", "enable js"},
		},
		{
			name:    "images kept, tracking pixels dropped",
			in:      `<p><img src="/a.jpg" alt="A harbour at dusk"><img src="https://t.example/p.gif" width="1" height="1"><img src="https://t.example/q.gif" style="width:1px;height:1px"><img src="https://t.example/r.gif" style="display:none"></p>`,
			want:    []string{"![A harbour at dusk](https://news.example/a.jpg)"},
			wantNot: []string{"t.example"},
		},
		{
			name: "links side by side stay apart",
			in:   `<p><img alt="Pier" src="/pier.jpg"><a href="/pier">The pier</a> and <a href="/1">one</a><a href="/2">two</a></p>`,
			want: []string{"![Pier](https://news.example/pier.jpg) [The pier](https://news.example/pier) and [one](https://news.example/1) [two](https://news.example/2)"},
		},
		{
			name: "lazy image",
			in:   `<img src="data:image/gif;base64,R0lGOD" data-src="https://cdn.example/big.jpg" alt="Crowd">`,
			want: []string{"![Crowd](https://cdn.example/big.jpg)"},
		},
		{
			name:    "unsafe link keeps its text",
			in:      `<p><a href="javascript:steal()">Win a prize</a> and <a href="/story">read more</a></p>`,
			want:    []string{"Win a prize and [read more](https://news.example/story)"},
			wantNot: []string{"javascript"},
		},
		{
			name:    "escapes in text removed",
			in:      "<p>Title\x1b]52;c;SGVsbG8=\x07 and \x1b[31mred\x1b[0m</p>",
			want:    []string{"Title and red"},
			wantNot: []string{"\x1b", "52;"},
		},
		{
			name: "lists and headings",
			in:   "<h2>What happened</h2><ul><li>One</li><li>Two</li></ul>",
			want: []string{"## What happened", "- One\n- Two"},
		},
		{
			name: "plain text stays",
			in:   "Just a sentence with no markup.",
			want: []string{"Just a sentence with no markup."},
		},
		{
			name:    "hidden elements dropped",
			in:      `<p>Shown</p><div hidden>secret</div><span aria-hidden="true">icon</span>`,
			want:    []string{"Shown"},
			wantNot: []string{"secret", "icon"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := HTMLToMarkdown(tt.in, "https://news.example/world/item")
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("Markdown lacks %q:\n%s", w, got)
				}
			}
			for _, w := range tt.wantNot {
				if strings.Contains(got, w) {
					t.Errorf("Markdown has %q:\n%s", w, got)
				}
			}
		})
	}
}

func TestPlainLine(t *testing.T) {
	for in, want := range map[string]string{
		"Bridge reopens after <b>flood</b> repairs": "Bridge reopens after flood repairs",
		"AT&amp;T &amp; partners":                   "AT&T & partners",
		"AT&T results":                              "AT&T results",
		"<script>x()</script>Safe":                  "Safe",
	} {
		if got := plainLine(in); got != want {
			t.Errorf("plainLine(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzHTMLToMarkdown(f *testing.F) {
	f.Add(`<p>Hello <a href="/x">link</a><img src="a.png" alt="pic"></p>`)
	f.Add("<table><tr><td>1</td></tr></table><script>x</script>")
	f.Add("<p>\x1b]8;;https://e\x07t\x1b]8;;\x07</p>")
	f.Fuzz(func(t *testing.T, src string) {
		got := HTMLToMarkdown(src, "https://news.example/a/b")
		if r, bad := unsafeRune(got, false); bad {
			t.Fatalf("HTMLToMarkdown(%q) = %q keeps %U", src, got, r)
		}
	})
}

// TestLineBreaksStayHard: a <br> is a hard line break in the Markdown, so
// that the reader keeps the lines of a poem or an address apart; spaces
// that end a paragraph or a text go.
func TestLineBreaksStayHard(t *testing.T) {
	for in, want := range map[string]string{
		"<p>Line one<br>Line two<br><br>Line three</p>":          "Line one  \nLine two\n\nLine three",
		"<p>Harbour Road 4<br>Kettle Point</p><p>Open daily</p>": "Harbour Road 4  \nKettle Point\n\nOpen daily",
		"<p>Ends with a break<br></p>":                           "Ends with a break",
	} {
		if got := HTMLToMarkdown(in, ""); got != want {
			t.Errorf("HTMLToMarkdown(%q) = %q, want %q", in, got, want)
		}
	}
}
