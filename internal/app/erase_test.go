package app_test

import (
	"bytes"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/mosaicgw/mosaic/internal/app"
	"github.com/mosaicgw/mosaic/internal/bus"
	"github.com/mosaicgw/mosaic/internal/bus/bustest"
	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
)

// markedPosts submits posts carrying unique markers: two by dr-test (one held, for its
// NHS number, one released), two by dr-gone (one through gRPC, one through the NATS
// intake), and one invalid intake post by dr-gone, which is dead-lettered with its text.
// It returns the markers, each a string found nowhere else.
func markedPosts(t *testing.T, p *pipeline) map[string]string {
	t.Helper()
	m := map[string]string{}
	for _, id := range []string{"del-held", "del-rel", "gone-grpc", "gone-intake", "gone-dead"} {
		m[id] = "Zq" + strings.ToLower(rand.Text()[:12]) + "mark"
	}
	held := post("del-held", "Bounced 2WW referral, reference "+m["del-held"]+", NHS number 943 476 5919, seen Tuesday with weight loss.")
	if st := submit(t, p, held, 20*time.Second); st.Decision != mosaicv1.Decision_DECISION_HELD {
		t.Fatalf("del-held: %s, want HELD", st.Decision)
	}
	if st := submit(t, p, post("del-rel", benignBody+" Ref "+m["del-rel"]+"."), 20*time.Second); st.Decision != mosaicv1.Decision_DECISION_RELEASED {
		t.Fatalf("del-rel: %s, want RELEASED", st.Decision)
	}
	gone := post("gone-grpc", benignBody+" Ref "+m["gone-grpc"]+".")
	gone.AuthorId = "dr-gone"
	if st := submit(t, p, gone, 20*time.Second); st.Decision == mosaicv1.Decision_DECISION_PENDING {
		t.Fatal("gone-grpc: not decided")
	}
	js, err := jetstream.New(connectAs(t, p, bus.RolePlatform))
	if err != nil {
		t.Fatal(err)
	}
	deadBefore := streamMsgs(t, p, bus.StreamDeadLetter)
	for _, fields := range []map[string]any{
		// Written in the year 9999: invalid, so dead-lettered with its body.
		{"postId": "gone-dead", "revision": 1, "authorId": "dr-gone", "forumId": "gp-chat", "audience": "AUDIENCE_MEMBERS",
			"createdAt": "9999-12-31T23:59:59Z", "body": benignBody + " Ref " + m["gone-dead"] + "."},
		{"postId": "gone-intake", "revision": 1, "authorId": "dr-gone", "forumId": "gp-chat", "audience": "AUDIENCE_MEMBERS",
			"createdAt": "2026-03-02T09:00:00Z", "body": benignBody + " Ref " + m["gone-intake"] + "."},
	} {
		body, _ := json.Marshal(fields)
		msg := &nats.Msg{Subject: bus.SubjectIntake, Data: body, Header: nats.Header{bus.HeaderContentType: []string{bus.ContentTypeJSON}}}
		if _, err := js.PublishMsg(t.Context(), msg); err != nil {
			t.Fatal(err)
		}
	}
	decisionOf(t, p, "gone-intake")
	eventually(t, "the invalid intake post dead-lettered", func() (bool, string) {
		n := streamMsgs(t, p, bus.StreamDeadLetter)
		return n > deadBefore, fmt.Sprintf("%d dead letters", n)
	})
	return m
}

// dataFilesWith returns the files under dir whose bytes contain marker.
func dataFilesWith(t *testing.T, dir, marker string) []string {
	t.Helper()
	var hits []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if bytes.Contains(b, []byte(marker)) {
			hits = append(hits, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return hits
}

// readable returns the markers found in what the stopped process's stores hold when
// read with the data key: every key and value of the three Badger databases, and every
// message (headers and data) of every stream.
func readable(t *testing.T, dir string, markers map[string]string) map[string][]string {
	t.Helper()
	found := map[string][]string{}
	check := func(where string, b []byte) {
		for id, m := range markers {
			if bytes.Contains(b, []byte(m)) {
				found[id] = append(found[id], where)
			}
		}
	}
	cfg := testConfig(dir)
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
				check(name+" badger", append(it.Item().KeyCopy(nil), v...))
			}
			return nil
		})
		_ = db.Close()
		if err != nil {
			t.Fatal(err)
		}
	}
	key := ""
	if b, err := os.ReadFile(filepath.Join(dir, "credentials", app.JetStreamKeyFile)); err == nil {
		key = strings.TrimSpace(string(b))
	}
	store := bustest.Open(t, filepath.Join(dir, "nats"), key)
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
			check(sc.Name+" stream", append(hdr, m.Data...))
		}
	}
	return found
}

// After DeletePost and EraseAuthor, with encryption at rest on (the default), no data
// file holds a post's marker, and no store or stream holds it even when read with the
// key. Before, the markers are nowhere in the files either (encrypted) but are in the
// stores read with the key: the check can find what it looks for.
func TestDeleteAndEraseAuthorLeaveNoTrace(t *testing.T) {
	dir := t.TempDir()
	p := start(t, dir)
	markers := markedPosts(t, p)
	p.stop()

	for id, m := range markers {
		if hits := dataFilesWith(t, dir, m); len(hits) > 0 {
			t.Errorf("encryption at rest: %s's marker in plaintext in %v", id, hits)
		}
	}
	before := readable(t, dir, markers)
	for _, id := range []string{"del-held", "del-rel", "gone-grpc", "gone-intake", "gone-dead"} {
		if len(before[id]) == 0 {
			t.Fatalf("control: %s's marker is not in the stores read with the key; the check would prove nothing", id)
		}
	}

	p = start(t, dir)
	ctx := t.Context()
	for _, id := range []string{"del-held", "del-rel"} {
		del, err := p.gw.DeletePost(ctx, &mosaicv1.DeletePostRequest{PostId: id, Reason: "removed at the author's request"})
		if err != nil {
			t.Fatalf("DeletePost %s: %v", id, err)
		}
		if st := del.Status; st.Decision != mosaicv1.Decision_DECISION_DELETED || len(st.Findings) != 0 || st.Risk != nil {
			t.Fatalf("DeletePost %s: %v, want a DELETED tombstone", id, st)
		}
	}
	er, err := p.gw.EraseAuthor(ctx, &mosaicv1.EraseAuthorRequest{AuthorId: "dr-gone", Reason: "right to erasure"})
	if err != nil || er.ErasedPosts != 2 {
		t.Fatalf("EraseAuthor: %v %v, want 2 posts erased", er, err)
	}
	for _, id := range []string{"del-held", "del-rel", "gone-grpc", "gone-intake"} {
		eventually(t, id+" deleted in the view", func() (bool, string) {
			resp, err := p.gw.GetPostStatus(ctx, &mosaicv1.GetPostStatusRequest{PostId: id})
			if err != nil {
				return false, err.Error()
			}
			return resp.Status.Decision == mosaicv1.Decision_DECISION_DELETED, resp.Status.String()
		})
	}
	// A deleted post id is not reused.
	if _, err := p.gw.SubmitPost(ctx, &mosaicv1.SubmitPostRequest{Post: post("del-rel", benignBody)}); status.Code(err) != codes.FailedPrecondition {
		t.Fatalf("resubmitting a deleted post: %v, want FailedPrecondition", err)
	}
	// Erasing is the platform's: a bad author id is refused with the field named.
	if _, err := p.gw.EraseAuthor(ctx, &mosaicv1.EraseAuthorRequest{AuthorId: "../x"}); status.Code(err) != codes.InvalidArgument {
		t.Fatalf("EraseAuthor with a bad id: %v, want InvalidArgument", err)
	}
	// The linker has applied the deletion outcomes once the view has the tombstones
	// only if it kept up: wait until its consumers have nothing pending.
	linkerJS, err := jetstream.New(connectAs(t, p, bus.RoleLinker))
	if err != nil {
		t.Fatal(err)
	}
	eventually(t, "the linker caught up", func() (bool, string) {
		js := linkerJS
		n := 0
		for part := range 4 {
			c, err := js.Consumer(ctx, bus.StreamPosts, bus.ConsumerLinker(part))
			if err != nil {
				return false, err.Error()
			}
			info, err := c.Info(ctx)
			if err != nil {
				return false, err.Error()
			}
			n += int(info.NumPending) + info.NumAckPending
		}
		return n == 0, fmt.Sprintf("%d messages pending", n)
	})
	p.stop()

	for id, m := range markers {
		if hits := dataFilesWith(t, dir, m); len(hits) > 0 {
			t.Errorf("%s's marker in %v after erasure", id, hits)
		}
	}
	if after := readable(t, dir, markers); len(after) > 0 {
		t.Errorf("markers readable with the key after erasure: %v", after)
	}
}

// A post deleted while the linker has not assessed it yet (here no linker runs) is
// deleted too: the holder records the tombstone and erases the waiting submission, so
// the linker, started afterwards, never reads it; no later revision is accepted.
func TestDeleteBeforeAssessment(t *testing.T) {
	dir := t.TempDir()
	p := start(t, dir, app.TargetGateway, app.TargetHolder)
	ctx := t.Context()
	marker := "Zq" + strings.ToLower(rand.Text()[:12]) + "mark"
	po := post("early", benignBody+" Ref "+marker+".")
	if st := submit(t, p, po, 0); st.Decision != mosaicv1.Decision_DECISION_PENDING {
		t.Fatalf("early: %s, want PENDING (no linker runs)", st.Decision)
	}
	del, err := p.gw.DeletePost(ctx, &mosaicv1.DeletePostRequest{PostId: "early", AuthorId: "dr-test"})
	if err != nil || del.Status.Decision != mosaicv1.Decision_DECISION_DELETED {
		t.Fatalf("DeletePost before assessment: %v %v", del, err)
	}
	po.Revision = 2
	if _, err := p.gw.SubmitPost(ctx, &mosaicv1.SubmitPostRequest{Post: po}); status.Code(err) != codes.FailedPrecondition {
		t.Fatalf("revision 2 of a deleted post: %v, want FailedPrecondition", err)
	}
	p.stop()

	p = start(t, dir)
	if resp, err := p.gw.GetPostStatus(ctx, &mosaicv1.GetPostStatusRequest{PostId: "early"}); err != nil || resp.Status.Decision != mosaicv1.Decision_DECISION_DELETED {
		t.Fatalf("after restart with the linker: %v %v", resp, err)
	}
	p.stop()
	if hits := dataFilesWith(t, dir, marker); len(hits) > 0 {
		t.Errorf("marker in %v", hits)
	}
	if found := readable(t, dir, map[string]string{"early": marker}); len(found) > 0 {
		t.Errorf("marker readable with the key: %v", found)
	}
}
