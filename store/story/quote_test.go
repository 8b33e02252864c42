package story

import (
	"slices"
	"testing"
)

func TestQuotes(t *testing.T) {
	tests := []struct {
		name string
		md   string
		want []string
	}{
		{"straight", `"We go to the table to listen," she said.`, []string{"We go to the table to listen"}},
		{"curly", "“We go to the table to listen,” she said.", []string{"We go to the table to listen"}},
		{"escaped", `He said \"the harbour stays open\" and left.`, []string{"the harbour stays open"}},
		{"low-high", "Sie sagte „wir bleiben hier stehen“ dort.", []string{"wir bleiben hier stehen"}},
		{"guillemets", "Il a dit «nous restons ici ensemble» hier.", []string{"nous restons ici ensemble"}},
		{"single curly", "She called it ‘a deal the islanders won’t forget’ on Monday.",
			[]string{"a deal the islanders won’t forget"}},
		{"apostrophes only", "The island’s ferry isn’t running, and it won’t be soon.", nil},
		{"nested", `"He told me 'never again' twice," she said.`, []string{"He told me 'never again' twice"}},
		// "Not now" is too short to be a remark.
		{"two in a sentence", `"Not now," he said, "and not ever after this."`, []string{"and not ever after this."}},
		{"scare quotes", `The so-called "peace plan" failed.`, nil},
		{"inch mark", `A 12" screen and "a very large crowd" came.`, []string{"a very large crowd"}},
		{"spanning sentences", `"We go. We listen. We leave," she said.`, []string{"We go. We listen. We leave"}},
		{"carried over paragraphs", "“We will rebuild the quay first.\n\n“Then the wall,” he said.",
			[]string{"We will rebuild the quay first.", "Then the wall"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, qs := articleProse(tt.md)
			var got []string
			for _, q := range qs {
				got = append(got, q.text)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("quotes of %q:\n got %q\nwant %q", tt.md, got, tt.want)
			}
		})
	}
}

func TestQuoteSentence(t *testing.T) {
	_, qs := articleProse(`The port shut. Then the mayor spoke: "We will reopen it by spring." Nobody believed her.`)
	if len(qs) != 1 || qs[0].sentence != 1 {
		t.Fatalf("quotes = %+v, want one in sentence 1", qs)
	}
}
