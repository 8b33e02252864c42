package story

import (
	"fmt"
	"os"
	"testing"
)

func TestTuneSweep(t *testing.T) {
	if os.Getenv("TUNE") == "" {
		t.Skip()
	}
	arts := loadECBPlus(t)
	truth := make([]string, len(arts))
	for i, a := range arts {
		truth[i] = a.Label
	}
	for _, cw := range []float64{0, 0.1, 0.2, 0.3, 0.5} {
		for _, cs := range []float64{0.3, 0.5, 0.7} {
			conflictWeight, coreShare = cw, cs
			a := scoreClusters(groupECB(arts, 0), truth)
			b := scoreClusters(groupECB(arts, 300), truth)
			fmt.Printf("cw %.2f cs %.2f | full P %.3f R %.3f F %.3f | cut P %.3f R %.3f F %.3f\n", cw, cs, a.bP, a.bR, a.bF, b.bP, b.bR, b.bF)
		}
	}
}
