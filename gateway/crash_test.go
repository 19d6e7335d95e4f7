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
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/mosaicgw/mosaic/internal/authn"
	"github.com/mosaicgw/mosaic/internal/bus"
	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
)

// TestCrashLosesNothing kills the real binary with SIGKILL while posts are being
// submitted, restarts it on the same data directory, and checks what an operator must be
// able to count on: every post SubmitPost acknowledged is decided after the restarts
// (none lost or stuck), no decision seen before a crash changes after it (none
// flipped), and the decisions stream, which the platform acts on, holds exactly one
// automated decision per post revision (none duplicated: no second decision event
// under another message id, no HELD and RELEASED both announced). In CI it runs a short form (3 cycles); the full form is
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
	bin := buildBinary(t)
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

	// The last start: everything acknowledged is decided, as it was before. Its NATS
	// listener lets the test read the decisions stream as the platform does.
	natsAddr := freeAddr(t)
	stop := startBinary(t, bin, data, addr, "--nats-listen", natsAddr)
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
	// Nothing decided twice: on the decisions stream (what the platform acts on) each
	// post revision has one automated decision, under one message id.
	events := decisionEvents(t, "nats://"+natsAddr, data)
	type key struct {
		post string
		rev  uint32
	}
	got := map[key][]decisionEvent{}
	for _, e := range events {
		if final(e.status.GetDecision()) {
			k := key{e.status.GetPostId(), e.status.GetRevision()}
			got[k] = append(got[k], e)
		}
	}
	duplicated := 0
	for k, es := range got {
		if len(es) > 1 {
			duplicated++
			if duplicated <= 10 {
				var desc []string
				for _, e := range es {
					desc = append(desc, fmt.Sprintf("%s (seq %d, id %s)", e.status.GetDecision(), e.seq, e.msgID))
				}
				t.Errorf("%s revision %d decided %d times on the decisions stream: %s", k.post, k.rev, len(es), strings.Join(desc, ", "))
			}
		}
	}
	for id := range acked {
		if len(got[key{id, 1}]) == 0 && !slices.Contains(lost, id) {
			t.Errorf("%s: decided in the holder's view but no decision on the decisions stream", id)
		}
	}
	t.Logf("%d cycles: %d posts acknowledged, %d decisions checked against what was seen before a crash, %d lost, %d decision events on the stream, %d post revisions decided more than once",
		cycles, len(acked), len(seen), len(lost), len(events), duplicated)
}

// decisionEvent is one message of the decisions stream.
type decisionEvent struct {
	seq    uint64
	msgID  string
	status *mosaicv1.PostStatus
}

// decisionEvents reads every message of the decisions stream from the embedded server
// at url, logged in as the platform with the password the first start wrote.
func decisionEvents(t *testing.T, url, data string) []decisionEvent {
	t.Helper()
	nc := natsAs(t, url, data, bus.RolePlatform, nil)
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 60*time.Second)
	defer cancel()
	s, err := js.Stream(ctx, bus.StreamDecisions)
	if err != nil {
		t.Fatal(err)
	}
	info, err := s.Info(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var out []decisionEvent
	if info.State.Msgs == 0 {
		return nil
	}
	cons, err := js.OrderedConsumer(ctx, bus.StreamDecisions, jetstream.OrderedConsumerConfig{})
	if err != nil {
		t.Fatal(err)
	}
	for uint64(len(out)) < info.State.Msgs {
		batch, err := cons.Fetch(500, jetstream.FetchMaxWait(5*time.Second))
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for msg := range batch.Messages() {
			n++
			ev := &mosaicv1.DecisionEvent{}
			if err := proto.Unmarshal(msg.Data(), ev); err != nil {
				t.Fatalf("decisions stream: %s: %v", msg.Subject(), err)
			}
			md, _ := msg.Metadata()
			e := decisionEvent{msgID: msg.Headers().Get(jetstream.MsgIDHeader), status: ev.GetStatus()}
			if md != nil {
				e.seq = md.Sequence.Stream
			}
			out = append(out, e)
		}
		if err := batch.Error(); err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			t.Fatalf("decisions stream: read %d of %d messages, then nothing", len(out), info.State.Msgs)
		}
	}
	return out
}

// natsAs connects to the embedded server at url as role, with the password the first
// start wrote under <data>/credentials; errs, when not nil, receives the asynchronous
// errors the server sends (permission violations arrive that way).
func natsAs(t *testing.T, url, data string, role bus.Role, errs chan<- error) *nats.Conn {
	t.Helper()
	pw, err := bus.ReadSecretFile(bus.PasswordFile(filepath.Join(data, "credentials"), role))
	if err != nil {
		t.Fatal(err)
	}
	opts := []nats.Option{nats.UserInfo(bus.UserName(role), pw), nats.CustomInboxPrefix(bus.InboxPrefix(role))}
	if errs != nil {
		opts = append(opts, nats.ErrorHandler(func(_ *nats.Conn, _ *nats.Subscription, err error) {
			select {
			case errs <- err:
			default:
			}
		}))
	}
	nc, err := nats.Connect(url, opts...)
	if err != nil {
		t.Fatalf("connect to NATS as %s: %v", role, err)
	}
	t.Cleanup(nc.Close)
	return nc
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
// kills it with SIGKILL and waits for it. extra flags follow the defaults (a flag given
// twice takes the later value).
func startBinary(t *testing.T, bin, data, addr string, extra ...string) (stop func()) {
	t.Helper()
	return launchBinary(t, bin, data, addr, extra...).kill
}

// binProc is a running gateway binary.
type binProc struct {
	cmd  *exec.Cmd
	done chan struct{} // closed when the process has exited and been waited for
}

// kill stops the process with SIGKILL and waits for it; it may be called again.
func (p *binProc) kill() {
	_ = p.cmd.Process.Kill()
	<-p.done
}

// terminate stops the process with SIGTERM (a graceful shutdown) and waits for it,
// failing the test if it does not stop or exits with an error.
func (p *binProc) terminate(t *testing.T) {
	t.Helper()
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.done:
		if code := p.cmd.ProcessState.ExitCode(); code != 0 {
			t.Errorf("the gateway exited with %d after SIGTERM", code)
		}
	case <-time.After(60 * time.Second):
		t.Error("the gateway did not stop within 60s of SIGTERM")
		p.kill()
	}
}

func launchBinary(t *testing.T, bin, data, addr string, extra ...string) *binProc {
	t.Helper()
	args := append([]string{"--data-dir", data, "--grpc-addr", addr, "--nats-listen", "", "--http-addr", "", "--log-level", "warn"}, extra...)
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &binProc{cmd: cmd, done: make(chan struct{})}
	go func() {
		_ = cmd.Wait()
		close(p.done)
	}()
	t.Cleanup(p.kill)
	deadline := time.Now().Add(60 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err == nil {
			c.Close()
			return p
		}
		select {
		case <-p.done:
			t.Fatalf("the gateway exited before listening on %s: %v", addr, cmd.ProcessState)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("the gateway did not listen on %s: %v", addr, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// buildBinary builds the gateway into a temporary directory.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "gateway")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("building the gateway: %v\n%s", err, out)
	}
	return bin
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
