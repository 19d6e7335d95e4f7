package bus

import (
	"errors"
	"fmt"
	"log/slog"

	"github.com/nats-io/nats.go"
)

// ClientAuth is how a Mosaic process proves who it is to NATS, and how it checks the
// server's certificate. At most one identity may be set: a .creds file (JWT and seed,
// for operator/account deployments), an nkey seed file, or a user with a password
// (from a file, or in memory for the embedded server). The TLS fields apply to any of
// them. The zero value connects anonymously, which only an open server accepts.
type ClientAuth struct {
	// CredsFile is a NATS .creds file (user JWT and nkey seed).
	CredsFile string
	// NKeySeedFile is a file holding a user nkey seed (SU...).
	NKeySeedFile string
	// User is the user name; the password comes from PasswordFile, read at each
	// (re)connect so a rotated file is picked up, or from Password.
	User         string
	PasswordFile string
	Password     string
	// CAFile verifies the server's certificate (TLS); without it the system roots do,
	// and only when the URL is tls:// or the server requires TLS.
	CAFile string
	// CertFile and KeyFile are this client's certificate, for servers that verify
	// clients (mutual TLS, or TLS-mapped users).
	CertFile, KeyFile string
}

// Anonymous reports whether no identity is configured.
func (a ClientAuth) Anonymous() bool {
	return a.CredsFile == "" && a.NKeySeedFile == "" && a.User == ""
}

// Empty reports whether nothing at all is configured.
func (a ClientAuth) Empty() bool {
	return a.Anonymous() && a.PasswordFile == "" && a.Password == "" && a.CAFile == "" && a.CertFile == "" && a.KeyFile == ""
}

// Validate reports a configuration error, naming the flags.
func (a ClientAuth) Validate() error {
	n := 0
	for _, set := range []bool{a.CredsFile != "", a.NKeySeedFile != "", a.User != ""} {
		if set {
			n++
		}
	}
	switch {
	case n > 1:
		return errors.New("--nats-creds, --nats-nkey and --nats-user are alternatives: set one")
	case a.User != "" && a.PasswordFile == "" && a.Password == "":
		return errors.New("--nats-user needs --nats-password-file")
	case a.User == "" && (a.PasswordFile != "" || a.Password != ""):
		return errors.New("--nats-password-file needs --nats-user")
	case a.PasswordFile != "" && a.Password != "":
		return errors.New("a NATS password comes from a file or from memory, not both")
	case (a.CertFile == "") != (a.KeyFile == ""):
		return errors.New("--nats-tls-cert and --nats-tls-key go together")
	}
	return nil
}

// options are the nats.go options for a.
func (a ClientAuth) options() ([]nats.Option, error) {
	if err := a.Validate(); err != nil {
		return nil, err
	}
	var opts []nats.Option
	switch {
	case a.CredsFile != "":
		opts = append(opts, nats.UserCredentials(a.CredsFile))
	case a.NKeySeedFile != "":
		o, err := nats.NkeyOptionFromSeed(a.NKeySeedFile)
		if err != nil {
			return nil, fmt.Errorf("bus: --nats-nkey: %w", err)
		}
		opts = append(opts, o)
	case a.User != "" && a.Password != "":
		opts = append(opts, nats.UserInfo(a.User, a.Password))
	case a.User != "":
		user, file := a.User, a.PasswordFile
		// Fail now, with a clear error, rather than at the first connect.
		if _, err := ReadSecretFile(file); err != nil {
			return nil, fmt.Errorf("bus: --nats-password-file: %w", err)
		}
		opts = append(opts, nats.UserInfoHandler(func() (string, string) {
			pw, err := ReadSecretFile(file)
			if err != nil {
				return user, "" // refused by the server; the connect error says so
			}
			return user, pw
		}))
	}
	if a.CAFile != "" {
		opts = append(opts, nats.RootCAs(a.CAFile))
	}
	if a.CertFile != "" {
		opts = append(opts, nats.ClientCert(a.CertFile, a.KeyFile))
	}
	return opts, nil
}

// ClientOptions are the options of a connection for role: its identity, its own inbox
// prefix (see InboxPrefix), and an error handler that logs what the server refuses
// (a permission violation names the subject, never a secret).
func ClientOptions(role Role, auth ClientAuth, logger *slog.Logger) ([]nats.Option, error) {
	if logger == nil {
		logger = slog.Default()
	}
	opts, err := auth.options()
	if err != nil {
		return nil, err
	}
	return append(opts,
		nats.CustomInboxPrefix(InboxPrefix(role)),
		nats.ErrorHandler(func(_ *nats.Conn, sub *nats.Subscription, err error) {
			attrs := []any{"role", string(role), "err", err}
			if sub != nil {
				attrs = append(attrs, "subject", sub.Subject)
			}
			logger.Error("nats error", attrs...)
		}),
	), nil
}
