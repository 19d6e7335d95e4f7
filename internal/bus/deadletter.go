package bus

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// Headers of a dead letter. The payload is the original message's bytes, unchanged;
// the original headers are kept too (Content-Type says how to decode it), except the
// message id, which is replaced by the dead letter's own.
const (
	HeaderDeadReason   = "Mosaic-Dead-Reason"   // why the worker gave up (one line)
	HeaderDeadStream   = "Mosaic-Dead-Stream"   // the stream the message came from
	HeaderDeadSubject  = "Mosaic-Dead-Subject"  // its subject there
	HeaderDeadSequence = "Mosaic-Dead-Sequence" // its stream sequence
	HeaderDeadWorker   = "Mosaic-Dead-Worker"   // the worker that gave up
	HeaderDeadAttempts = "Mosaic-Dead-Attempts" // failed attempts, deliveries included
	HeaderDeadAt       = "Mosaic-Dead-At"       // when, RFC 3339 UTC
)

// maxReasonBytes bounds the reason header: it is for a person, not a dump.
const maxReasonBytes = 1024

// DeadLetter is a message a worker gave up on, as read back from the dead-letter
// stream.
type DeadLetter struct {
	Reason   string
	Stream   string
	Subject  string
	Sequence uint64
	Worker   string
	Attempts int
	At       time.Time
	// Header is the original message's headers; Data its bytes.
	Header nats.Header
	Data   []byte
}

// PublishDeadLetter copies msg to the dead-letter stream with the reason. Its message
// id is derived from the original's stream and sequence, so giving up on the same
// message twice (a crash between this publish and the terminate) stores one letter.
func PublishDeadLetter(ctx context.Context, js jetstream.JetStream, msg jetstream.Msg, worker, reason string, attempts int) error {
	stream, seq := "UNKNOWN", uint64(0)
	if md, err := msg.Metadata(); err == nil {
		stream, seq = md.Stream, md.Sequence.Stream
	}
	h := nats.Header{}
	for k, vs := range msg.Headers() {
		if k == jetstream.MsgIDHeader {
			continue
		}
		h[k] = append([]string(nil), vs...)
	}
	h.Set(HeaderDeadReason, headerSafe(reason))
	h.Set(HeaderDeadStream, stream)
	h.Set(HeaderDeadSubject, msg.Subject())
	h.Set(HeaderDeadSequence, strconv.FormatUint(seq, 10))
	h.Set(HeaderDeadWorker, worker)
	h.Set(HeaderDeadAttempts, strconv.Itoa(attempts))
	h.Set(HeaderDeadAt, time.Now().UTC().Format(time.RFC3339Nano))
	dl := &nats.Msg{Subject: SubjectDeadLetter(stream), Data: msg.Data(), Header: h}
	id := fmt.Sprintf("dead:%s:%d", stream, seq)
	if seq == 0 {
		id = "" // no identity to de-duplicate on
	}
	var opts []jetstream.PublishOpt
	if id != "" {
		opts = append(opts, jetstream.WithMsgID(id))
	}
	if _, err := js.PublishMsg(ctx, dl, opts...); err != nil {
		return fmt.Errorf("bus: publish dead letter for %s/%d: %w", stream, seq, err)
	}
	return nil
}

// ReadDeadLetter reads a message of the dead-letter stream.
func ReadDeadLetter(msg jetstream.Msg) DeadLetter {
	h := msg.Headers()
	d := DeadLetter{
		Reason:  h.Get(HeaderDeadReason),
		Stream:  h.Get(HeaderDeadStream),
		Subject: h.Get(HeaderDeadSubject),
		Worker:  h.Get(HeaderDeadWorker),
		Header:  nats.Header{},
		Data:    msg.Data(),
	}
	d.Sequence, _ = strconv.ParseUint(h.Get(HeaderDeadSequence), 10, 64)
	d.Attempts, _ = strconv.Atoi(h.Get(HeaderDeadAttempts))
	d.At, _ = time.Parse(time.RFC3339Nano, h.Get(HeaderDeadAt))
	for k, vs := range h {
		if !strings.HasPrefix(k, "Mosaic-Dead-") {
			d.Header[k] = vs
		}
	}
	return d
}

// headerSafe makes s one line of valid UTF-8 of at most maxReasonBytes.
func headerSafe(s string) string {
	s = strings.ToValidUTF8(s, "?")
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return ' '
		}
		return r
	}, s)
	return truncate(s, maxReasonBytes)
}

// truncate cuts s to at most n bytes at a rune boundary.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := max(n-len("…"), 0)
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}
