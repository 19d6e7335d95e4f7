package main

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/mosaicgw/mosaic/internal/authn"
	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
)

// TestCrashLosesNothing kills the real binary with SIGKILL while posts are being
// submitted, restarts it on the same data directory, and checks what an operator must be
// able to count on: every post SubmitPost acknowledged is decided after the restarts
// (none lost or stuck), and no decision seen before a crash changes after it (none
// flipped). In CI it runs a short form (3 cycles); the full form is
//
//	MOSAIC_CRASH_CYCLES=20 go test -count=1 -run TestCrashLosesNothing -v ./gateway
func TestCrashLosesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and kills the gateway binary; not in -short")
	}
	cycles := 3
	if v := os.Getenv("MOSAIC_CRASH_CYCLES"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			t.Fatalf("MOSAIC_CRASH_CYCLES=%q: want a positive number", v)
		}
		cycles = n
	}
	bin := filepath.Join(t.TempDir(), "gateway")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("building the gateway: %v\n%s", err, out)
	}
	data := t.TempDir()
	addr := freeAddr(t)

	var mu sync.Mutex
	acked := map[string]bool{}             // post id -> SubmitPost answered OK
	seen := map[string]mosaicv1.Decision{} // post id -> a final decision seen before a crash
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 7))
	n := 0
	for c := 0; c < cycles; c++ {
		stop := startBinary(t, bin, data, addr)
		gw := gatewayClient(t, addr, data)
		ctx, cancel := context.WithCancel(t.Context())
		var wg sync.WaitGroup
		for w := 0; w < 4; w++ {
			wg.Add(1)
			go func(w int) {
				defer wg.Done()
				for i := 0; ctx.Err() == nil; i++ {
					mu.Lock()
					n++
					id := fmt.Sprintf("crash-%d-%d-%d", c, w, n)
					mu.Unlock()
					body := crashBodies[i%len(crashBodies)]
					resp, err := gw.SubmitPost(ctx, &mosaicv1.SubmitPostRequest{Post: crashPost(id, fmt.Sprintf("dr-crash-%d", w), body)})
					if err != nil {
						continue // not acknowledged: the platform would send it again
					}
					mu.Lock()
					acked[id] = true
					if d := resp.GetStatus().GetDecision(); final(d) {
						seen[id] = d
					}
					mu.Unlock()
				}
			}(w)
		}
		// Let posts flow for a while, then kill the process where it stands.
		time.Sleep(time.Duration(300+rng.IntN(900)) * time.Millisecond)
		// Some decisions as the platform saw them before the crash.
		mu.Lock()
		var ids []string
		for id := range acked {
			if _, ok := seen[id]; !ok {
				ids = append(ids, id)
			}
		}
		mu.Unlock()
		for _, id := range ids[:min(len(ids), 20)] {
			if st, err := gw.GetPostStatus(ctx, &mosaicv1.GetPostStatusRequest{PostId: id}); err == nil && final(st.GetStatus().GetDecision()) {
				mu.Lock()
				seen[id] = st.GetStatus().GetDecision()
				mu.Unlock()
			}
		}
		stop() // SIGKILL
		cancel()
		wg.Wait()
	}

	// The last start: everything acknowledged is decided, as it was before.
	stop := startBinary(t, bin, data, addr)
	defer stop()
	gw := gatewayClient(t, addr, data)
	if len(acked) == 0 {
		t.Fatal("no post was acknowledged in any cycle")
	}
	deadline := time.Now().Add(90 * time.Second)
	var lost []string
	ids := make(chan string)
	var wg sync.WaitGroup
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for id := range ids {
				var d mosaicv1.Decision
				for {
					st, err := gw.GetPostStatus(t.Context(), &mosaicv1.GetPostStatusRequest{PostId: id})
					if err == nil && final(st.GetStatus().GetDecision()) {
						d = st.GetStatus().GetDecision()
						break
					}
					if time.Now().After(deadline) {
						break
					}
					time.Sleep(100 * time.Millisecond)
				}
				mu.Lock()
				if !final(d) {
					lost = append(lost, id)
				} else if before, ok := seen[id]; ok && before != d {
					t.Errorf("%s: %s before a crash, %s after: a decision flipped", id, before, d)
				}
				mu.Unlock()
			}
		}()
	}
	for id := range acked {
		ids <- id
	}
	close(ids)
	wg.Wait()
	if len(lost) > 0 {
		t.Errorf("%d of %d acknowledged posts not decided after %d crashes: %v", len(lost), len(acked), cycles, lost[:min(len(lost), 10)])
	}
	t.Logf("%d cycles: %d posts acknowledged, %d decisions checked against what was seen before a crash, %d lost",
		cycles, len(acked), len(seen), len(lost))
}

// crashBodies mix a post held for a direct identifier and posts released.
var crashBodies = []string{
	"Has anyone got a good leaflet on statins and muscle aches? Patients keep asking.",
	"Referral bounced for a patient, NHS number 943 476 5919; who do I ring?",
	"What do people use for first-line hay fever in pregnancy these days?",
}

func crashPost(id, author, body string) *mosaicv1.Post {
	return &mosaicv1.Post{
		PostId: id, Revision: 1, AuthorId: author, ForumId: "gp-chat",
		Author:    &mosaicv1.Author{DisplayName: "Dr C Example", Role: "GP", PracticeLocation: "Kendal, Cumbria"},
		Audience:  mosaicv1.Audience_AUDIENCE_MEMBERS,
		ThreadId:  "t-" + id,
		CreatedAt: timestamppb.New(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)),
		Body:      body,
	}
}

func final(d mosaicv1.Decision) bool {
	return d == mosaicv1.Decision_DECISION_RELEASED || d == mosaicv1.Decision_DECISION_HELD
}

// freeAddr is a loopback address nothing listens on now.
func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// startBinary starts the gateway on data and waits until its gRPC port answers; stop
// kills it with SIGKILL and waits for it.
func startBinary(t *testing.T, bin, data, addr string) (stop func()) {
	t.Helper()
	cmd := exec.Command(bin, "--data-dir", data, "--grpc-addr", addr, "--nats-listen", "", "--http-addr", "", "--log-level", "warn")
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var once sync.Once
	stop = func() {
		once.Do(func() {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
		})
	}
	t.Cleanup(stop)
	deadline := time.Now().Add(60 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err == nil {
			c.Close()
			return stop
		}
		if time.Now().After(deadline) {
			t.Fatalf("the gateway did not listen on %s: %v", addr, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// gatewayClient dials addr as the platform, with the token the first start wrote.
func gatewayClient(t *testing.T, addr, data string) mosaicv1.GatewayServiceClient {
	t.Helper()
	var token []byte
	var err error
	for deadline := time.Now().Add(30 * time.Second); ; {
		token, err = os.ReadFile(filepath.Join(data, "credentials", authn.PlatformTokenFile))
		if err == nil || !errors.Is(err, os.ErrNotExist) || time.Now().After(deadline) {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err != nil {
		t.Fatal(err)
	}
	cc, err := grpc.NewClient(addr, grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithPerRPCCredentials(authn.Bearer(strings.TrimSpace(string(token)))))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cc.Close() })
	return mosaicv1.NewGatewayServiceClient(cc)
}
