package holder_test

import (
	"context"
	"encoding/binary"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/mosaicgw/mosaic/internal/bus"
	"github.com/mosaicgw/mosaic/internal/bus/bustest"
	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
	"github.com/mosaicgw/mosaic/services/holder"
	"github.com/mosaicgw/mosaic/services/holder/holdertest"
)

// auditRig is a holder on a Badger directory of its own, with its checkpoint file, so
// a test can tamper with the database as an attacker with access to it would.
type auditRig struct {
	h          *holder.Holder
	db         *badger.DB
	c          *clock
	checkpoint string
	s          *bustest.JetStream
	top        bus.Topology
}

func newAuditRig(t *testing.T, prepare func(db *badger.DB)) *auditRig {
	t.Helper()
	top, s, db := holderParts(t)
	if prepare != nil {
		prepare(db)
	}
	r := &auditRig{db: db, c: &clock{t: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)},
		checkpoint: filepath.Join(t.TempDir(), "audit-checkpoint.json"), s: s, top: top}
	var err error
	r.h, err = holder.New(holder.Options{DB: db, NC: s.NC, JS: s.JS, Topology: top, Decider: holder.SeverityDecider{},
		Logger: slog.New(slog.DiscardHandler), Now: r.c.Now, AuditKey: holdertest.AuditKey, AuditCheckpoint: r.checkpoint})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// history makes a few entries on two posts and checkpoints the log.
func (r *auditRig) history(t *testing.T) {
	t.Helper()
	holdCumulative(t, r.h, r.c)
	for _, n := range []string{"Author emailed.", "Consent form not on file.", "Asked the practice."} {
		r.c.Advance(time.Minute)
		if _, err := r.h.AddNote(t.Context(), ana, "p-held", n); err != nil {
			t.Fatal(err)
		}
	}
	if err := r.h.CheckpointAudit(t.Context()); err != nil {
		t.Fatal(err)
	}
}

func (r *auditRig) verify(t *testing.T) holder.AuditReport {
	t.Helper()
	cp, err := holder.ReadCheckpoint(r.checkpoint, holdertest.AuditKey)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := holder.VerifyAudit(r.db, holdertest.AuditKey, cp)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// Raw keys of the holder's schema (keys.go, auditlog.go), as an attacker reads them.
func entryKey(post string, seq uint64) []byte {
	return binary.BigEndian.AppendUint64([]byte("h/"+post+"/"), seq)
}
func recordKey(g uint64) []byte { return binary.BigEndian.AppendUint64([]byte("l/"), g) }
func indexKey(post string, seq uint64) []byte {
	return binary.BigEndian.AppendUint64([]byte("g/"+post+"/"), seq)
}

func readEntries(t *testing.T, db *badger.DB, post string) []*mosaicv1.AuditEntry {
	t.Helper()
	var out []*mosaicv1.AuditEntry
	err := db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte("h/" + post + "/"), PrefetchValues: true})
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			e := &mosaicv1.AuditEntry{}
			if err := it.Item().Value(func(v []byte) error { return proto.Unmarshal(v, e) }); err != nil {
				return err
			}
			out = append(out, e)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// rewrite stores entries as the post's whole history, re-numbered and re-hashed with
// the public hash function from the first one on: a chain that verifies on its own.
func rewrite(t *testing.T, db *badger.DB, post string, entries []*mosaicv1.AuditEntry, old int) {
	t.Helper()
	err := db.Update(func(txn *badger.Txn) error {
		for i := range old {
			if err := txn.Delete(entryKey(post, uint64(i+1))); err != nil {
				return err
			}
		}
		var prev []byte
		for i, e := range entries {
			e.Seq, e.PrevHash = uint64(i+1), prev
			e.Hash = holder.AuditHash(e)
			prev = e.Hash
			b, err := proto.Marshal(e)
			if err != nil {
				return err
			}
			if err := txn.Set(entryKey(post, e.Seq), b); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !holder.VerifyChain(readEntries(t, db, post)) {
		t.Fatal("the rewritten chain should verify on its own (the attack)")
	}
}

func wantTampered(t *testing.T, rep holder.AuditReport, mention string) {
	t.Helper()
	if rep.OK() {
		t.Fatalf("tampering not detected: %+v", rep)
	}
	if !strings.Contains(rep.Problem, mention) {
		t.Fatalf("problem %q does not mention %q", rep.Problem, mention)
	}
	t.Logf("detected: %s", rep.Problem)
}

func TestAuditUntouchedHistoryVerifies(t *testing.T) {
	r := newAuditRig(t, nil)
	r.history(t)
	rep := r.verify(t)
	// p-early: released; p-held: held and three notes.
	if !rep.OK() || rep.Signed != 5 || rep.Legacy != 0 || rep.Posts != 2 || rep.Records != 6 || rep.Checkpoint.G != 6 {
		t.Fatalf("report %+v", rep)
	}
	if _, ok, err := r.h.AuditHistory(ana, "p-held"); err != nil || !ok {
		t.Fatalf("AuditHistory: ok=%v err=%v", ok, err)
	}
	// The checkpoint file is readable by its owner only, and is signed.
	fi, err := os.Stat(r.checkpoint)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("checkpoint file: %v %v", fi, err)
	}
	if _, err := holder.ReadCheckpoint(r.checkpoint, []byte("another key of at least 32 bytes......")); err == nil {
		t.Fatal("a checkpoint verifies under another key")
	}
}

func TestAuditDetectsDroppedLastEntry(t *testing.T) {
	t.Run("entry only", func(t *testing.T) {
		r := newAuditRig(t, nil)
		r.history(t)
		if err := r.db.Update(func(txn *badger.Txn) error { return txn.Delete(entryKey("p-held", 4)) }); err != nil {
			t.Fatal(err)
		}
		if !holder.VerifyChain(readEntries(t, r.db, "p-held")) {
			t.Fatal("the shortened chain should verify on its own (the attack)")
		}
		wantTampered(t, r.verify(t), "post p-held entry 4 is missing")
		if _, ok, _ := r.h.AuditHistory(ana, "p-held"); ok {
			t.Fatal("AuditHistory still says the chain verifies")
		}
	})
	t.Run("entry with its log record and index", func(t *testing.T) {
		r := newAuditRig(t, nil)
		r.history(t)
		err := r.db.Update(func(txn *badger.Txn) error {
			for _, k := range [][]byte{entryKey("p-held", 4), recordKey(6), indexKey("p-held", 4)} {
				if err := txn.Delete(k); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		wantTampered(t, r.verify(t), "the last 1 entries were removed")
		// Without the checkpoint this drop could not be seen: the checkpoint is what
		// catches it.
		rep, err := holder.VerifyAudit(r.db, holdertest.AuditKey, nil)
		if err != nil || !rep.OK() {
			t.Fatalf("without a checkpoint: %+v %v", rep, err)
		}
	})
}

func TestAuditDetectsEditedAndRehashedEntry(t *testing.T) {
	r := newAuditRig(t, nil)
	r.history(t)
	entries := readEntries(t, r.db, "p-held")
	entries[1].Reason = "Author says the patient consented."
	rewrite(t, r.db, "p-held", entries, len(entries))
	wantTampered(t, r.verify(t), "post p-held entry 2 was changed after it was signed")
	if _, ok, _ := r.h.AuditHistory(ana, "p-held"); ok {
		t.Fatal("AuditHistory still says the chain verifies")
	}
}

func TestAuditDetectsReorderedEntries(t *testing.T) {
	r := newAuditRig(t, nil)
	r.history(t)
	entries := readEntries(t, r.db, "p-held")
	entries[1], entries[2] = entries[2], entries[1]
	rewrite(t, r.db, "p-held", entries, len(entries))
	wantTampered(t, r.verify(t), "post p-held entry 2 was changed after it was signed")

	// Reordering the log's records themselves breaks their signed links.
	r2 := newAuditRig(t, nil)
	r2.history(t)
	err := r2.db.Update(func(txn *badger.Txn) error {
		get := func(g uint64) []byte {
			item, err := txn.Get(recordKey(g))
			if err != nil {
				t.Fatal(err)
			}
			v, _ := item.ValueCopy(nil)
			return v
		}
		a, b := get(3), get(4)
		if err := txn.Set(recordKey(3), b); err != nil {
			return err
		}
		return txn.Set(recordKey(4), a)
	})
	if err != nil {
		t.Fatal(err)
	}
	wantTampered(t, r2.verify(t), "log record 3")
}

// An old data directory holds entries written before signing: they are sealed on the
// first start, reported as legacy, and still protected against later change.
func TestAuditLegacyEntriesSealedAtMigration(t *testing.T) {
	at := time.Date(2025, 11, 1, 10, 0, 0, 0, time.UTC)
	legacy := func(db *badger.DB) {
		var prev []byte
		err := db.Update(func(txn *badger.Txn) error {
			for i, action := range []string{holder.ActionHeld, holder.ActionClaimed} {
				e := &mosaicv1.AuditEntry{PostId: "p-old", Seq: uint64(i + 1), At: timestamppb.New(at.Add(time.Duration(i) * time.Minute)),
					Actor: "mosaic", Action: action, Revision: 1, PrevHash: prev}
				e.Hash = holder.AuditHash(e)
				prev = e.Hash
				b, _ := proto.Marshal(e)
				if err := txn.Set(entryKey("p-old", e.Seq), b); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	r := newAuditRig(t, legacy)
	r.history(t)
	rep := r.verify(t)
	if !rep.OK() || rep.Legacy != 2 || rep.Signed != 5 || rep.Posts != 3 {
		t.Fatalf("report %+v", rep)
	}
	// A legacy entry edited and re-hashed no longer matches the seal.
	entries := readEntries(t, r.db, "p-old")
	entries[0].Reason = "released after all"
	rewrite(t, r.db, "p-old", entries, len(entries))
	wantTampered(t, r.verify(t), "(legacy) entries changed since signing began")

	// An unsigned entry appended after signing began is not passed off as legacy.
	r2 := newAuditRig(t, nil)
	r2.history(t)
	entries = readEntries(t, r2.db, "p-held")
	forged := &mosaicv1.AuditEntry{PostId: "p-held", Seq: uint64(len(entries) + 1), At: timestamppb.New(r2.c.Now()),
		Actor: "mod-ana", Action: holder.ActionNote, Reason: "forged", Revision: 1, PrevHash: entries[len(entries)-1].Hash}
	rewrite(t, r2.db, "p-held", append(entries, forged), len(entries))
	wantTampered(t, r2.verify(t), "unsigned but follows a signed entry")
}

// syncBuffer is a log sink safe for the holder's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

// The checkpoint also goes to the MOSAIC_AUDIT stream, and a holder starting on a log
// cut back behind it says so.
func TestAuditCheckpointOnTheBus(t *testing.T) {
	r := newAuditRig(t, nil)
	r.history(t)
	st, err := r.s.JS.Stream(t.Context(), bus.StreamAudit)
	if err != nil {
		t.Fatal(err)
	}
	m, err := st.GetLastMsgForSubject(t.Context(), bus.SubjectAuditCheckpoint)
	if err != nil {
		t.Fatal(err)
	}
	file, err := os.ReadFile(r.checkpoint)
	if err != nil || string(file) != string(m.Data) {
		t.Fatalf("the stream's checkpoint differs from the file's:\n%s\n%s", m.Data, file)
	}

	// Cut the last entry with its record and index, and drop the file: the stream
	// still knows.
	err = r.db.Update(func(txn *badger.Txn) error {
		for _, k := range [][]byte{entryKey("p-held", 4), recordKey(6), indexKey("p-held", 4)} {
			if err := txn.Delete(k); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(r.checkpoint); err != nil {
		t.Fatal(err)
	}
	var logs syncBuffer
	h2, err := holder.New(holder.Options{DB: r.db, NC: r.s.NC, JS: r.s.JS, Topology: r.top, Decider: holder.SeverityDecider{},
		Logger: slog.New(slog.NewTextHandler(&logs, nil)), Now: r.c.Now, AuditKey: holdertest.AuditKey, AuditCheckpoint: r.checkpoint})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- h2.Run(ctx) }()
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(logs.String(), "the audit log ends before its checkpoint on the bus") && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	<-done
	if !strings.Contains(logs.String(), "the audit log ends before its checkpoint on the bus") {
		t.Fatalf("the cut was not reported:\n%s", logs.String())
	}
}
