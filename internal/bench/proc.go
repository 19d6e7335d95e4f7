package bench

import (
	"bufio"
	"os"
	"strconv"
	"strings"
)

// PeakRSSMB is this process's peak resident set (VmHWM in /proc/self/status), in MB;
// 0 where /proc is not available.
func PeakRSSMB() float64 { return statusMB("VmHWM:") }

// RSSMB is this process's current resident set (VmRSS), in MB.
func RSSMB() float64 { return statusMB("VmRSS:") }

func statusMB(field string) float64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), field); ok {
			kb, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 64)
			if err != nil {
				return 0
			}
			return round(kb / 1024)
		}
	}
	return 0
}

// LoadAvg is the machine's 1, 5 and 15 minute load averages (/proc/loadavg); nil where
// unavailable. Other work on the machine shows here, and every figure should be read
// beside it.
func LoadAvg() []float64 {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return nil
	}
	fs := strings.Fields(string(b))
	var out []float64
	for _, s := range fs[:min(3, len(fs))] {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return nil
		}
		out = append(out, v)
	}
	return out
}

// LoadAvgString is LoadAvg as "1.02/0.88/0.70".
func LoadAvgString() string {
	la := LoadAvg()
	if la == nil {
		return "?"
	}
	parts := make([]string, len(la))
	for i, v := range la {
		parts[i] = strconv.FormatFloat(v, 'f', 2, 64)
	}
	return strings.Join(parts, "/")
}
