package authn

import (
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/mosaicgw/mosaic/internal/bus"
)

// recheckEvery is how often a watched file's modification time and size are looked
// at: secrets and certificates are re-read within this long of being replaced.
const recheckEvery = time.Second

// stamp identifies one version of a file.
type stamp struct {
	mod  time.Time
	size int64
}

func stampOf(path string) (stamp, error) {
	st, err := os.Stat(path)
	if err != nil {
		return stamp{}, err
	}
	return stamp{st.ModTime(), st.Size()}, nil
}

// watched is a value loaded from files and loaded again when any of them changes
// (checked at most once per recheckEvery). A reload that fails keeps the value in
// force and is logged once per change of the files.
type watched[T any] struct {
	paths []string
	load  func() (T, error)
	what  string
	log   *slog.Logger
	now   func() time.Time

	mu      sync.Mutex
	value   T
	stamps  []stamp
	checked time.Time
}

func newWatched[T any](what string, log *slog.Logger, load func() (T, error), paths ...string) (*watched[T], error) {
	w := &watched[T]{paths: paths, load: load, what: what, log: log, now: time.Now}
	st, err := w.stampAll()
	if err != nil {
		return nil, err
	}
	if w.value, err = load(); err != nil {
		return nil, err
	}
	w.stamps, w.checked = st, w.now()
	return w, nil
}

func (w *watched[T]) stampAll() ([]stamp, error) {
	out := make([]stamp, len(w.paths))
	for i, p := range w.paths {
		s, err := stampOf(p)
		if err != nil {
			return nil, err
		}
		out[i] = s
	}
	return out, nil
}

// get returns the current value, reloading it first if a file changed.
func (w *watched[T]) get() T {
	w.mu.Lock()
	defer w.mu.Unlock()
	now := w.now()
	if now.Sub(w.checked) < recheckEvery {
		return w.value
	}
	w.checked = now
	st, err := w.stampAll()
	if err != nil {
		w.log.Warn("cannot check a file for changes; keeping the one loaded", "what", w.what, "err", err)
		return w.value
	}
	if equalStamps(st, w.stamps) {
		return w.value
	}
	v, err := w.load()
	// Remember the stamps either way: a bad file is reported once, not on every call,
	// and tried again when it changes.
	w.stamps = st
	if err != nil {
		w.log.Error("reloading a changed file failed; keeping the one in force", "what", w.what, "err", err)
		return w.value
	}
	w.value = v
	w.log.Info("reloaded", "what", w.what, "files", w.paths)
	return v
}

func equalStamps(a, b []stamp) bool {
	for i := range a {
		if !a[i].mod.Equal(b[i].mod) || a[i].size != b[i].size {
			return false
		}
	}
	return len(a) == len(b)
}

// Secret is a one-line secret kept in a file and re-read when the file changes, so it
// is rotated by replacing the file (write a new file and rename it over the old).
type Secret struct{ w *watched[[]byte] }

// LoadSecret reads the secret in path. With create, a missing file is generated (256
// random bits, mode 0600) in its directory, which is created mode 0700; without, a
// missing file is an error.
func LoadSecret(path string, create bool, log *slog.Logger) (*Secret, error) {
	if log == nil {
		log = slog.Default()
	}
	if create {
		if err := bus.EnsureDir(filepath.Dir(path), log); err != nil {
			return nil, fmt.Errorf("authn: %w", err)
		}
		_, created, err := bus.LoadOrCreateSecret(path, log)
		if err != nil {
			return nil, fmt.Errorf("authn: %w", err)
		}
		if created {
			log.Info("generated a secret", "file", path)
		}
	} else if st, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("authn: %w", err)
	} else if exposed(st) {
		log.Warn("a secret file is readable by other users; make it mode 0600", "file", path, "mode", st.Mode().Perm().String())
	}
	w, err := newWatched("secret "+path, log, func() ([]byte, error) {
		s, err := bus.ReadSecretFile(path)
		return []byte(s), err
	}, path)
	if err != nil {
		return nil, fmt.Errorf("authn: %w", err)
	}
	return &Secret{w: w}, nil
}

// Bytes returns the secret in force.
func (s *Secret) Bytes() []byte { return s.w.get() }

// Path is the secret's file.
func (s *Secret) Path() string { return s.w.paths[0] }

// exposed reports whether users other than this process's may read or write a secret
// file: any access for others, or group access unless the group is the process's own
// (a Kubernetes secret volume: mode 0440, group fsGroup).
func exposed(st os.FileInfo) bool {
	perm := st.Mode().Perm()
	if perm&0o007 != 0 {
		return true
	}
	return perm&0o070 != 0 && !ownGroup(st)
}
