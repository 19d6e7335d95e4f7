package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"sync"
	"syscall"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"

	"github.com/mosaicgw/mosaic/internal/bus"
	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
)

// tailLine is one line of `gateway decisions tail`: where the message was stored and
// the message itself as protojson (decision or notice).
type tailLine struct {
	Stream   string          `json:"stream"`
	Subject  string          `json:"subject"`
	Sequence uint64          `json:"sequence"`
	Time     time.Time       `json:"time"`
	Decision json.RawMessage `json:"decision,omitempty"`
	Notice   json.RawMessage `json:"notice,omitempty"`
	Error    string          `json:"error,omitempty"`
}

// runDecisions implements `gateway decisions tail`: the decisions (MOSAIC_DECISIONS)
// and notices (MOSAIC_NOTICES) on NATS, which are binary protobuf, printed as JSON
// lines, logged in as the platform's NATS user.
func runDecisions(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] != "tail" {
		fmt.Fprintln(stderr, "Usage: gateway decisions tail [flags]   (gateway decisions tail --help)")
		return exitUsage
	}
	fs := flag.NewFlagSet("decisions tail", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, `Usage: gateway decisions tail [flags]

Prints the decisions (stream MOSAIC_DECISIONS) and notices to posters (MOSAIC_NOTICES)
as they are published, one JSON line each: {"stream", "subject", "sequence", "time",
"decision" or "notice"}, the message in protojson. Logs in to NATS as the platform's
user: all in one, with the password in <data-dir>/credentials; in split mode with
--nats-url, --nats-password-file and --nats-ca.

Flags:
`)
		fs.PrintDefaults()
	}
	dataDir := fs.String("data-dir", "./data", "the all-in-one data directory, for the platform's NATS password (credentials/nats-platform.password)")
	url := fs.String("nats-url", "nats://127.0.0.1:4222", "NATS server or cluster (comma-separated URLs); the all-in-one default is the embedded server's --nats-listen")
	auth := bus.ClientAuth{User: bus.UserName(bus.RolePlatform)}
	fs.StringVar(&auth.User, "nats-user", auth.User, "NATS user (the platform's, allowed to read decisions and notices)")
	fs.StringVar(&auth.PasswordFile, "nats-password-file", "", "file holding the NATS password; empty: <data-dir>/credentials/nats-platform.password")
	fs.StringVar(&auth.CredsFile, "nats-creds", "", "NATS .creds file to connect with instead of a user and password")
	fs.StringVar(&auth.CAFile, "nats-ca", "", "CA certificate that verifies the NATS servers (TLS)")
	forum := fs.String("forum", "", "only this forum's decisions")
	author := fs.String("author", "", "only this author's notices")
	decisions := fs.Bool("decisions", true, "print decisions")
	notices := fs.Bool("notices", true, "print notices")
	fromStart := fs.Bool("from-start", false, "print every stored message first, then new ones; default: new ones only")
	count := fs.Int("count", 0, "stop after this many messages; 0: until interrupted")
	if err := applyEnv(fs); err != nil {
		fmt.Fprintln(stderr, "decisions tail:", err)
		return exitUsage
	}
	if err := fs.Parse(args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "decisions tail: unexpected argument %q (see --help)\n", fs.Arg(0))
		return exitUsage
	}
	if !*decisions && !*notices {
		fmt.Fprintln(stderr, "decisions tail: --decisions=false and --notices=false leave nothing to print")
		return exitUsage
	}
	if auth.CredsFile != "" {
		auth.User = ""
	} else if auth.PasswordFile == "" {
		auth.PasswordFile = bus.PasswordFile(filepath.Join(*dataDir, "credentials"), bus.RolePlatform)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	logger := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	opts, err := bus.ClientOptions(bus.RolePlatform, auth, logger)
	if err != nil {
		fmt.Fprintln(stderr, "decisions tail:", err)
		return exitUsage
	}
	nc, err := bus.Connect(*url, "mosaic-decisions-tail", logger, opts...)
	if err != nil {
		fmt.Fprintf(stderr, "decisions tail: %v (is Mosaic running, and --nats-url %s its NATS?)\n", err, *url)
		return exitError
	}
	defer nc.Close()
	js, err := jetstream.New(nc)
	if err != nil {
		fmt.Fprintln(stderr, "decisions tail:", err)
		return exitError
	}

	out := &lineWriter{w: bufio.NewWriter(stdout), limit: *count}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	out.done = cancel
	type source struct {
		stream, subject string
		decode          func([]byte) (proto.Message, error)
		field           string
	}
	var sources []source
	if *decisions {
		subject := bus.SubjectDecisionsAll
		if *forum != "" {
			subject = "mosaic.decisions." + *forum
		}
		sources = append(sources, source{bus.StreamDecisions, subject, func(b []byte) (proto.Message, error) {
			m := &mosaicv1.DecisionEvent{}
			return m, proto.Unmarshal(b, m)
		}, "decision"})
	}
	if *notices {
		subject := "mosaic.notices.*"
		if *author != "" {
			subject = "mosaic.notices." + *author
		}
		sources = append(sources, source{bus.StreamNotices, subject, func(b []byte) (proto.Message, error) {
			m := &mosaicv1.Notice{}
			return m, proto.Unmarshal(b, m)
		}, "notice"})
	}
	policy := jetstream.DeliverNewPolicy
	if *fromStart {
		policy = jetstream.DeliverAllPolicy
	}
	var wg sync.WaitGroup
	for _, s := range sources {
		cons, err := js.OrderedConsumer(ctx, s.stream, jetstream.OrderedConsumerConfig{
			FilterSubjects: []string{s.subject}, DeliverPolicy: policy})
		if err != nil {
			fmt.Fprintf(stderr, "decisions tail: read %s as NATS user %q: %v\n", s.stream, auth.User, err)
			return exitError
		}
		cc, err := cons.Consume(func(msg jetstream.Msg) {
			line := tailLine{Stream: s.stream, Subject: msg.Subject()}
			if md, err := msg.Metadata(); err == nil {
				line.Sequence, line.Time = md.Sequence.Stream, md.Timestamp.UTC()
			}
			m, err := s.decode(msg.Data())
			if err == nil {
				var b []byte
				if b, err = protojson.Marshal(m); err == nil {
					raw := json.RawMessage(b)
					if s.field == "decision" {
						line.Decision = raw
					} else {
						line.Notice = raw
					}
				}
			}
			if err != nil {
				line.Error = fmt.Sprintf("not a %s: %v", s.field, err)
			}
			out.write(line)
		}, jetstream.ConsumeErrHandler(func(_ jetstream.ConsumeContext, err error) {
			logger.Warn("reading "+s.stream, "err", err)
		}))
		if err != nil {
			fmt.Fprintf(stderr, "decisions tail: read %s: %v\n", s.stream, err)
			return exitError
		}
		wg.Go(func() {
			<-ctx.Done()
			cc.Stop()
		})
	}
	<-ctx.Done()
	wg.Wait()
	if err := out.flush(); err != nil {
		fmt.Fprintln(stderr, "decisions tail:", err)
		return exitError
	}
	return exitOK
}

// lineWriter writes JSON lines from several consumers, one at a time, flushing each,
// and calls done after limit lines (0: no limit).
type lineWriter struct {
	mu    sync.Mutex
	w     *bufio.Writer
	n     int
	limit int
	done  func()
	err   error
}

func (l *lineWriter) write(line tailLine) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.err != nil || (l.limit > 0 && l.n >= l.limit) {
		return
	}
	b, err := json.Marshal(line)
	if err == nil {
		b = append(b, '\n')
		if _, err = l.w.Write(b); err == nil {
			err = l.w.Flush()
		}
	}
	if err != nil {
		l.err = err
		l.done()
		return
	}
	l.n++
	if l.limit > 0 && l.n >= l.limit {
		l.done()
	}
}

func (l *lineWriter) flush() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.err != nil {
		return l.err
	}
	return l.w.Flush()
}
