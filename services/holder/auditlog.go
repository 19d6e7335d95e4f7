package holder

// The signed audit log.
//
// Each post keeps its hash chain (audit.go), which anyone can recompute: on its own it
// shows accidental damage, not a rewrite. Three things make a rewrite detectable:
//
//  1. Every appended entry is also recorded in one holder-wide log, l/<g:8>, whose
//     records are numbered 1, 2, 3... in commit order and chained (each record's link
//     covers the previous record's link). Each record's link is signed with
//     HMAC-SHA256 under the audit key, which lives outside the database
//     (<data-dir>/credentials/audit-hmac.key, or --audit-key-file). Editing an entry and
//     re-hashing it no longer matches its signed record; reordering entries breaks both
//     the per-post chain and the records' entry hashes; forging a record needs the key.
//  2. The log's head (its last number and link, signed) is checkpointed outside Badger
//     after every append batch and periodically, to two places: a file beside the key
//     (<data-dir>/credentials/audit-checkpoint.json, written atomically), and the
//     JetStream stream MOSAIC_AUDIT (subject mosaic.audit.checkpoint, which only the
//     holder may publish or read). Dropping the last entries, with or without their log
//     records, leaves a log that ends before the checkpoint, or whose record at the
//     checkpoint's number has another link. The holder compares its log with the
//     stream's last checkpoint when it starts and logs an error on a mismatch.
//  3. The first record of every log is a seal: when a holder first starts with signing
//     (a new data directory, or one written by a version without it), it records how
//     many entries existed then and a digest of them. Those legacy entries are reported
//     as unsigned, and any change to them since the seal (or an entry added without a
//     signed record) no longer matches the seal's digest.
//
// Why both: `gateway audit verify` must work offline from the data directory, with no
// NATS server running, so it reads the file, which sits in the directory that already
// holds the secrets an attacker of the database alone does not have (the key beside it
// makes a forged checkpoint impossible; what remains is rolling the file back to an
// older copy, which needs write access to the credentials directory too). The stream is
// the witness off the holder's disk: with an external NATS cluster it is on other
// machines, and keeps the last AuditCheckpointHistory checkpoints, so rolling back both
// takes more than the holder's host. Its last message's payload is the same JSON as the
// file: `gateway audit verify --checkpoint` accepts a copy of it.
//
// Commits that append audit entries are serialised (auditLog.mu), so the log's numbers
// follow commit order with no gaps; other writes are not affected.

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/dgraph-io/badger/v4"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/mosaicgw/mosaic/internal/bus"
	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
)

// Kinds of audit log records.
const (
	recordSeal  = "seal"
	recordEntry = "entry"
)

// Key schema of the signed log (see keys.go for the rest):
//
//	l/<g:8>            logRecord (JSON), numbered from 1 in commit order
//	g/<post>/<seq:8>   the number g of the log record of audit entry (post, seq)
const (
	prefixLog      = "l/"
	prefixLogIndex = "g/"
)

func logKey(g uint64) []byte { return binary.BigEndian.AppendUint64([]byte(prefixLog), g) }

func logIndexKey(post string, seq uint64) []byte {
	return binary.BigEndian.AppendUint64([]byte(prefixLogIndex+post+"/"), seq)
}

// AuditKeySize is the size of a generated audit key; a given key must be at least this.
const AuditKeySize = 32

// logRecord is one record of the signed log.
type logRecord struct {
	G    uint64 `json:"g"`
	Kind string `json:"kind"`
	// Entry records: the audit entry and its hash.
	Post      string `json:"post,omitempty"`
	Seq       uint64 `json:"seq,omitempty"`
	EntryHash []byte `json:"entry_hash,omitempty"`
	// Seal records: the entries that existed unsigned when signing began.
	LegacyEntries uint64 `json:"legacy_entries,omitempty"`
	LegacyDigest  []byte `json:"legacy_digest,omitempty"`
	At            int64  `json:"at"` // unix nanoseconds
	Prev          []byte `json:"prev,omitempty"`
	Link          []byte `json:"link"`
	MAC           []byte `json:"mac"`
}

// linkOf is SHA-256 over a fixed, length-prefixed encoding of the record's fields and
// the previous record's link ("mosaic-audit-log-v1", then g, kind, post, seq,
// entry_hash, legacy_entries, legacy_digest, at, prev; numbers 8 bytes big-endian).
func (r *logRecord) linkOf() []byte {
	h := sha256.New()
	h.Write([]byte("mosaic-audit-log-v1"))
	field := func(b []byte) {
		var n [4]byte
		binary.BigEndian.PutUint32(n[:], uint32(len(b)))
		h.Write(n[:])
		h.Write(b)
	}
	u64 := func(v uint64) []byte { return binary.BigEndian.AppendUint64(nil, v) }
	field(u64(r.G))
	field([]byte(r.Kind))
	field([]byte(r.Post))
	field(u64(r.Seq))
	field(r.EntryHash)
	field(u64(r.LegacyEntries))
	field(r.LegacyDigest)
	field(u64(uint64(r.At)))
	field(r.Prev)
	return h.Sum(nil)
}

func mac(key []byte, domain string, parts ...[]byte) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(domain))
	for _, p := range parts {
		var n [4]byte
		binary.BigEndian.PutUint32(n[:], uint32(len(p)))
		m.Write(n[:])
		m.Write(p)
	}
	return m.Sum(nil)
}

func (r *logRecord) sign(key []byte) {
	r.Link = r.linkOf()
	r.MAC = mac(key, "mosaic-audit-record-v1", r.Link)
}

// check reports what is wrong with the record on its own, given the previous link.
func (r *logRecord) check(key []byte, g uint64, prev []byte) error {
	switch {
	case r.G != g:
		return fmt.Errorf("log record %d is numbered %d (records removed, inserted or moved)", g, r.G)
	case !bytes.Equal(r.Prev, prev):
		return fmt.Errorf("log record %d does not follow record %d (records removed, inserted or reordered)", g, g-1)
	case !bytes.Equal(r.linkOf(), r.Link):
		return fmt.Errorf("log record %d was edited: its link does not recompute", g)
	case !hmac.Equal(mac(key, "mosaic-audit-record-v1", r.Link), r.MAC):
		return fmt.Errorf("log record %d is not signed with this audit key (forged, or the wrong key)", g)
	}
	return nil
}

// Checkpoint is the signed head of the audit log, kept outside the database.
type Checkpoint struct {
	G    uint64    `json:"g"`
	Link []byte    `json:"link"`
	At   time.Time `json:"at"`
	MAC  []byte    `json:"mac"`
}

func (c *Checkpoint) macOf(key []byte) []byte {
	return mac(key, "mosaic-audit-checkpoint-v1", binary.BigEndian.AppendUint64(nil, c.G), c.Link,
		binary.BigEndian.AppendUint64(nil, uint64(c.At.UnixNano())))
}

// ReadCheckpoint reads a checkpoint file and checks its signature. A missing file is
// fs.ErrNotExist.
func ReadCheckpoint(path string, key []byte) (*Checkpoint, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	c := &Checkpoint{}
	if err := json.Unmarshal(b, c); err != nil {
		return nil, fmt.Errorf("audit checkpoint %s is damaged: %w", path, err)
	}
	if !hmac.Equal(c.macOf(key), c.MAC) {
		return nil, fmt.Errorf("audit checkpoint %s is not signed with this audit key (forged, or the wrong key)", path)
	}
	return c, nil
}

// writeCheckpoint writes c to path atomically (temporary file, fsync, rename).
func writeCheckpoint(path string, c *Checkpoint) error {
	b, err := json.Marshal(c)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-"+filepath.Base(path)+"-*") // mode 0600
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// LoadOrCreateAuditKey reads the audit key from path (base64, as written here, or raw
// bytes of at least AuditKeySize), creating a random one, mode 0600, when the file does
// not exist. The key is never logged.
func LoadOrCreateAuditKey(path string, logger *slog.Logger) ([]byte, error) {
	if logger == nil {
		logger = slog.Default()
	}
	key, err := ReadAuditKey(path)
	if err == nil || !errors.Is(err, fs.ErrNotExist) {
		return key, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("holder: audit key directory: %w", err)
	}
	raw := make([]byte, AuditKeySize)
	_, _ = rand.Read(raw) // crypto/rand.Read never fails (Go 1.24+)

	// CreateTemp makes the file mode 0600.
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-"+filepath.Base(path)+"-*")
	if err != nil {
		return nil, fmt.Errorf("holder: write audit key: %w", err)
	}
	defer os.Remove(tmp.Name())
	_, werr := tmp.WriteString(base64.StdEncoding.EncodeToString(raw) + "\n")
	if err := errors.Join(werr, tmp.Sync(), tmp.Close()); err != nil {
		return nil, fmt.Errorf("holder: write audit key: %w", err)
	}
	// A link fails if another process created the key meanwhile: then use theirs.
	if err := os.Link(tmp.Name(), path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return ReadAuditKey(path)
		}
		return nil, fmt.Errorf("holder: write audit key: %w", err)
	}
	logger.Info("generated the audit signing key", "file", path)
	return raw, nil
}

// ReadAuditKey reads an existing audit key file.
func ReadAuditKey(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	s := strings.TrimSpace(string(b))
	if key, err := base64.StdEncoding.DecodeString(s); err == nil && len(key) >= AuditKeySize {
		return key, nil
	}
	if len(b) >= AuditKeySize {
		return b, nil
	}
	return nil, fmt.Errorf("audit key %s holds fewer than %d bytes", path, AuditKeySize)
}

// auditLog is the holder's signed log: the head of the last commit and the key.
type auditLog struct {
	key  []byte
	path string // checkpoint file; empty: no checkpoint
	log  *slog.Logger

	// mu serialises the commits that append to the log; head is the last committed record.
	mu   sync.Mutex
	head logHead
	// kick asks the checkpointer to write the new head.
	kick chan struct{}

	cpMu      sync.Mutex
	written   uint64 // the number of the last checkpoint written to the file
	published uint64 // the number of the last checkpoint published to StreamAudit
}

type logHead struct {
	g    uint64
	link []byte
}

// openAuditLog reads the log's head, writing the seal when the log is empty.
func openAuditLog(db *badger.DB, key []byte, path string, now time.Time, logger *slog.Logger) (*auditLog, error) {
	if len(key) < AuditKeySize {
		return nil, fmt.Errorf("holder: an audit key of at least %d bytes is required (AuditKey)", AuditKeySize)
	}
	l := &auditLog{key: key, path: path, log: logger, kick: make(chan struct{}, 1)}
	last, err := lastLogRecord(db)
	if err != nil {
		return nil, err
	}
	if last != nil {
		l.head = logHead{g: last.G, link: last.Link}
		if path != "" {
			// A checkpoint that is ahead of the log means entries were dropped while
			// the holder was stopped: say so now, and do not overwrite the evidence.
			cp, err := ReadCheckpoint(path, key)
			switch {
			case err == nil && cp.G > last.G:
				logger.Error("audit log ends before its checkpoint: entries were removed; run gateway audit verify", "log_end", last.G, "checkpoint", cp.G)
				l.written = cp.G
			case err == nil:
				l.written = cp.G
			case !errors.Is(err, fs.ErrNotExist):
				logger.Error("audit checkpoint unreadable; run gateway audit verify", "err", err)
			}
		}
		return l, nil
	}
	// First start with signing: seal what is there.
	var n uint64
	d := newLegacyDigest()
	err = db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte(prefixAudit), PrefetchValues: true})
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			e := &mosaicv1.AuditEntry{}
			if err := it.Item().Value(func(v []byte) error { return unmarshal(v, e) }); err != nil {
				return err
			}
			d.add(e)
			n++
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("holder: seal audit log: %w", err)
	}
	seal := &logRecord{G: 1, Kind: recordSeal, LegacyEntries: n, LegacyDigest: d.sum(), At: now.UnixNano()}
	seal.sign(key)
	if err := db.Update(func(txn *badger.Txn) error { return putJSON(txn, logKey(1), seal) }); err != nil {
		return nil, fmt.Errorf("holder: seal audit log: %w", err)
	}
	if n > 0 {
		logger.Warn("audit signing begins: earlier entries are sealed as they are now and reported as unsigned (legacy)", "legacy_entries", n)
	}
	l.head = logHead{g: 1, link: seal.Link}
	return l, nil
}

// legacyDigest is SHA-256 over the unsigned entries in key order: each entry's post,
// seq and hash, length-prefixed.
type legacyDigest struct{ h []byte }

func newLegacyDigest() *legacyDigest { return &legacyDigest{h: []byte("mosaic-audit-legacy-v1")} }

func (d *legacyDigest) add(e *mosaicv1.AuditEntry) {
	s := sha256.New()
	s.Write(d.h)
	for _, b := range [][]byte{[]byte(e.GetPostId()), binary.BigEndian.AppendUint64(nil, e.GetSeq()), e.GetHash()} {
		var n [4]byte
		binary.BigEndian.PutUint32(n[:], uint32(len(b)))
		s.Write(n[:])
		s.Write(b)
	}
	d.h = s.Sum(nil)
}

func (d *legacyDigest) sum() []byte { return bytes.Clone(d.h) }

func lastLogRecord(db *badger.DB) (*logRecord, error) {
	var last *logRecord
	err := db.View(func(txn *badger.Txn) error {
		prefix := []byte(prefixLog)
		it := txn.NewIterator(badger.IteratorOptions{Prefix: prefix, Reverse: true})
		defer it.Close()
		it.Seek(append(bytes.Clone(prefix), 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff))
		if !it.ValidForPrefix(prefix) {
			return nil
		}
		last = &logRecord{}
		return it.Item().Value(func(v []byte) error { return json.Unmarshal(v, last) })
	})
	if err != nil {
		return nil, fmt.Errorf("holder: read audit log head: %w", err)
	}
	return last, nil
}

func putJSON(txn *badger.Txn, key []byte, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return txn.Set(key, b)
}

// auditTxn appends audit entries inside one serialised commit.
type auditTxn struct {
	txn  *badger.Txn
	key  []byte
	head logHead
}

// add appends an entry to its post's chain and a signed record of it to the log.
func (a *auditTxn) add(r auditRecord) (*mosaicv1.AuditEntry, error) {
	e, err := appendAudit(a.txn, r)
	if err != nil {
		return nil, err
	}
	rec := &logRecord{G: a.head.g + 1, Kind: recordEntry, Post: e.GetPostId(), Seq: e.GetSeq(), EntryHash: e.GetHash(),
		At: r.at.UnixNano(), Prev: a.head.link}
	rec.sign(a.key)
	if err := putJSON(a.txn, logKey(rec.G), rec); err != nil {
		return nil, err
	}
	if err := a.txn.Set(logIndexKey(e.GetPostId(), e.GetSeq()), binary.BigEndian.AppendUint64(nil, rec.G)); err != nil {
		return nil, err
	}
	a.head = logHead{g: rec.G, link: rec.Link}
	return e, nil
}

// auditUpdate runs fn in a read-write transaction whose audit entries are signed and
// logged, committing it while no other audited commit runs so the log's numbers follow
// commit order. After the commit the checkpointer is asked to record the new head.
func (h *Holder) auditUpdate(fn func(txn *badger.Txn, at *auditTxn) error) error {
	l := h.audit
	l.mu.Lock()
	defer l.mu.Unlock()
	txn := h.db.NewTransaction(true)
	defer txn.Discard()
	at := &auditTxn{txn: txn, key: l.key, head: l.head}
	if err := fn(txn, at); err != nil {
		return err
	}
	if err := txn.Commit(); err != nil {
		return err
	}
	if at.head.g != l.head.g {
		l.head = at.head
		select {
		case l.kick <- struct{}{}:
		default:
		}
	}
	return nil
}

// CheckpointAudit writes the audit log's current head to the checkpoint file and
// publishes it to StreamAudit, each unless it is already there. The holder does this
// after each append (in the background) and every CheckpointEvery; tests and shutdown
// call it directly.
func (h *Holder) CheckpointAudit(ctx context.Context) error {
	l := h.audit
	l.mu.Lock()
	head := l.head
	l.mu.Unlock()
	l.cpMu.Lock()
	defer l.cpMu.Unlock()
	if head.g <= l.written && head.g <= l.published {
		return nil
	}
	// The entries a checkpoint vouches for must be on disk before it is: without
	// --sync-writes Badger's last commits could otherwise be lost in an OS crash that
	// the checkpoint survives, and the next verification would report them removed.
	if err := h.db.Sync(); err != nil {
		return fmt.Errorf("holder: sync before the audit checkpoint: %w", err)
	}
	c := &Checkpoint{G: head.g, Link: head.link, At: h.now().UTC()}
	c.MAC = c.macOf(l.key)
	var errs []error
	if l.path != "" && head.g > l.written {
		if err := writeCheckpoint(l.path, c); err != nil {
			errs = append(errs, fmt.Errorf("holder: write audit checkpoint: %w", err))
		} else {
			l.written = head.g
		}
	}
	if head.g > l.published {
		b, err := json.Marshal(c)
		if err == nil {
			msg := &nats.Msg{Subject: bus.SubjectAuditCheckpoint, Data: b, Header: nats.Header{}}
			msg.Header.Set(bus.HeaderContentType, bus.ContentTypeJSON)
			_, err = h.js.PublishMsg(ctx, msg, jetstream.WithMsgID(fmt.Sprintf("audit-checkpoint:%d", c.G)))
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("holder: publish audit checkpoint: %w", err))
		} else {
			l.published = head.g
		}
	}
	return errors.Join(errs...)
}

// checkBusCheckpoint compares the log with the last checkpoint on StreamAudit: a log
// that ends before it, or differs at its record, was cut back or rewritten while the
// holder was stopped. The holder still starts (moderation must go on; the evidence is
// kept: nothing here rewrites the stream), and says so at error level.
func (h *Holder) checkBusCheckpoint(ctx context.Context) error {
	s, err := h.js.Stream(ctx, bus.StreamAudit)
	if err != nil {
		return fmt.Errorf("holder: audit stream: %w", err)
	}
	m, err := s.GetLastMsgForSubject(ctx, bus.SubjectAuditCheckpoint)
	if errors.Is(err, jetstream.ErrMsgNotFound) {
		return nil // no checkpoint yet
	}
	if err != nil {
		return fmt.Errorf("holder: read the audit checkpoint stream: %w", err)
	}
	c := &Checkpoint{}
	if err := json.Unmarshal(m.Data, c); err != nil || !hmac.Equal(c.macOf(h.audit.key), c.MAC) {
		h.log.Error("the last audit checkpoint on the bus does not verify under the audit key: forged, or the key was changed; run gateway audit verify", "stream", bus.StreamAudit)
		return nil
	}
	h.audit.mu.Lock()
	head := h.audit.head
	h.audit.mu.Unlock()
	h.audit.cpMu.Lock()
	h.audit.published = max(h.audit.published, c.G)
	h.audit.cpMu.Unlock()
	if c.G > head.g {
		h.log.Error("the audit log ends before its checkpoint on the bus: entries were removed; run gateway audit verify",
			"log_end", head.g, "checkpoint", c.G, "checkpoint_at", c.At)
		return nil
	}
	var rec logRecord
	err = h.db.View(func(txn *badger.Txn) error { return getJSON(txn, logKey(c.G), &rec) })
	if err != nil || !bytes.Equal(rec.Link, c.Link) {
		h.log.Error("the audit log differs from its checkpoint on the bus: it was rewritten; run gateway audit verify",
			"checkpoint", c.G, "checkpoint_at", c.At)
	}
	return nil
}

// runCheckpoints writes checkpoints after appends (coalescing bursts: each write
// records the latest head, and the next waits Options.CheckpointGap) and periodically, and a last one when done is closed (after
// the holder's workers stopped), with ctx's values but not its cancellation.
func (h *Holder) runCheckpoints(ctx context.Context, done <-chan struct{}, every time.Duration) {
	ctx = context.WithoutCancel(ctx)
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-done:
			// The run's context has ended: the last checkpoint gets a moment of its own.
			ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
			if err := h.CheckpointAudit(ctx); err != nil {
				h.log.Error("audit checkpoint", "err", err)
			}
			cancel()
			return
		case <-h.audit.kick:
		case <-t.C:
		}
		cctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		if err := h.CheckpointAudit(cctx); err != nil {
			h.log.Error("audit checkpoint", "err", err)
		}
		cancel()
		// Appends during the gap are checkpointed together after it (the kick
		// channel holds one).
		select {
		case <-done:
			// (From ctx, not from the checkpoint's context just cancelled above.)
			ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
			if err := h.CheckpointAudit(ctx); err != nil {
				h.log.Error("audit checkpoint", "err", err)
			}
			cancel()
			return
		case <-time.After(h.opts.CheckpointGap):
		}
	}
}
