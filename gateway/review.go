package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/durationpb"

	"github.com/mosaicgw/mosaic/internal/authn"
	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
)

const reviewUsage = `Usage: gateway review <command> [flags]

Commands (mosaic.v1.ReviewService, as the moderator whose token is in --token-file):
  list                                   held posts in your forums, oldest first (ListHeldPosts)
  show    --post ID                      one held post (GetHeldPost)
  claim   --post ID [--ttl 15m]          claim a post so no one else acts on it (ClaimPost)
  release --post ID [--note TEXT]        publish a held post (ReleasePost)
  reject  --post ID --reason R [--message TEXT]
                                         refuse it; R: confidentiality, abusive, conflict-of-interest,
                                         raising-concern, other (RejectPost)
  return  --post ID --reason TEXT [--message GUIDANCE]
                                         send it back to the author for an edit (ReturnForEdit)

Common flags (also from the environment): --addr [$MOSAIC_REVIEW_ADDR], --token-file
[$MOSAIC_MODERATOR_TOKEN_FILE], --ca, --json. Plaintext only to a loopback address
without --ca; otherwise TLS. Errors print the gRPC status code and message and exit 1.
`

// runReview implements `gateway review list|show|claim|release|reject|return`.
func runReview(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(stderr, reviewUsage)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	cmd := args[0]
	switch cmd {
	case "list", "show", "claim", "release", "reject", "return":
	default:
		fmt.Fprintf(stderr, "review: unknown command %q\n\n%s", cmd, reviewUsage)
		return exitUsage
	}
	fs := flag.NewFlagSet("review "+cmd, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, reviewUsage+"\nFlags of review "+cmd+":\n")
		fs.PrintDefaults()
	}
	addr := fs.String("addr", "127.0.0.1:50051", "ReviewService address (the holder's --grpc-addr) [$MOSAIC_REVIEW_ADDR]")
	tokenFile := fs.String("token-file", "", "file holding the moderator's bearer token (never printed) [$MOSAIC_MODERATOR_TOKEN_FILE]")
	caFile := fs.String("ca", "", "CA certificate (PEM) that verifies the server; empty: system roots, or plaintext to a loopback --addr")
	asJSON := fs.Bool("json", false, "print protojson lines instead of human-readable ones")
	timeout := fs.Duration("timeout", 30*time.Second, "deadline of the call")
	var post, reason, message, note, forum *string
	var ttl *time.Duration
	var pageSize *int
	switch cmd {
	case "list":
		forum = fs.String("forum", "", "only this forum; empty: all yours")
		pageSize = fs.Int("page-size", 100, "at most this many posts (0-500)")
	default:
		post = fs.String("post", "", "the post ID")
	}
	switch cmd {
	case "claim":
		ttl = fs.Duration("ttl", 0, "how long the claim lasts; 0: the server's default (15m), at most 4h")
	case "release":
		note = fs.String("note", "", "a note for the audit history")
	case "reject":
		reason = fs.String("reason", "", "confidentiality, abusive, conflict-of-interest, raising-concern or other")
		message = fs.String("message", "", "message to the poster")
	case "return":
		reason = fs.String("reason", "", "why the post goes back to its author")
		message = fs.String("message", "", "guidance to the author on what to change")
	}
	for name, env := range map[string]string{"addr": "MOSAIC_REVIEW_ADDR", "token-file": "MOSAIC_MODERATOR_TOKEN_FILE"} {
		if v, ok := os.LookupEnv(env); ok {
			_ = fs.Set(name, v)
		}
	}
	if err := fs.Parse(args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	usageErr := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "review %s: %s\n", cmd, fmt.Sprintf(format, a...))
		return exitUsage
	}
	if fs.NArg() > 0 {
		return usageErr("unexpected argument %q (see --help)", fs.Arg(0))
	}
	if post != nil && *post == "" {
		return usageErr("--post is required")
	}
	if *tokenFile == "" {
		return usageErr("--token-file (or MOSAIC_MODERATOR_TOKEN_FILE) is required: the file holding your moderator token")
	}
	raw, err := os.ReadFile(*tokenFile)
	if err != nil {
		return usageErr("read --token-file: %v", err)
	}
	token := strings.TrimSpace(string(raw))
	if token == "" {
		return usageErr("--token-file %s is empty", *tokenFile)
	}
	var rejectReason mosaicv1.RejectReason
	if cmd == "reject" {
		name := "REJECT_REASON_" + strings.ToUpper(strings.ReplaceAll(*reason, "-", "_"))
		v, ok := mosaicv1.RejectReason_value[name]
		if *reason == "" || !ok || v == 0 {
			return usageErr("--reason must be one of confidentiality, abusive, conflict-of-interest, raising-concern, other; got %q", *reason)
		}
		rejectReason = mosaicv1.RejectReason(v)
	}
	if cmd == "return" && strings.TrimSpace(*reason) == "" {
		return usageErr("--reason is required: tell the author why the post comes back")
	}
	creds, err := reviewTransport(*addr, *caFile)
	if err != nil {
		return usageErr("%v", err)
	}
	cc, err := grpc.NewClient(*addr, grpc.WithTransportCredentials(creds), grpc.WithPerRPCCredentials(authn.Bearer(token)))
	if err != nil {
		return usageErr("--addr %s: %v", *addr, err)
	}
	defer cc.Close()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	client := mosaicv1.NewReviewServiceClient(cc)

	var resp proto.Message
	var human []string
	switch cmd {
	case "list":
		r, err := client.ListHeldPosts(ctx, &mosaicv1.ListHeldPostsRequest{ForumId: *forum, PageSize: int32(*pageSize)})
		if err != nil {
			return reviewFailed(stderr, cmd, err)
		}
		if *asJSON {
			for _, p := range r.GetPosts() {
				if code := printJSON(stdout, stderr, p); code != exitOK {
					return code
				}
			}
			return exitOK
		}
		for _, p := range r.GetPosts() {
			human = append(human, summaryLine(p))
		}
		human = append(human, fmt.Sprintf("%d shown, %d held in all", len(r.GetPosts()), r.GetTotal()))
	case "show":
		r, err := client.GetHeldPost(ctx, &mosaicv1.GetHeldPostRequest{PostId: *post})
		if err != nil {
			return reviewFailed(stderr, cmd, err)
		}
		resp = r.GetHeldPost()
		h := r.GetHeldPost()
		p := h.GetPost()
		human = append(human,
			fmt.Sprintf("post %s rev %d  forum %s  author %s  %s", p.GetPostId(), p.GetRevision(), p.GetForumId(), p.GetAuthorId(), h.GetStatus().GetDecision()),
			fmt.Sprintf("claimed by: %s", orDash(h.GetClaim().GetModerator())))
		for _, d := range h.GetDetails() {
			human = append(human, "detail: "+compactText(d))
		}
		human = append(human, "body:", p.GetBody())
	case "claim":
		req := &mosaicv1.ClaimPostRequest{PostId: *post}
		if *ttl > 0 {
			req.Ttl = durationpb.New(*ttl)
		}
		r, err := client.ClaimPost(ctx, req)
		if err != nil {
			return reviewFailed(stderr, cmd, err)
		}
		resp = r
		human = append(human, fmt.Sprintf("claimed %s by %s until %s", *post, r.GetClaim().GetModerator(), r.GetClaim().GetExpiresAt().AsTime().UTC().Format(time.RFC3339)))
	case "release":
		r, err := client.ReleasePost(ctx, &mosaicv1.ReleasePostRequest{PostId: *post, Note: *note})
		if err != nil {
			return reviewFailed(stderr, cmd, err)
		}
		resp = r
		human = append(human, fmt.Sprintf("%s: %s", *post, r.GetStatus().GetDecision()))
	case "reject":
		r, err := client.RejectPost(ctx, &mosaicv1.RejectPostRequest{PostId: *post, Reason: rejectReason, Message: *message})
		if err != nil {
			return reviewFailed(stderr, cmd, err)
		}
		resp = r
		human = append(human, fmt.Sprintf("%s: %s", *post, r.GetStatus().GetDecision()))
	case "return":
		r, err := client.ReturnForEdit(ctx, &mosaicv1.ReturnForEditRequest{PostId: *post, Reason: *reason, Guidance: *message})
		if err != nil {
			return reviewFailed(stderr, cmd, err)
		}
		resp = r
		human = append(human, fmt.Sprintf("%s: %s", *post, r.GetStatus().GetDecision()))
	}
	if *asJSON {
		return printJSON(stdout, stderr, resp)
	}
	for _, l := range human {
		if _, err := fmt.Fprintln(stdout, l); err != nil {
			fmt.Fprintf(stderr, "review %s: %v\n", cmd, err)
			return exitError
		}
	}
	return exitOK
}

// reviewTransport is TLS (verified by caFile, or the system roots) unless addr is a
// loopback address and no CA was given.
func reviewTransport(addr, caFile string) (credentials.TransportCredentials, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("--addr %q: want host:port: %v", addr, err)
	}
	if caFile == "" {
		if ip := net.ParseIP(host); host == "localhost" || (ip != nil && ip.IsLoopback()) {
			return insecure.NewCredentials(), nil
		}
		return credentials.NewTLS(&tls.Config{MinVersion: tls.VersionTLS12}), nil
	}
	pem, err := os.ReadFile(caFile)
	if err != nil {
		return nil, fmt.Errorf("--ca: %v", err)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pem) {
		return nil, fmt.Errorf("--ca %s: no PEM certificate in it", caFile)
	}
	return credentials.NewTLS(&tls.Config{MinVersion: tls.VersionTLS12, RootCAs: pool}), nil
}

// reviewFailed prints the gRPC status code and message; exit 1.
func reviewFailed(stderr io.Writer, cmd string, err error) int {
	st := status.Convert(err)
	fmt.Fprintf(stderr, "review %s: %s: %s\n", cmd, st.Code(), st.Message())
	return exitError
}

func printJSON(stdout, stderr io.Writer, m proto.Message) int {
	b, err := protojson.MarshalOptions{}.Marshal(m)
	if err == nil {
		_, err = fmt.Fprintf(stdout, "%s\n", b)
	}
	if err != nil {
		fmt.Fprintln(stderr, "review:", err)
		return exitError
	}
	return exitOK
}

func summaryLine(p *mosaicv1.HeldPostSummary) string {
	kinds := make([]string, 0, len(p.GetKinds()))
	for _, k := range p.GetKinds() {
		kinds = append(kinds, strings.TrimPrefix(k.String(), "FINDING_KIND_"))
	}
	appeal := ""
	if p.GetAppeal() {
		appeal = "  APPEAL"
	}
	return fmt.Sprintf("%s rev %d  forum %s  author %s  held %s  kinds %s  claimed %s%s  %q",
		p.GetPostId(), p.GetRevision(), p.GetForumId(), p.GetAuthorId(),
		p.GetHeldAt().AsTime().UTC().Format(time.RFC3339), orDash(strings.Join(kinds, ",")),
		orDash(p.GetClaimedBy()), appeal, p.GetExcerpt())
}

func compactText(m proto.Message) string {
	b, err := protojson.Marshal(m)
	if err != nil {
		return err.Error()
	}
	return string(b)
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
