package bus

import (
	"fmt"
	"strings"

	"github.com/nats-io/nats.go/jetstream"
)

// Message ids. Every Mosaic publisher sets a Nats-Msg-Id of a fixed shape per stream
// (JetStream de-duplicates on it). A consumer checks the shape before acting on a
// message: a client that may read a stream can make the server re-deliver or copy a
// message under another subject (through a reply subject, or a republish), and such a
// copy no longer carries the id its publisher gave it. The id is also tied to the
// message's content, so one post's message is never taken for another's.
const (
	// MsgIDSubmitPrefix begins the id of a submission ("submit:<post>:<revision>").
	MsgIDSubmitPrefix = "submit:"
	// MsgIDAssessmentPrefix begins the id of an assessment ("assessment:<post>:<revision>").
	MsgIDAssessmentPrefix = "assessment:"
	// MsgIDDecisionPrefix begins the id of a decision event
	// ("decision:<post>:<revision>:<decision>:<decided at, unix ns>").
	MsgIDDecisionPrefix = "decision:"
)

// AssessmentMsgID is the message id of the assessment of a post revision.
func AssessmentMsgID(post string, rev uint32) string {
	return fmt.Sprintf("%s%s:%d", MsgIDAssessmentPrefix, post, rev)
}

// DecisionMsgIDPrefix is how the message id of every decision event on a post revision
// begins.
func DecisionMsgIDPrefix(post string, rev uint32) string {
	return fmt.Sprintf("%s%s:%d:", MsgIDDecisionPrefix, post, rev)
}

// CheckMsgID reports, as ErrPoison, a message whose Nats-Msg-Id is not want (exact) or,
// when prefix is true, does not begin with want.
func CheckMsgID(msg jetstream.Msg, want string, prefix bool) error {
	got := ""
	if h := msg.Headers(); h != nil {
		got = h.Get(jetstream.MsgIDHeader)
	}
	if got == want || (prefix && strings.HasPrefix(got, want)) {
		return nil
	}
	shape := "the id " + want
	if prefix {
		shape = "an id beginning " + want
	}
	return fmt.Errorf("%w: message id %q on %s is not %s: not as its publisher sent it (copied or forged)", ErrPoison, got, msg.Subject(), shape)
}
