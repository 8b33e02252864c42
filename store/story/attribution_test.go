package story

import "testing"

func TestCreditFrom(t *testing.T) {
	for _, c := range []struct{ s, credit string }{
		{`Two of the wounded were children, police commissioner Ruth Galen said.`, "police commissioner Ruth Galen said."},
		{`The quake injured 200 people, said disaster agency spokesman Ari Nugroho.`, "said disaster agency spokesman Ari Nugroho."},
		{`He was caught in Velsk, said Ada Perez, a spokeswoman for the marshals.`, "said Ada Perez, a spokeswoman for the marshals."},
		{`The fire was out by noon, according to the fire brigade.`, "according to the fire brigade."},
		{`“We owe Kestrel answers, not excuses,” Ms. Dovan told reporters on Monday.`, "Ms. Dovan told reporters on Monday."},
		{`"We owe the people of Kestrel answers," Dovan said at a briefing in the capital.`, ""},
		{`Dovan said the islanders were owed "answers, not excuses."`, ""},
		{`The ship sank, and police said the captain had fled.`, ""},
		{`One friend, who asked not to be named, said: "He idolised his mother."`, ""},
		{`"They did everything right," said Fergus Mackay, who called for a new shelter.`, ""},
	} {
		ws := appendWords(nil, c.s)
		got := ""
		if k := creditFrom(c.s, ws); k < len(ws) {
			got = c.s[ws[k].start:]
		}
		if got != c.credit {
			t.Errorf("credit of %q = %q, want %q", c.s, got, c.credit)
		}
	}
}
