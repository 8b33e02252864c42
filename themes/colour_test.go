package themes

import (
	"math"
	"strconv"
	"strings"
	"testing"
)

// rgb reads "#rrggbb" into components in [0, 1].
func rgb(t testing.TB, hex string) [3]float64 {
	t.Helper()
	if len(hex) != 7 || hex[0] != '#' {
		t.Fatalf("colour %q is not #rrggbb", hex)
	}
	var out [3]float64
	for i := range 3 {
		v, err := strconv.ParseUint(hex[1+2*i:3+2*i], 16, 8)
		if err != nil {
			t.Fatalf("colour %q: %v", hex, err)
		}
		out[i] = float64(v) / 255
	}
	return out
}

func linear(c float64) float64 {
	if c <= 0.04045 {
		return c / 12.92
	}
	return math.Pow((c+0.055)/1.055, 2.4)
}

func linearRGB(c [3]float64) [3]float64 {
	return [3]float64{linear(c[0]), linear(c[1]), linear(c[2])}
}

// luminance is WCAG 2's relative luminance of a colour in linear RGB.
func luminance(l [3]float64) float64 {
	return 0.2126*l[0] + 0.7152*l[1] + 0.0722*l[2]
}

// contrast is WCAG 2's contrast ratio between two colours.
func contrast(t testing.TB, a, b string) float64 {
	la, lb := luminance(linearRGB(rgb(t, a))), luminance(linearRGB(rgb(t, b)))
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// Dichromat simulations in linear RGB (Viénot, Brettel and Mollon, 1999).
var (
	protanopia = [3][3]float64{
		{0.11238, 0.88762, 0},
		{0.11238, 0.88762, 0},
		{0.00401, -0.00401, 1},
	}
	deuteranopia = [3][3]float64{
		{0.29275, 0.70725, 0},
		{0.29275, 0.70725, 0},
		{-0.02234, 0.02234, 1},
	}
)

func simulate(m [3][3]float64, l [3]float64) [3]float64 {
	var out [3]float64
	for i := range 3 {
		out[i] = min(max(m[i][0]*l[0]+m[i][1]*l[1]+m[i][2]*l[2], 0), 1)
	}
	return out
}

// lab converts linear RGB to CIELAB (D65).
func lab(l [3]float64) [3]float64 {
	x := (0.4124*l[0] + 0.3576*l[1] + 0.1805*l[2]) / 0.95047
	y := 0.2126*l[0] + 0.7152*l[1] + 0.0722*l[2]
	z := (0.0193*l[0] + 0.1192*l[1] + 0.9505*l[2]) / 1.08883
	f := func(v float64) float64 {
		if v > 0.008856 {
			return math.Cbrt(v)
		}
		return 7.787*v + 16.0/116
	}
	fx, fy, fz := f(x), f(y), f(z)
	return [3]float64{116*fy - 16, 500 * (fx - fy), 200 * (fy - fz)}
}

// deltaE is the CIE76 distance between two colours in linear RGB.
func deltaE(a, b [3]float64) float64 {
	la, lb := lab(a), lab(b)
	return math.Sqrt((la[0]-lb[0])*(la[0]-lb[0]) + (la[1]-lb[1])*(la[1]-lb[1]) + (la[2]-lb[2])*(la[2]-lb[2]))
}

// hasColourSGR says whether s sets a colour: an SGR parameter for a
// foreground or background (30–49, 90–107), in any of its forms.
func hasColourSGR(s string) bool {
	for {
		i := strings.Index(s, "\x1b[")
		if i < 0 {
			return false
		}
		s = s[i+2:]
		end := strings.IndexFunc(s, func(r rune) bool { return r < '0' || r > '9' && r != ';' && r != ':' })
		if end < 0 {
			return false
		}
		if s[end] != 'm' {
			continue
		}
		params := strings.FieldsFunc(s[:end], func(r rune) bool { return r == ';' || r == ':' })
		for j := 0; j < len(params); j++ {
			n, _ := strconv.Atoi(params[j])
			switch {
			case n == 38 || n == 48 || n == 58:
				return true
			case n >= 30 && n <= 49, n >= 90 && n <= 107:
				return true
			}
		}
	}
}

func TestHasColourSGR(t *testing.T) {
	for s, want := range map[string]bool{
		"plain":                      false,
		"\x1b[1mbold\x1b[m":          false,
		"\x1b[4;1mx\x1b[0m":          false,
		"\x1b[31mred":                true,
		"\x1b[1;38;2;1;2;3mx":        true,
		"\x1b[48;5;20mx":             true,
		"\x1b[97mbright":             true,
		"\x1b[7mreverse\x1b[27m":     false,
		"\x1b]11;#000000\x07no sgr":  false,
		"\x1b[2Kclear line, not SGR": false,
	} {
		if got := hasColourSGR(s); got != want {
			t.Errorf("hasColourSGR(%q) = %v", s, got)
		}
	}
}
