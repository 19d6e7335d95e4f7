package bus

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"strconv"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
)

// EmbeddedOptions configures the in-process NATS server of the all-in-one mode.
type EmbeddedOptions struct {
	// StoreDir holds JetStream's files.
	StoreDir string
	// Listen is the client address ("127.0.0.1:4222") so the nats CLI and external
	// services can connect; "127.0.0.1:-1" picks a free port; empty listens nowhere.
	Listen string
	// ServerName identifies the server in logs and cluster views.
	ServerName string
	Logger     *slog.Logger
	// ReadyTimeout bounds start-up.
	ReadyTimeout time.Duration
	// Credentials are the users the server accepts, one per role with that role's
	// permissions (see Permissions). Required unless Insecure is set.
	Credentials *Credentials
	// EncryptionKey encrypts JetStream's files (messages, indexes and consumer state)
	// with AES-GCM under keys derived from it (nats-server's JetStreamKey); empty stores
	// plaintext (development only). Existing plaintext streams are converted on start.
	EncryptionKey string
	// Insecure starts a server that accepts anonymous clients with every permission.
	// Only tests of a single component use it.
	Insecure bool
	// Monitor is the address of the server's HTTP monitoring endpoint (/varz, /jsz,
	// /connz, ...; "127.0.0.1:-1" picks a free port); empty: off. It has no
	// authentication of its own: keep it on loopback or a private network.
	Monitor string
}

// Embedded is a running in-process NATS server with JetStream.
type Embedded struct {
	srv *server.Server
}

// StartEmbedded starts a NATS server with JetStream inside this process.
func StartEmbedded(o EmbeddedOptions) (*Embedded, error) {
	if o.StoreDir == "" {
		return nil, fmt.Errorf("bus: embedded server needs a store directory")
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if o.ReadyTimeout == 0 {
		o.ReadyTimeout = 30 * time.Second
	}
	if o.ServerName == "" {
		o.ServerName = "mosaic"
	}
	if o.Credentials == nil && !o.Insecure {
		return nil, fmt.Errorf("bus: embedded server needs credentials")
	}
	opts := &server.Options{
		ServerName: o.ServerName,
		JetStream:  true,
		StoreDir:   o.StoreDir,
		NoSigs:     true, // signals belong to main
		NoLog:      false,
	}
	if o.EncryptionKey != "" {
		opts.JetStreamKey, opts.JetStreamCipher = o.EncryptionKey, server.AES
	}
	if o.Credentials != nil {
		// Every client, in-process ones included, must log in as one of these users;
		// with users configured the server refuses anonymous clients.
		users, err := o.Credentials.serverUsers()
		if err != nil {
			return nil, err
		}
		opts.Users = users
	}
	if o.Listen == "" {
		opts.DontListen = true
	} else {
		host, port, err := net.SplitHostPort(o.Listen)
		if err != nil {
			return nil, fmt.Errorf("bus: nats listen address %q: %w", o.Listen, err)
		}
		p, err := strconv.Atoi(port)
		if err != nil {
			return nil, fmt.Errorf("bus: nats listen port %q: %w", port, err)
		}
		opts.Host, opts.Port = host, p
		if p > 0 {
			// nats-server only reports a listener it cannot open by never becoming
			// ready; find out now rather than after ReadyTimeout.
			l, err := net.Listen("tcp", o.Listen)
			if err != nil {
				return nil, fmt.Errorf("bus: the embedded nats server cannot listen on %s (--nats-listen): %w; is another Mosaic or nats-server running? Stop it, or pick another address (--nats-listen 127.0.0.1:4223), or --nats-listen \"\" for in-process only", o.Listen, err)
			}
			l.Close()
		}
	}
	if o.Monitor != "" {
		host, p, err := splitHostPort(o.Monitor)
		if err != nil {
			return nil, fmt.Errorf("bus: nats monitor address %q: %w", o.Monitor, err)
		}
		opts.HTTPHost, opts.HTTPPort = host, p
	}
	srv, err := server.NewServer(opts)
	if err != nil {
		return nil, fmt.Errorf("bus: create embedded nats server: %w", err)
	}
	srv.SetLoggerV2(&natsLogger{l: o.Logger}, false, false, false)
	srv.Start()
	if o.Monitor != "" && srv.MonitorAddr() == nil {
		// Start gave up at the monitoring endpoint (logged above): fail now, not after
		// ReadyTimeout.
		srv.Shutdown()
		return nil, fmt.Errorf("bus: embedded nats server: monitoring endpoint did not start on %s (is it free?)", o.Monitor)
	}
	if !srv.ReadyForConnections(o.ReadyTimeout) {
		srv.Shutdown()
		return nil, fmt.Errorf("bus: embedded nats server not ready after %s (is %s free?)", o.ReadyTimeout, o.Listen)
	}
	return &Embedded{srv: srv}, nil
}

func splitHostPort(addr string) (string, int, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "", 0, err
	}
	p, err := strconv.Atoi(port)
	if err != nil {
		return "", 0, fmt.Errorf("port %q is not a number", port)
	}
	return host, p, nil
}

// MonitorURL is the monitoring endpoint's base URL, empty when it is off.
func (e *Embedded) MonitorURL() string {
	if addr := e.srv.MonitorAddr(); addr != nil {
		return "http://" + addr.String()
	}
	return ""
}

// ClientURL is the address external clients use, empty when not listening.
func (e *Embedded) ClientURL() string {
	if addr := e.srv.Addr(); addr != nil {
		return "nats://" + addr.String()
	}
	return ""
}

// Connect opens an in-process client connection (no sockets). The options carry the
// client's identity (ClientOptions); an Insecure server needs none.
func (e *Embedded) Connect(name string, opts ...nats.Option) (*nats.Conn, error) {
	nc, err := nats.Connect("", append([]nats.Option{nats.InProcessServer(e.srv), nats.Name(name)}, opts...)...)
	if err != nil {
		return nil, fmt.Errorf("bus: in-process connect: %w", err)
	}
	return nc, nil
}

// Shutdown stops the server and waits for it, bounded by ctx.
func (e *Embedded) Shutdown(ctx context.Context) error {
	done := make(chan struct{})
	go func() {
		e.srv.Shutdown()
		e.srv.WaitForShutdown()
		close(done)
	}()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("bus: embedded server shutdown: %w", ctx.Err())
	}
}

// Connect dials an external NATS server or cluster (comma-separated URLs) with the
// given options (ClientOptions: identity, TLS, inbox prefix).
func Connect(url, name string, logger *slog.Logger, opts ...nats.Option) (*nats.Conn, error) {
	nc, err := nats.Connect(url, append([]nats.Option{
		nats.Name(name),
		// A TLS handshake and the server's bcrypt check of the password can take more
		// than nats.go's default 2 s on a loaded node (or several clients starting at once).
		nats.Timeout(10 * time.Second),
		nats.MaxReconnects(-1),
		nats.ReconnectWait(time.Second),
		nats.DisconnectErrHandler(func(_ *nats.Conn, err error) {
			if err != nil {
				logger.Warn("nats disconnected", "err", err)
			}
		}),
		nats.ReconnectHandler(func(c *nats.Conn) { logger.Info("nats reconnected", "url", c.ConnectedUrl()) }),
	}, opts...)...)
	if err != nil {
		return nil, fmt.Errorf("bus: connect to %s: %w", url, err)
	}
	return nc, nil
}

// natsLogger adapts slog to nats-server's Logger. The server's notices (its start-up
// banner among them) go to debug: Mosaic logs what an operator needs at info.
type natsLogger struct{ l *slog.Logger }

func (n *natsLogger) Noticef(format string, v ...any) { n.l.Debug(fmt.Sprintf(format, v...)) }
func (n *natsLogger) Warnf(format string, v ...any)   { n.l.Warn(fmt.Sprintf(format, v...)) }
func (n *natsLogger) Fatalf(format string, v ...any)  { n.l.Error(fmt.Sprintf(format, v...)) }
func (n *natsLogger) Errorf(format string, v ...any)  { n.l.Error(fmt.Sprintf(format, v...)) }
func (n *natsLogger) Debugf(format string, v ...any)  { n.l.Debug(fmt.Sprintf(format, v...)) }
func (n *natsLogger) Tracef(format string, v ...any)  { n.l.Debug(fmt.Sprintf(format, v...)) }
