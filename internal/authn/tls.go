package authn

import (
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"log/slog"
	"os"
	"slices"
)

// TLSFiles are the PEM files of a TLS listener: the server's certificate chain and
// key, and optionally a CA whose certificates clients must present (mTLS).
type TLSFiles struct {
	CertFile, KeyFile string
	// ClientCAFile, when set, makes a client certificate signed by it required.
	ClientCAFile string
}

// Enabled reports whether TLS is configured.
func (f TLSFiles) Enabled() bool { return f.CertFile != "" || f.KeyFile != "" }

// Validate reports a half-configured TLS setting, naming the flags.
func (f TLSFiles) Validate() error {
	switch {
	case (f.CertFile == "") != (f.KeyFile == ""):
		return fmt.Errorf("--tls-cert and --tls-key go together: set both, or neither for plaintext")
	case f.ClientCAFile != "" && f.CertFile == "":
		return fmt.Errorf("--tls-client-ca needs --tls-cert and --tls-key: client certificates are only asked for over TLS")
	}
	return nil
}

// ServerTLS serves the certificate in the configured files, re-reading them (and the
// client CA) within a second of their being replaced, so certificates are rotated
// without a restart; a replacement that does not load is logged and the certificate
// in force stays. Connections already open keep the certificate they began with.
type ServerTLS struct {
	cert *watched[*tls.Certificate]
	ca   *watched[*x509.CertPool]
}

// NewServerTLS loads the files; they must load now.
func NewServerTLS(f TLSFiles, log *slog.Logger) (*ServerTLS, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	if log == nil {
		log = slog.Default()
	}
	s := &ServerTLS{}
	var err error
	s.cert, err = newWatched("tls certificate "+f.CertFile, log, func() (*tls.Certificate, error) {
		c, err := tls.LoadX509KeyPair(f.CertFile, f.KeyFile)
		if err != nil {
			return nil, fmt.Errorf("tls certificate %s with key %s: %w", f.CertFile, f.KeyFile, err)
		}
		return &c, nil
	}, f.CertFile, f.KeyFile)
	if err != nil {
		return nil, fmt.Errorf("--tls-cert/--tls-key: %w", err)
	}
	if f.ClientCAFile != "" {
		s.ca, err = newWatched("tls client ca "+f.ClientCAFile, log, func() (*x509.CertPool, error) {
			b, err := os.ReadFile(f.ClientCAFile)
			if err != nil {
				return nil, err
			}
			pool := x509.NewCertPool()
			if !pool.AppendCertsFromPEM(b) {
				return nil, fmt.Errorf("%s holds no PEM certificate", f.ClientCAFile)
			}
			return pool, nil
		}, f.ClientCAFile)
		if err != nil {
			return nil, fmt.Errorf("--tls-client-ca: %w", err)
		}
	}
	return s, nil
}

// MutualTLS reports whether clients must present a certificate.
func (s *ServerTLS) MutualTLS() bool { return s.ca != nil }

// Config returns a server tls.Config offering nextProtos by ALPN ("h2" for gRPC) that
// picks up replaced files at each new connection.
func (s *ServerTLS) Config(nextProtos ...string) *tls.Config {
	build := func() *tls.Config {
		c := &tls.Config{MinVersion: tls.VersionTLS12, NextProtos: slices.Clone(nextProtos)}
		c.Certificates = []tls.Certificate{*s.cert.get()}
		if s.ca != nil {
			c.ClientCAs = s.ca.get()
			c.ClientAuth = tls.RequireAndVerifyClientCert
		}
		return c
	}
	base := build()
	base.GetConfigForClient = func(*tls.ClientHelloInfo) (*tls.Config, error) { return build(), nil }
	return base
}

// certNames are the names a client certificate goes by: its subject common name, DNS
// names and URIs.
func certNames(c *x509.Certificate) []string {
	names := append([]string{c.Subject.CommonName}, c.DNSNames...)
	for _, u := range c.URIs {
		names = append(names, u.String())
	}
	return names
}
