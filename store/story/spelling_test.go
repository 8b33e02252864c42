package story

import (
	"slices"
	"testing"
)

func TestBritishAndAmericanSpellingsMeet(t *testing.T) {
	for _, p := range [][2]string{
		{"defence", "defense"}, {"offences", "offenses"}, {"licence", "license"},
		{"centre", "center"}, {"centres", "centers"}, {"kilometres", "kilometers"}, {"theatre", "theater"},
		{"colour", "color"}, {"honoured", "honored"}, {"neighbourhood", "neighborhood"},
		{"favourite", "favorite"}, {"behavioural", "behavioral"}, {"labourers", "laborers"},
		{"organise", "organize"}, {"organised", "organized"}, {"organisation", "organization"},
		{"analysed", "analyzed"}, {"paralysed", "paralyzed"},
		{"travelled", "traveled"}, {"travelling", "traveling"}, {"traveller", "traveler"},
		{"cancelled", "canceled"}, {"jewellery", "jewelry"}, {"jewellers", "jewelers"},
		{"counsellor", "counselor"}, {"marvellous", "marvelous"}, {"instalment", "installment"},
		{"skilful", "skillful"}, {"fulfil", "fulfill"},
		{"catalogue", "catalog"}, {"dialogue", "dialog"},
		{"programmes", "programs"}, {"tyres", "tires"}, {"grey", "gray"}, {"aluminium", "aluminum"},
		{"sceptical", "skeptical"}, {"manoeuvred", "maneuvered"},
		// Every form of a word keeps one key, whatever the rules do to it.
		{"controlled", "control"}, {"recalled", "recall"}, {"yelled", "yell"}, {"massacred", "massacre"},
	} {
		if a, b := terms(p[0]), terms(p[1]); !slices.Equal(a, b) {
			t.Errorf("%q gives %q, %q gives %q: want one key", p[0], a, p[1], b)
		}
	}
}

func TestSpellingLeavesOtherWordsApart(t *testing.T) {
	// Stems that end like a British form where the stemmer took -ed or
	// -ing, and the -re rule must not lengthen.
	for _, p := range [][2]string{{"hatred", "hater"}, {"hamstring", "hamster"}, {"kindred", "kinder"}} {
		if a, b := terms(p[0]), terms(p[1]); slices.Equal(a, b) {
			t.Errorf("%q and %q both give %q", p[0], p[1], a)
		}
	}
	// Words spelt -our, or with a final -ll, on both sides of the ocean.
	for _, w := range []string{"flour", "detour", "contour", "hour", "spell", "kill", "yell", "crisis", "paris"} {
		if got := stem(w); got != w {
			t.Errorf("stem(%q) = %q, want it unchanged", w, got)
		}
	}
}
