package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// gateway bench runs the real pipeline end to end, through either door, and reports
// every post decided at a rate far below capacity, with a baseline measured on the
// same server.
func TestBenchDecidesEveryPostAndReportsTheBaseline(t *testing.T) {
	for _, via := range []string{"grpc", "nats"} {
		t.Run(via, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run([]string{"bench", "--via", via, "--rate", "40", "--duration", "1s", "--baseline-duration", "2s", "--authors", "50"}, &stdout, &stderr)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr.String())
			}
			var rep benchReport
			if err := json.Unmarshal(stdout.Bytes(), &rep); err != nil {
				t.Fatalf("stdout is not one JSON line: %v\n%s", err, stdout.String())
			}
			if rep.Offered != 40 || rep.Decided != rep.Offered {
				t.Errorf("offered %d, decided %d: want 40 offered, all decided (first error %q)", rep.Offered, rep.Decided, rep.FirstError)
			}
			if rep.BaselinePerS <= 0 || rep.Ratio <= 0 || rep.PeakRSSMB <= 0 || len(rep.LoadAvg) != 3 || rep.P99ms < rep.P50ms || rep.MaxMs < rep.P99ms {
				t.Errorf("incomplete report: %s", stdout.String())
			}
			if !strings.Contains(stderr.String(), "offered=40 decided=40") {
				t.Errorf("no progress line on stderr:\n%s", stderr.String())
			}
		})
	}
}

func TestBenchRefusesAnUnknownDoor(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"bench", "--via", "carrier-pigeon"}, &stdout, &stderr); code != exitUsage {
		t.Fatalf("exit %d, want %d", code, exitUsage)
	}
	if !strings.Contains(stderr.String(), "--via") {
		t.Fatalf("error does not name --via: %s", stderr.String())
	}
}
