package main

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"math"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/mem"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/durationpb"
	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/mosaicgw/mosaic/internal/app"
	"github.com/mosaicgw/mosaic/internal/authn"
	"github.com/mosaicgw/mosaic/internal/bus"
	"github.com/mosaicgw/mosaic/internal/bus/bustest"
	"github.com/mosaicgw/mosaic/internal/review"
	"github.com/mosaicgw/mosaic/internal/store"
	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
	"github.com/mosaicgw/mosaic/services/holder"
)

// TestAttacksOnTheBinary plays the attacks of issue 12's audit against the real binary
// (embedded NATS with its loopback listener, loopback gRPC, the console), started once
// with the defaults a newcomer gets (generated credentials, encryption at rest), and
// checks each is refused with the right gRPC code and a message a caller can act on, or
// detected:
//
//	go test -count=1 -run TestAttacksOnTheBinary -v ./gateway
func TestAttacksOnTheBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the gateway binary; not in -short")
	}
	bin := buildBinary(t)
	data := t.TempDir()
	addr, natsAddr, httpAddr := freeAddr(t), freeAddr(t), freeAddr(t)
	natsURL := "nats://" + natsAddr
	const modPassword = "correct horse battery staple"
	// A cheap PBKDF2 count keeps the lockout's dozen sign-ins quick; the guard is the
	// same whatever the count.
	hash, err := review.HashPassword(modPassword, 1000)
	if err != nil {
		t.Fatal(err)
	}
	mods := filepath.Join(t.TempDir(), "moderators.yaml")
	if err := os.WriteFile(mods, []byte("moderators:\n  - id: mod-ana\n    forums: [gp-chat]\n    password_hash: "+hash+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	flags := []string{"--nats-listen", natsAddr, "--http-addr", httpAddr, "--moderators", mods}
	proc := launchBinary(t, bin, data, addr, flags...)
	cc := dialGRPC(t, addr, platformToken(t, data))
	anon := dialGRPC(t, addr, "")
	gw := mosaicv1.NewGatewayServiceClient(cc)
	notices := mosaicv1.NewNoticeServiceClient(cc)
	ctx := t.Context()
	partitions := bus.DefaultTopology().Partitions

	// 1. A created_at no later stage can handle: refused at the edge; on the NATS intake
	// dead-lettered with the reason, while later posts of the same partition are decided.
	t.Run("out-of-range created_at", func(t *testing.T) {
		y10k := attackPost("att-y10k", "dr-poison", benign)
		y10k.CreatedAt = timestamppb.New(time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC))
		_, err := gw.SubmitPost(ctx, &mosaicv1.SubmitPostRequest{Post: y10k})
		wantCode(t, "SubmitPost with a year-10000 created_at", err, codes.InvalidArgument, "post.created_at", "between the years")

		js, err := jetstream.New(natsAs(t, natsURL, data, bus.RolePlatform, nil))
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := proto.Marshal(y10k)
		jsonPost, _ := json.Marshal(map[string]any{"postId": "att-y9999-json", "revision": 1, "authorId": "dr-poison", "forumId": "gp-chat",
			"audience": "AUDIENCE_MEMBERS", "createdAt": "9999-12-31T23:59:59Z", "body": benign})
		for _, m := range []*nats.Msg{
			{Subject: bus.SubjectIntake, Data: raw, Header: nats.Header{bus.HeaderContentType: []string{bus.ContentTypeProto}}},
			{Subject: bus.SubjectIntake, Data: jsonPost, Header: nats.Header{bus.HeaderContentType: []string{bus.ContentTypeJSON}}},
		} {
			if _, err := js.PublishMsg(ctx, m); err != nil {
				t.Fatal(err)
			}
		}
		// With the gateway's NATS credentials, straight onto the author's partition past
		// the intake's checks: the linker must not fail on it forever.
		straight := attackPost("att-y10k-partition", "dr-poison", benign)
		straight.CreatedAt = y10k.CreatedAt
		gwJS, err := jetstream.New(natsAs(t, natsURL, data, bus.RoleGateway, nil))
		if err != nil {
			t.Fatal(err)
		}
		part := bus.Partition(straight.AuthorId, partitions)
		sub := &mosaicv1.Submission{Post: straight, AcceptedAt: timestamppb.Now()}
		if err := bus.Publish(ctx, gwJS, bus.SubjectSubmitted(part), bus.MsgIDSubmitPrefix+straight.PostId+":1", sub); err != nil {
			t.Fatal(err)
		}
		// Posts published after the poison, by its author and by another author of its
		// partition, are decided.
		neighbour := samePartition("dr-poison", partitions)
		for _, p := range []*mosaicv1.Post{attackPost("att-after-poison", "dr-poison", benign), attackPost("att-neighbour", neighbour, benign)} {
			if _, err := gw.SubmitPost(ctx, &mosaicv1.SubmitPostRequest{Post: p}); err != nil {
				t.Fatalf("SubmitPost %s: %v", p.PostId, err)
			}
			if d := decidedAs(t, gw, p.PostId); d != mosaicv1.Decision_DECISION_RELEASED {
				t.Fatalf("%s after the poison: %s, want RELEASED", p.PostId, d)
			}
		}
		holderJS, err := jetstream.New(natsAs(t, natsURL, data, bus.RoleHolder, nil))
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range []string{"att-y10k", "att-y9999-json"} {
			d := waitDeadLetter(t, holderJS, id)
			if d.Stream != bus.StreamIntake || !strings.Contains(d.Reason, "created_at") {
				t.Fatalf("dead letter of %s: stream %s, reason %q; want the intake stream and a reason naming created_at", id, d.Stream, d.Reason)
			}
			if _, err := gw.GetPostStatus(ctx, &mosaicv1.GetPostStatusRequest{PostId: id}); status.Code(err) != codes.NotFound {
				t.Fatalf("refused intake post %s was accepted: %v", id, err)
			}
			t.Logf("%s dead-lettered: %s", id, d.Reason)
		}
		d := waitDeadLetter(t, holderJS, straight.PostId)
		if d.Stream != bus.StreamPosts || !strings.Contains(d.Reason, "created_at") {
			t.Fatalf("dead letter of %s: stream %s, reason %q; want the posts stream and a reason naming created_at", straight.PostId, d.Stream, d.Reason)
		}
		t.Logf("%s (published straight to partition %d) dead-lettered by the %s after %d attempt(s): %s", straight.PostId, part, d.Worker, d.Attempts, d.Reason)
		st := heldStatus(t, gw, straight.PostId)
		if !strings.Contains(st.Reason, "could not assess") {
			t.Fatalf("%s: HELD with reason %q, want one saying it could not be assessed", straight.PostId, st.Reason)
		}
		t.Logf("%s held: %s", straight.PostId, st.Reason)
	})

	// 2. NATS is not open: no anonymous client, no guessed password; the gateway's and
	// the linker's users cannot publish decisions, nor the gateway assessments.
	t.Run("NATS refuses anonymous and wrongly-permitted clients", func(t *testing.T) {
		if nc, err := nats.Connect(natsURL); err == nil {
			nc.Close()
			t.Fatal("an anonymous client connected")
		} else if !strings.Contains(strings.ToLower(err.Error()), "authorization") {
			t.Fatalf("anonymous client: %v, want an authorization violation", err)
		} else {
			t.Logf("anonymous client: %v", err)
		}
		if nc, err := nats.Connect(natsURL, nats.UserInfo(bus.UserName(bus.RoleHolder), "guessed")); err == nil {
			nc.Close()
			t.Fatal("a client with a guessed holder password connected")
		}
		victim := attackPost("att-forged", "dr-forged", nhs)
		decision, _ := proto.Marshal(&mosaicv1.DecisionEvent{Status: &mosaicv1.PostStatus{PostId: victim.PostId, Revision: 1,
			AuthorId: victim.AuthorId, ForumId: victim.ForumId, Decision: mosaicv1.Decision_DECISION_RELEASED, DecidedBy: "mosaic"}})
		assessment, _ := proto.Marshal(&mosaicv1.Assessment{Post: victim, DetectorVersion: app.DetectorVersion})
		for _, c := range []struct {
			role    bus.Role
			subject string
			data    []byte
		}{
			{bus.RoleGateway, bus.SubjectDecision(victim.ForumId), decision},
			{bus.RoleGateway, bus.SubjectAssessment(bus.Partition(victim.AuthorId, partitions)), assessment},
			{bus.RoleLinker, bus.SubjectDecision(victim.ForumId), decision},
		} {
			errs := make(chan error, 16)
			nc := natsAs(t, natsURL, data, c.role, errs)
			if err := nc.Publish(c.subject, c.data); err != nil {
				t.Fatal(err)
			}
			_ = nc.Flush()
			select {
			case err := <-errs:
				if !errors.Is(err, nats.ErrPermissionViolation) || !strings.Contains(err.Error(), c.subject) {
					t.Fatalf("%s publishing to %s: %v, want a permission violation", c.role, c.subject, err)
				}
				t.Logf("%s publishing to %s: %v", c.role, c.subject, err)
			case <-time.After(10 * time.Second):
				t.Fatalf("%s published to %s without a permission violation", c.role, c.subject)
			}
		}
		// The forged decision changed nothing: the post was never submitted.
		if _, err := gw.GetPostStatus(ctx, &mosaicv1.GetPostStatusRequest{PostId: victim.PostId}); status.Code(err) != codes.NotFound {
			t.Fatalf("a forged decision reached the view: %v", err)
		}
	})

	// The owner's held post, with a notice that quotes the NHS number.
	owned := attackPost("att-owned", "dr-a", nhs)
	if _, err := gw.SubmitPost(ctx, &mosaicv1.SubmitPostRequest{Post: owned}); err != nil {
		t.Fatal(err)
	}
	if d := decidedAs(t, gw, owned.PostId); d != mosaicv1.Decision_DECISION_HELD {
		t.Fatalf("%s: %s, want HELD", owned.PostId, d)
	}
	tokenB := posterToken(t, bin, data, "dr-b")

	// 3. Notices quote what was found: not without credentials, not with another
	// author's poster token.
	t.Run("notices need the author's credentials", func(t *testing.T) {
		anonNotices := mosaicv1.NewNoticeServiceClient(anon)
		_, err := anonNotices.ListNotices(ctx, &mosaicv1.ListNoticesRequest{AuthorId: "dr-a"})
		wantCode(t, "ListNotices without credentials", err, codes.Unauthenticated, "poster token")
		err = recvErr(anonNotices.WatchNotices(ctx, &mosaicv1.WatchNoticesRequest{AuthorId: "dr-a"}))
		wantCode(t, "WatchNotices without credentials", err, codes.Unauthenticated, "authorization")
		asB := grpc.PerRPCCredentials(authn.Bearer(tokenB))
		_, err = anonNotices.ListNotices(ctx, &mosaicv1.ListNoticesRequest{AuthorId: "dr-a"}, asB)
		wantCode(t, "ListNotices with dr-b's poster token", err, codes.PermissionDenied, `set author_id to "dr-b"`)
		err = recvErr(anonNotices.WatchNotices(ctx, &mosaicv1.WatchNoticesRequest{AuthorId: "dr-a"}, asB))
		wantCode(t, "WatchNotices with dr-b's poster token", err, codes.PermissionDenied, "dr-a")
		// Control: the token does open its own author's notices.
		if _, err := anonNotices.ListNotices(ctx, &mosaicv1.ListNoticesRequest{AuthorId: "dr-b"}, asB); err != nil {
			t.Fatalf("dr-b's own notices with dr-b's token: %v", err)
		}
	})

	// 4. Nobody acts on someone else's post.
	t.Run("acting on another author's post", func(t *testing.T) {
		second := attackPost(owned.PostId, "dr-b", benign)
		second.Revision = 2
		_, err := gw.SubmitPost(ctx, &mosaicv1.SubmitPostRequest{Post: second, Wait: durationpb.New(time.Second)})
		wantCode(t, "dr-b's revision 2 of dr-a's post", err, codes.PermissionDenied, "belongs to the author of its first revision")
		_, err = gw.WithdrawPost(ctx, &mosaicv1.WithdrawPostRequest{PostId: owned.PostId, AuthorId: "dr-b"})
		wantCode(t, "WithdrawPost by dr-b", err, codes.PermissionDenied, `"dr-b" may not withdraw`)
		_, err = gw.DeletePost(ctx, &mosaicv1.DeletePostRequest{PostId: owned.PostId, AuthorId: "dr-b"})
		wantCode(t, "DeletePost by dr-b", err, codes.PermissionDenied, `"dr-b" may not delete`)
		_, err = notices.AppealDecision(ctx, &mosaicv1.AppealDecisionRequest{AuthorId: "dr-b", PostId: owned.PostId, Statement: "it is mine"})
		wantCode(t, "AppealDecision for dr-b", err, codes.PermissionDenied, "first revision")
		_, err = notices.AppealDecision(ctx, &mosaicv1.AppealDecisionRequest{AuthorId: "dr-b", PostId: owned.PostId, Statement: "it is mine"},
			grpc.PerRPCCredentials(authn.Bearer(tokenB)))
		wantCode(t, "AppealDecision with dr-b's poster token", err, codes.PermissionDenied, "first revision")
		st, err := gw.GetPostStatus(ctx, &mosaicv1.GetPostStatusRequest{PostId: owned.PostId})
		if err != nil || st.Status.Revision != 1 || st.Status.AuthorId != "dr-a" || st.Status.Decision != mosaicv1.Decision_DECISION_HELD {
			t.Fatalf("after the refused actions: %v %v, want dr-a's revision 1 still HELD", st, err)
		}
	})

	// 8. Bad input is the caller's error, said plainly.
	t.Run("malformed protobuf", func(t *testing.T) {
		for _, junk := range [][]byte{{0xff, 0xff, 0xff}, []byte("\x0a\x05hello\x10")} {
			in, out := junk, []byte(nil)
			err := cc.Invoke(ctx, "/mosaic.v1.GatewayService/SubmitPost", &in, &out, grpc.ForceCodecV2(rawCodec{}))
			wantCode(t, fmt.Sprintf("SubmitPost with %q", junk), err, codes.InvalidArgument, "not a valid protobuf encoding")
		}
	})
	t.Run("blank body and out-of-range fields", func(t *testing.T) {
		_, err := gw.SubmitPost(ctx, &mosaicv1.SubmitPostRequest{Post: attackPost("att-blank", "dr-a", " \t\n\u00a0\u200b ")})
		wantCode(t, "a whitespace-only body", err, codes.InvalidArgument, "post.body", "no visible text")
		nanos := attackPost("att-nanos", "dr-a", benign)
		nanos.CreatedAt.Nanos = -5
		_, err = gw.SubmitPost(ctx, &mosaicv1.SubmitPostRequest{Post: nanos})
		wantCode(t, "negative nanos", err, codes.InvalidArgument, "post.created_at", "nanos -5")
		top := attackPost("att-maxrev", "dr-a", benign)
		top.Revision = math.MaxUint32
		_, err = gw.SubmitPost(ctx, &mosaicv1.SubmitPostRequest{Post: top})
		wantCode(t, "revision 2^32-1", err, codes.InvalidArgument, "post.revision", "highest revision")
	})
	t.Run("revision going backwards", func(t *testing.T) {
		r3 := attackPost("att-forward", "dr-a", benign)
		r3.Revision = 3
		if _, err := gw.SubmitPost(ctx, &mosaicv1.SubmitPostRequest{Post: r3}); err != nil {
			t.Fatal(err)
		}
		r2 := proto.Clone(r3).(*mosaicv1.Post)
		r2.Revision = 2
		_, err := gw.SubmitPost(ctx, &mosaicv1.SubmitPostRequest{Post: r2})
		wantCode(t, "revision 2 after revision 3", err, codes.InvalidArgument, "revision 4")
	})
	t.Run("resume token beyond the end", func(t *testing.T) {
		w, err := gw.WatchDecisions(ctx, &mosaicv1.WatchDecisionsRequest{ForumId: "gp-chat", ResumeToken: "18446744073709551615"})
		if err == nil {
			_, err = w.Recv()
		}
		wantCode(t, "WatchDecisions from the largest resume token", err, codes.OutOfRange, "beyond the last decision")
	})

	// 7. Console sign-in: N wrong passwords lock the id; then even the right one is
	// refused, with when to come back.
	t.Run("console sign-in lockout", func(t *testing.T) {
		signIn := func(secret string) *http.Response {
			t.Helper()
			client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
			resp, err := client.PostForm("http://"+httpAddr+"/login", url.Values{"moderator": {"mod-ana"}, "secret": {secret}})
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			return resp
		}
		if resp := signIn(modPassword); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("the right password first: %s, want 303 (signed in)", resp.Status)
		}
		const accountFailures = 10 // the console guard's default
		for i := range accountFailures {
			if resp := signIn(fmt.Sprintf("guess-%d", i)); resp.StatusCode != http.StatusUnauthorized {
				t.Fatalf("wrong password %d: %s, want 401", i+1, resp.Status)
			}
		}
		resp := signIn(modPassword)
		if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") == "" {
			t.Fatalf("the right password after %d wrong ones: %s (Retry-After %q), want 429 with Retry-After", accountFailures, resp.Status, resp.Header.Get("Retry-After"))
		}
		t.Logf("after %d wrong passwords the right one gets %s, Retry-After %ss", accountFailures, resp.Status, resp.Header.Get("Retry-After"))
	})

	// 5. Erasure: the deleted post's text is in no data file after a restart, while a
	// kept post's text is still readable with the key (so the check can fail).
	mark := func() string { return "Zq" + strings.ToLower(rand.Text()[:12]) + "mark" }
	goneMark, keptMark := mark(), mark()
	gone := attackPost("att-gone", "dr-e", "Bounced 2WW referral, reference "+goneMark+", NHS number 943 476 5919, seen Tuesday with weight loss.")
	kept := attackPost("att-kept", "dr-e", benign+" Ref "+keptMark+".")
	for _, p := range []*mosaicv1.Post{gone, kept} {
		if _, err := gw.SubmitPost(ctx, &mosaicv1.SubmitPostRequest{Post: p}); err != nil {
			t.Fatal(err)
		}
		decidedAs(t, gw, p.PostId)
	}
	del, err := gw.DeletePost(ctx, &mosaicv1.DeletePostRequest{PostId: gone.PostId, AuthorId: "dr-e", Reason: "removed at the author's request"})
	if err != nil || del.Status.Decision != mosaicv1.Decision_DECISION_DELETED {
		t.Fatalf("DeletePost %s: %v %v", gone.PostId, del, err)
	}
	linkerCaughtUp(t, natsAs(t, natsURL, data, bus.RoleLinker, nil), partitions)
	proc.terminate(t)
	proc = launchBinary(t, bin, data, addr, flags...)
	gw = mosaicv1.NewGatewayServiceClient(dialGRPC(t, addr, platformToken(t, data)))
	if d := decidedAs(t, gw, gone.PostId); d != mosaicv1.Decision_DECISION_DELETED {
		t.Fatalf("%s after the restart: %s, want DELETED", gone.PostId, d)
	}
	// After the restart the poisoned partition still flows and the poisoned post stays held.
	afterRestart := attackPost("att-after-restart", "dr-poison", benign)
	if _, err := gw.SubmitPost(ctx, &mosaicv1.SubmitPostRequest{Post: afterRestart}); err != nil {
		t.Fatal(err)
	}
	if d := decidedAs(t, gw, afterRestart.PostId); d != mosaicv1.Decision_DECISION_RELEASED {
		t.Fatalf("%s on the poisoned partition after the restart: %s, want RELEASED", afterRestart.PostId, d)
	}
	heldStatus(t, gw, "att-y10k-partition")
	proc.terminate(t)

	t.Run("no trace of a deleted post after a restart", func(t *testing.T) {
		for _, m := range []string{goneMark, keptMark} {
			if hits := filesContaining(t, data, m); len(hits) > 0 {
				t.Errorf("post text in plaintext on disk (encryption at rest is on): %v", hits)
			}
		}
		found := readableInStores(t, data, goneMark, keptMark)
		if len(found[keptMark]) == 0 {
			t.Fatal("control: the kept post's text is not in the stores read with the key; the check would prove nothing")
		}
		t.Logf("kept post's text readable with the keys in %v; deleted post's in %v", found[keptMark], found[goneMark])
		if len(found[goneMark]) > 0 {
			t.Errorf("the deleted post's text is still readable with the key in %v", found[goneMark])
		}
	})

	// 6. The audit history: it verifies as written; dropping its last entry, or editing
	// an entry and re-hashing the chain with the public hash function, is detected.
	t.Run("audit tampering detected", func(t *testing.T) {
		verify := func(dir string) (int, string) {
			out, err := exec.Command(bin, "audit", "verify", "--data-dir", dir).CombinedOutput()
			var exit *exec.ExitError
			if errors.As(err, &exit) {
				return exit.ExitCode(), string(out)
			}
			if err != nil {
				t.Fatal(err)
			}
			return 0, string(out)
		}
		if code, out := verify(data); code != 0 || !strings.HasPrefix(out, "OK: ") {
			t.Fatalf("untouched history: exit %d\n%s", code, out)
		}
		dropped, edited := copyDir(t, data), copyDir(t, data)
		tamper(t, dropped, func(txn *badger.Txn) error {
			// The last log record, its entry and the entry's index.
			it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte("l/"), Reverse: true, PrefetchValues: true})
			it.Seek(append([]byte("l/"), 0xff))
			if !it.Valid() {
				it.Close()
				return errors.New("no audit log records")
			}
			var rec struct {
				Kind, Post string
				Seq        uint64
			}
			err := it.Item().Value(func(v []byte) error { return json.Unmarshal(v, &rec) })
			last := it.Item().KeyCopy(nil)
			it.Close()
			if err != nil {
				return err
			}
			if rec.Kind != "entry" {
				return fmt.Errorf("the last log record is a %q, not an entry", rec.Kind)
			}
			for _, k := range [][]byte{last, binary.BigEndian.AppendUint64([]byte("h/"+rec.Post+"/"), rec.Seq),
				binary.BigEndian.AppendUint64([]byte("g/"+rec.Post+"/"), rec.Seq)} {
				if err := txn.Delete(k); err != nil {
					return err
				}
			}
			return nil
		})
		tamper(t, edited, func(txn *badger.Txn) error {
			prefix := []byte("h/" + owned.PostId + "/")
			it := txn.NewIterator(badger.IteratorOptions{Prefix: prefix, PrefetchValues: true})
			var entries []*mosaicv1.AuditEntry
			var keys [][]byte
			for it.Rewind(); it.Valid(); it.Next() {
				e := &mosaicv1.AuditEntry{}
				if err := it.Item().Value(func(v []byte) error { return proto.Unmarshal(v, e) }); err != nil {
					it.Close()
					return err
				}
				entries, keys = append(entries, e), append(keys, it.Item().KeyCopy(nil))
			}
			it.Close()
			if len(entries) == 0 {
				return fmt.Errorf("no audit entries for %s", owned.PostId)
			}
			entries[0].Reason = "The author says the patient consented."
			var prev []byte
			for i, e := range entries {
				e.PrevHash = prev
				e.Hash = holder.AuditHash(e)
				prev = e.Hash
				b, err := proto.Marshal(e)
				if err != nil {
					return err
				}
				if err := txn.Set(keys[i], b); err != nil {
					return err
				}
			}
			return nil
		})
		for _, c := range []struct{ name, dir, want string }{
			{"last entry dropped", dropped, "removed"},
			{"entry edited and re-hashed", edited, "changed after it was signed"},
		} {
			code, out := verify(c.dir)
			if code != exitError || !strings.HasPrefix(out, "TAMPERED: ") || !strings.Contains(out, c.want) {
				t.Errorf("%s: exit %d\n%s\nwant exit 1, TAMPERED, %q", c.name, code, out, c.want)
			}
			t.Logf("%s: %s", c.name, strings.SplitN(out, "\n", 2)[0])
		}
	})
}

const (
	benign = "What is everyone's threshold for repeating a ferritin after starting oral iron? NICE CKS is vague on timing."
	nhs    = "Can anyone advise on a 2WW referral that was bounced? NHS number 943 476 5919, seen on Tuesday with weight loss."
)

func attackPost(id, author, body string) *mosaicv1.Post {
	p := crashPost(id, author, body)
	p.Author.DisplayName = "Dr A Example"
	return p
}

// wantCode fails unless err is a gRPC status with code whose message says each of words.
func wantCode(t *testing.T, what string, err error, code codes.Code, words ...string) {
	t.Helper()
	st := status.Convert(err)
	if st.Code() != code {
		t.Fatalf("%s: got %v %q, want %v", what, st.Code(), st.Message(), code)
	}
	for _, w := range words {
		if !strings.Contains(st.Message(), w) {
			t.Fatalf("%s: %v %q does not say %q", what, st.Code(), st.Message(), w)
		}
	}
	t.Logf("%s: %v: %s", what, st.Code(), st.Message())
}

func recvErr[T any](s grpc.ServerStreamingClient[T], err error) error {
	if err != nil {
		return err
	}
	_, err = s.Recv()
	return err
}

// rawCodec sends bytes as they are, to put malformed protobuf on the wire.
type rawCodec struct{}

func (rawCodec) Name() string { return "proto" }
func (rawCodec) Marshal(v any) (mem.BufferSlice, error) {
	return mem.BufferSlice{mem.SliceBuffer(*v.(*[]byte))}, nil
}
func (rawCodec) Unmarshal(data mem.BufferSlice, v any) error {
	*v.(*[]byte) = data.Materialize()
	return nil
}

func platformToken(t *testing.T, data string) string {
	t.Helper()
	tok, err := bus.ReadSecretFile(filepath.Join(data, "credentials", authn.PlatformTokenFile))
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// dialGRPC dials addr with token as its bearer token, or with no credentials.
func dialGRPC(t *testing.T, addr, token string) *grpc.ClientConn {
	t.Helper()
	opts := []grpc.DialOption{grpc.WithTransportCredentials(insecure.NewCredentials())}
	if token != "" {
		opts = append(opts, grpc.WithPerRPCCredentials(authn.Bearer(token)))
	}
	cc, err := grpc.NewClient(addr, opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cc.Close() })
	return cc
}

// posterToken issues a poster token for author with the binary's `token issue`.
func posterToken(t *testing.T, bin, data, author string) string {
	t.Helper()
	out, err := exec.Command(bin, "token", "issue", "--author", author, "--ttl", "15m", "--data-dir", data).Output()
	if err != nil {
		t.Fatalf("gateway token issue: %v", err)
	}
	return strings.TrimSpace(string(out))
}

// decidedAs waits until the post is decided and returns the decision.
func decidedAs(t *testing.T, gw mosaicv1.GatewayServiceClient, id string) mosaicv1.Decision {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		st, err := gw.GetPostStatus(t.Context(), &mosaicv1.GetPostStatusRequest{PostId: id})
		if err == nil && st.Status.Decision != mosaicv1.Decision_DECISION_PENDING {
			return st.Status.Decision
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s not decided: %v %v", id, st, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// heldStatus waits until the post is decided and fails unless it is HELD.
func heldStatus(t *testing.T, gw mosaicv1.GatewayServiceClient, id string) *mosaicv1.PostStatus {
	t.Helper()
	if d := decidedAs(t, gw, id); d != mosaicv1.Decision_DECISION_HELD {
		t.Fatalf("%s: %s, want HELD", id, d)
	}
	st, err := gw.GetPostStatus(t.Context(), &mosaicv1.GetPostStatusRequest{PostId: id})
	if err != nil {
		t.Fatal(err)
	}
	return st.Status
}

// samePartition returns an author id other than author on author's partition.
func samePartition(author string, partitions int) string {
	for i := 0; ; i++ {
		if other := fmt.Sprintf("dr-neighbour-%d", i); bus.Partition(other, partitions) == bus.Partition(author, partitions) {
			return other
		}
	}
}

// waitDeadLetter waits for the dead letter whose message mentions postID.
func waitDeadLetter(t *testing.T, js jetstream.JetStream, postID string) bus.DeadLetter {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		cons, err := js.OrderedConsumer(t.Context(), bus.StreamDeadLetter, jetstream.OrderedConsumerConfig{})
		if err != nil {
			t.Fatal(err)
		}
		batch, err := cons.Fetch(1000, jetstream.FetchMaxWait(time.Second))
		if err != nil {
			t.Fatal(err)
		}
		for msg := range batch.Messages() {
			if d := bus.ReadDeadLetter(msg); bytes.Contains(d.Data, []byte(postID)) {
				return d
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("no dead letter for %s", postID)
		}
	}
}

// linkerCaughtUp waits until the linker's consumers have nothing pending.
func linkerCaughtUp(t *testing.T, nc *nats.Conn, partitions int) {
	t.Helper()
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(60 * time.Second)
	for {
		n := 0
		for p := range partitions {
			c, err := js.Consumer(t.Context(), bus.StreamPosts, bus.ConsumerLinker(p))
			if err != nil {
				t.Fatal(err)
			}
			info, err := c.Info(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			n += int(info.NumPending) + info.NumAckPending
		}
		if n == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the linker still has %d messages pending", n)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// filesContaining lists the files under dir whose bytes contain s.
func filesContaining(t *testing.T, dir, s string) []string {
	t.Helper()
	var hits []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err == nil && bytes.Contains(b, []byte(s)) {
			hits = append(hits, path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return hits
}

// readableInStores reads every key and value of the three Badger databases with the
// data key, and every message of every stream with the JetStream key, and reports
// where each of marks is found.
func readableInStores(t *testing.T, data string, marks ...string) map[string][]string {
	t.Helper()
	cfg := app.DefaultConfig()
	cfg.DataDir = data
	found := map[string][]string{}
	for _, name := range []string{"gateway", "linker", "holder"} {
		db, err := app.OpenStoreOffline(cfg, name, slog.New(slog.DiscardHandler))
		if err != nil {
			t.Fatal(err)
		}
		err = db.View(func(txn *badger.Txn) error {
			it := txn.NewIterator(badger.DefaultIteratorOptions)
			defer it.Close()
			for it.Rewind(); it.Valid(); it.Next() {
				v, err := it.Item().ValueCopy(nil)
				if err != nil {
					return err
				}
				kv := append(it.Item().KeyCopy(nil), v...)
				for _, m := range marks {
					if bytes.Contains(kv, []byte(m)) {
						found[m] = append(found[m], name)
					}
				}
			}
			return nil
		})
		_ = db.Close()
		if err != nil {
			t.Fatal(err)
		}
	}
	// The streams, read through an embedded server on the store with its key.
	key, err := bus.ReadSecretFile(filepath.Join(data, "credentials", app.JetStreamKeyFile))
	if err != nil {
		t.Fatal(err)
	}
	store := bustest.Open(t, filepath.Join(data, "nats"), key)
	defer store.Close()
	js := store.JS
	for _, sc := range bus.DefaultTopology().Streams() {
		s, err := js.Stream(t.Context(), sc.Name)
		if err != nil {
			t.Fatal(err)
		}
		info, err := s.Info(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		for seq := info.State.FirstSeq; seq <= info.State.LastSeq && info.State.Msgs > 0; seq++ {
			m, err := s.GetMsg(t.Context(), seq)
			if err != nil {
				continue // deleted
			}
			hdr, _ := json.Marshal(m.Header)
			for _, mk := range marks {
				if bytes.Contains(append(hdr, m.Data...), []byte(mk)) {
					found[mk] = append(found[mk], sc.Name)
				}
			}
		}
	}
	return found
}

// copyDir copies a stopped gateway's data directory.
func copyDir(t *testing.T, src string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "data")
	if out, err := exec.Command("cp", "-a", src, dst).CombinedOutput(); err != nil {
		t.Fatalf("cp: %v\n%s", err, out)
	}
	return dst
}

// tamper edits the holder database of a stopped gateway's data directory as someone
// with the database and its data key, but not the audit key, could.
func tamper(t *testing.T, data string, edit func(*badger.Txn) error) {
	t.Helper()
	key, err := bus.ReadSecretFile(filepath.Join(data, "credentials", app.DataKeyFile))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := base64.RawURLEncoding.DecodeString(key)
	if err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(store.Options{Dir: filepath.Join(data, "holder"), Logger: slog.New(slog.DiscardHandler), EncryptionKey: raw})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Update(edit); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
}
