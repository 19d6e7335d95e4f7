package app

import (
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/dgraph-io/badger/v4"

	"github.com/mosaicgw/mosaic/internal/bus"
	"github.com/mosaicgw/mosaic/internal/store"
)

// DataKeyFile is the data key's file in the credentials directory, generated on first
// start unless --data-key-file names another.
const DataKeyFile = "data.key"

// PreviousSuffix names the file holding the data key before a rotation, beside the key:
// data.key.previous.
const PreviousSuffix = ".previous"

// dataKey is the master key that encrypts the data at rest: every Badger database and
// the embedded JetStream store. The file holds one line, 256 random bits in base64url
// (as the other generated secrets).
type dataKey struct {
	path string
	// raw is the 32-byte AES-256 key Badger takes; text is the line JetStream takes.
	raw  []byte
	text string
	// previous is the key before a rotation, when its file exists.
	previous     *dataKey
	previousPath string
}

// DataKeyPath returns the data key's file and whether to generate it when missing (only
// in the credentials directory: a file the operator names must exist).
func (c Config) DataKeyPath() (string, bool) {
	if c.DataKeyFile != "" {
		return c.DataKeyFile, false
	}
	return filepath.Join(c.CredentialsDir(), DataKeyFile), true
}

// PreviousDataKeyPath is the file of the data key before a rotation: --data-key-previous-file,
// else the data key's file with ".previous" appended.
func (c Config) PreviousDataKeyPath() string {
	if c.DataKeyPreviousFile != "" {
		return c.DataKeyPreviousFile
	}
	path, _ := c.DataKeyPath()
	return path + PreviousSuffix
}

// loadDataKey reads the data key (generating it on first start in the credentials
// directory) and the previous key when a rotation left one. nil when encryption is off.
func (c Config) loadDataKey(log *slog.Logger) (*dataKey, error) {
	if c.InsecureNoDataEncryption {
		// Data written encrypted does not open in plaintext (and nats-server would fail
		// on its streams): refuse before opening anything.
		for _, name := range []string{DataKeyFile, JetStreamKeyFile} {
			if _, err := os.Stat(filepath.Join(c.CredentialsDir(), name)); err == nil {
				return nil, fmt.Errorf("--insecure-no-data-encryption: the data in %s was written encrypted (%s exists); start without it (the key is read from there, or give --data-key-file)",
					c.DataDir, filepath.Join(c.CredentialsDir(), name))
			}
		}
		log.Warn("data at rest is NOT encrypted (--insecure-no-data-encryption): posts and details are stored in plaintext; development only")
		return nil, nil
	}
	path, create := c.DataKeyPath()
	var k *dataKey
	var err error
	if create {
		if err := bus.EnsureDir(filepath.Dir(path), log); err != nil {
			return nil, err
		}
		secret, created, err := bus.LoadOrCreateSecret(path, log)
		if err != nil {
			return nil, fmt.Errorf("--data-key-file: %w", err)
		}
		if created {
			log.Info("generated the data-at-rest key", "file", path)
		}
		k, err = parseDataKey(path, secret)
		if err != nil {
			return nil, err
		}
	} else if k, err = readDataKey(path); err != nil {
		return nil, err
	}
	k.previousPath = c.PreviousDataKeyPath()
	if prev, err := readDataKey(k.previousPath); err == nil {
		k.previous = prev
	} else if !errors.Is(err, fs.ErrNotExist) || c.DataKeyPreviousFile != "" {
		return nil, fmt.Errorf("--data-key-previous-file: %w", err)
	}
	return k, nil
}

// readDataKey reads a data key file that must exist.
func readDataKey(path string) (*dataKey, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("--data-key-file: %w", err)
	}
	secret, err := bus.ReadSecretFile(path)
	if err != nil {
		return nil, fmt.Errorf("--data-key-file: %w", err)
	}
	return parseDataKey(path, secret)
}

func parseDataKey(path, secret string) (*dataKey, error) {
	raw, err := base64.RawURLEncoding.DecodeString(secret)
	if err != nil || len(raw) != 32 {
		return nil, fmt.Errorf("--data-key-file: %s must hold 32 bytes in unpadded base64url (as `head -c 32 /dev/urandom | basenc --base64url | tr -d =` writes)", path)
	}
	return &dataKey{path: path, raw: raw, text: secret}, nil
}

// badger returns the keys a Badger database opens with (nil, nil: plaintext).
func (k *dataKey) badger() (key, previous []byte) {
	if k == nil {
		return nil, nil
	}
	if k.previous != nil {
		previous = k.previous.raw
	}
	return k.raw, previous
}

// JetStreamKeyFile is the embedded JetStream store's key file in the credentials
// directory, generated on first start unless --jetstream-key-file names another.
const JetStreamKeyFile = "jetstream.key"

// JetStreamKeyPath returns the JetStream key's file and whether to generate it when
// missing.
func (c Config) JetStreamKeyPath() (string, bool) {
	if c.JetStreamKeyFile != "" {
		return c.JetStreamKeyFile, false
	}
	return filepath.Join(c.CredentialsDir(), JetStreamKeyFile), true
}

// loadJetStreamKey reads the key of the embedded JetStream store (a key of its own, not
// rotated with the data key: nats-server's re-encryption under a new key,
// prev_encryption_key, lost streams in our test, so the stream files keep their key).
// "" when encryption is off.
func (c Config) loadJetStreamKey(log *slog.Logger) (string, error) {
	if c.InsecureNoDataEncryption {
		return "", nil
	}
	path, create := c.JetStreamKeyPath()
	if !create {
		if _, err := os.Stat(path); err != nil {
			return "", fmt.Errorf("--jetstream-key-file: %w", err)
		}
		s, err := bus.ReadSecretFile(path)
		if err != nil {
			return "", fmt.Errorf("--jetstream-key-file: %w", err)
		}
		return s, nil
	}
	if err := bus.EnsureDir(filepath.Dir(path), log); err != nil {
		return "", err
	}
	s, created, err := bus.LoadOrCreateSecret(path, log)
	if err != nil {
		return "", fmt.Errorf("--jetstream-key-file: %w", err)
	}
	if created {
		log.Info("generated the JetStream store's key", "file", path)
	}
	return s, nil
}

// RotateDataKey starts a master-key rotation in the (stopped) process's credentials
// directory: the current data key moves to data.key.previous and a new one is
// generated. The next start re-encrypts each Badger key registry under the new key and
// then removes the previous key. (The JetStream store has a key of its own, which is
// not rotated: see loadJetStreamKey.) Only the generated
// key can be rotated so; a key given by --data-key-file is rotated by writing the new
// key to that file and the old one to --data-key-previous-file before a start.
func RotateDataKey(cfg Config, log *slog.Logger) (newPath string, err error) {
	path, create := cfg.DataKeyPath()
	if !create {
		return "", fmt.Errorf("--data-key-file names the key: put the new key in %s and the old one in --data-key-previous-file, then start", path)
	}
	prev := path + PreviousSuffix
	if _, err := os.Stat(prev); err == nil {
		return "", fmt.Errorf("%s exists: a rotation has not finished; start the process once so it completes, then rotate again", prev)
	}
	if _, err := readDataKey(path); err != nil {
		return "", err
	}
	if err := os.Rename(path, prev); err != nil {
		return "", fmt.Errorf("keep the previous data key: %w", err)
	}
	if _, _, err := bus.LoadOrCreateSecret(path, log); err != nil {
		return "", fmt.Errorf("generate the new data key: %w", err)
	}
	return path, nil
}

// OpenStoreOffline opens the Badger database name (holder, linker or gateway) of a
// stopped process read-only, for offline tools (gateway audit verify): with the data
// key when encryption is on, i.e. when --data-key-file is set or the generated key's
// file exists; a data directory without one holds plaintext databases.
func OpenStoreOffline(cfg Config, name string, log *slog.Logger) (*badger.DB, error) {
	o := store.Options{Dir: cfg.dir(name), Logger: log, ReadOnly: true}
	path, create := cfg.DataKeyPath()
	if _, err := os.Stat(path); err == nil || !create {
		k, err := readDataKey(path)
		if err != nil {
			return nil, err
		}
		o.EncryptionKey = k.raw
		if prev, err := readDataKey(cfg.PreviousDataKeyPath()); err == nil {
			// A rotation not finished by a start: the registry is still under this one.
			if db, err := store.Open(store.Options{Dir: o.Dir, Logger: log, ReadOnly: true, EncryptionKey: prev.raw}); err == nil {
				return db, nil
			}
		}
	}
	return store.Open(o)
}
