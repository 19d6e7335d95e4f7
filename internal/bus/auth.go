package bus

import (
	"slices"
	"time"

	"github.com/nats-io/nats-server/v2/server"
)

// Role is a NATS identity. Each Mosaic component connects as its own role and may
// publish only the subjects its work needs, so a stolen or compromised credential of
// one component cannot speak for another: the gateway cannot publish assessments or
// decisions, the linker cannot publish decisions, and only the holder publishes
// decisions, outcomes and notices. Stream writes happen by publishing to a stream's
// subjects, so these publish allow lists are what stop a forged decision or assessment
// from landing in a stream.
type Role string

// Roles.
const (
	// RoleGateway validates posts (gRPC and the NATS intake) and follows decisions.
	RoleGateway Role = "gateway"
	// RoleLinker extracts, links and assesses posts.
	RoleLinker Role = "linker"
	// RoleHolder decides, and announces outcomes, decisions and notices.
	RoleHolder Role = "holder"
	// RolePlatform is the forum platform (and an operator's nats CLI): it publishes
	// posts to the intake subject and reads decisions and notices.
	RolePlatform Role = "platform"
)

// Roles lists every role, in a fixed order.
func Roles() []Role { return []Role{RoleGateway, RoleLinker, RoleHolder, RolePlatform} }

// InboxPrefix is the reply-subject prefix of a role's connections (nats.CustomInboxPrefix).
// Each Mosaic component has its own, so one component may subscribe to its own replies
// (JetStream API answers, pulled messages, command replies) and not to another's. The
// platform keeps the default _INBOX, which the nats CLI and most clients use, and is
// denied the components' prefixes.
func InboxPrefix(r Role) string {
	if r == RolePlatform {
		return "_INBOX"
	}
	return "_INBOX." + string(r)
}

// Grant is what one role may do on the bus: the subjects it may publish to and
// subscribe to, and whether it may answer requests sent to it (reply to a request's
// inbox without a publish permission on other clients' inboxes).
type Grant struct {
	Publish        []string
	Subscribe      []string
	SubscribeDeny  []string
	AllowResponses bool
}

// streamNames lists every Mosaic stream, in the topology's order. A stream added to
// Topology.Streams is thereby one every role may look up and create (and the holder
// update); who may publish to it and read it is granted in Permissions.
func streamNames() []string {
	var out []string
	for _, c := range DefaultTopology().Streams() {
		out = append(out, c.Name)
	}
	return out
}

// jsStreams lets a role look streams up and create any that is missing (every process
// ensures the topology at start-up, whichever starts first), but not reconfigure or
// delete one: a stream's configuration (its subjects, sources, republish rules) decides
// what lands in it, so changing an existing stream is the holder's alone (update).
func jsStreams(update bool) []string {
	out := []string{"$JS.API.INFO"}
	for _, s := range streamNames() {
		out = append(out, "$JS.API.STREAM.INFO."+s, "$JS.API.STREAM.CREATE."+s)
		if update {
			out = append(out, "$JS.API.STREAM.UPDATE."+s)
		}
	}
	return out
}

// jsConsume lets a role create and read consumers of one stream and acknowledge its
// messages. ordered adds consumer deletion, which ordered (ephemeral) consumers use
// when they reset. The acknowledgement subjects are matched in both the v1 format
// ($JS.ACK.<stream>.<consumer>...) and the v2 format with domain and account hash
// ($JS.ACK.<domain>.<account>.<stream>.<consumer>...).
func jsConsume(stream string, ordered bool) []string {
	out := []string{
		"$JS.API.CONSUMER.CREATE." + stream,
		"$JS.API.CONSUMER.CREATE." + stream + ".>",
		"$JS.API.CONSUMER.DURABLE.CREATE." + stream + ".>",
		"$JS.API.CONSUMER.INFO." + stream + ".>",
		"$JS.API.CONSUMER.MSG.NEXT." + stream + ".>",
		"$JS.ACK." + stream + ".>",
		"$JS.ACK.*.*." + stream + ".>",
	}
	if ordered {
		out = append(out, "$JS.API.CONSUMER.DELETE."+stream+".>")
	}
	return out
}

// jsErase lets a role delete (and overwrite) single messages of the streams.
func jsErase(streams ...string) []string {
	var out []string
	for _, s := range streams {
		out = append(out, "$JS.API.STREAM.MSG.DELETE."+s)
	}
	return out
}

// Permissions returns role's grant. The subjects are those of topology.go; a new
// stream or subject needs its publisher's and consumers' grants extended here (and in
// deploy/nats/mosaic-accounts.conf, which TestDeployConfigMatchesPermissions compares).
func Permissions(r Role) Grant {
	var g Grant
	inbox := InboxPrefix(r) + ".>"
	switch r {
	case RoleGateway:
		g.Publish = slices.Concat(
			[]string{"mosaic.posts.*.submitted", SubjectHolderCommands, SubjectDeadLetterAll},
			jsStreams(false),
			jsConsume(StreamIntake, false),
			jsConsume(StreamDecisions, true),
		)
		g.Subscribe = []string{inbox}
	case RoleLinker:
		g.Publish = slices.Concat(
			[]string{"mosaic.assessments.*", SubjectDeadLetterAll},
			jsStreams(false),
			jsConsume(StreamPosts, false),
		)
		g.Subscribe = []string{inbox}
	case RoleHolder:
		g.Publish = slices.Concat(
			[]string{"mosaic.posts.*.outcome", SubjectDecisionsAll, "mosaic.notices.*", SubjectDeadLetterAll},
			// Audit checkpoints: written after each append, the last read at start.
			[]string{SubjectAuditCheckpoint, "$JS.API.STREAM.MSG.GET." + StreamAudit},
			jsStreams(true),
			jsConsume(StreamAssessments, true),
			jsConsume(StreamDeadLetter, true),
			jsConsume(StreamNotices, true),
			// Erasure (DeletePost, EraseAuthor): the holder reads the streams that can
			// hold a post's text and overwrites the post's messages.
			jsConsume(StreamIntake, true),
			jsConsume(StreamPosts, true),
			jsConsume(StreamDecisions, true),
			jsErase(StreamIntake, StreamPosts, StreamAssessments, StreamDecisions, StreamNotices, StreamDeadLetter),
		)
		g.Subscribe = []string{SubjectHolderCommands, inbox}
		// Replies to the gateway's commands go to the gateway's inbox.
		g.AllowResponses = true
	case RolePlatform:
		g.Publish = slices.Concat(
			[]string{SubjectIntake, "$JS.API.INFO"},
			[]string{"$JS.API.STREAM.INFO." + StreamIntake, "$JS.API.STREAM.INFO." + StreamDecisions, "$JS.API.STREAM.INFO." + StreamNotices},
			jsConsume(StreamDecisions, true),
			jsConsume(StreamNotices, true),
		)
		g.Subscribe = []string{"mosaic.decisions.>", "mosaic.notices.>", inbox}
		for _, c := range []Role{RoleGateway, RoleLinker, RoleHolder} {
			g.SubscribeDeny = append(g.SubscribeDeny, InboxPrefix(c)+".>")
		}
	case RoleBench:
		g = benchPermissions()
	}
	return g
}

// serverPermissions converts a grant for the embedded server. Anything not allowed is
// denied: NATS permissions with an allow list deny every other subject.
func (g Grant) serverPermissions() *server.Permissions {
	p := &server.Permissions{
		Publish:   &server.SubjectPermission{Allow: slices.Clone(g.Publish)},
		Subscribe: &server.SubjectPermission{Allow: slices.Clone(g.Subscribe), Deny: slices.Clone(g.SubscribeDeny)},
	}
	if g.AllowResponses {
		p.Response = &server.ResponsePermission{MaxMsgs: 1, Expires: time.Minute}
	}
	return p
}

// RoleBench is gateway bench's bare-JetStream baseline. It may use only the
// StreamBench stream and its subjects. It is not one of Roles(): an embedded server
// accepts it only when a bench asks for it (Credentials.AddEphemeral), and a deployed
// cluster has no such user.
const RoleBench Role = "bench"

// The baseline's stream and subjects.
const (
	StreamBench     = "MOSAIC_BENCH"
	SubjectBenchAll = "mosaicbench.>"
	SubjectBenchIn  = "mosaicbench.in"
	SubjectBenchOut = "mosaicbench.out"
)

// benchPermissions is RoleBench's grant: create, read and delete its own stream, its
// consumers and messages, and nothing of Mosaic's.
func benchPermissions() Grant {
	return Grant{
		Publish: []string{SubjectBenchAll, "$JS.API.INFO",
			"$JS.API.STREAM.*." + StreamBench,
			"$JS.API.CONSUMER.*." + StreamBench, "$JS.API.CONSUMER.*." + StreamBench + ".>",
			"$JS.API.CONSUMER.*.*." + StreamBench + ".>",
			"$JS.ACK." + StreamBench + ".>", "$JS.ACK.*.*." + StreamBench + ".>"},
		Subscribe: []string{InboxPrefix(RoleBench) + ".>"},
	}
}
