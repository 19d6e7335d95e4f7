package holder

import (
	"errors"
	"fmt"
	"time"

	"github.com/dgraph-io/badger/v4"
)

// Console sessions are kept in the holder's database so that a sign-in survives a
// restart of the process. Only a hash of the session token is stored (the key), never
// the token a browser holds, so a copy of the database signs no one in; each record
// expires (a Badger TTL, and the console checks the expiry it stores itself).
//
//	k/<sha256 of the session token>   the console's session record (opaque here)
const prefixSession = "k/"

func sessionKey(tokenHash []byte) []byte { return append([]byte(prefixSession), tokenHash...) }

// PutSession stores a session record under the hash of its token until expires.
func (h *Holder) PutSession(tokenHash, record []byte, expires time.Time) error {
	ttl := time.Until(expires)
	if ttl <= 0 {
		return nil
	}
	err := h.db.Update(func(txn *badger.Txn) error {
		return txn.SetEntry(badger.NewEntry(sessionKey(tokenHash), record).WithTTL(ttl))
	})
	if err != nil {
		return fmt.Errorf("holder: store session: %w", err)
	}
	return nil
}

// Session returns the session record stored under tokenHash, or ErrNotFound.
func (h *Holder) Session(tokenHash []byte) ([]byte, error) {
	var out []byte
	err := h.db.View(func(txn *badger.Txn) error {
		item, err := txn.Get(sessionKey(tokenHash))
		if errors.Is(err, badger.ErrKeyNotFound) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		out, err = item.ValueCopy(nil)
		return err
	})
	return out, err
}

// DeleteSession removes a session (sign-out).
func (h *Holder) DeleteSession(tokenHash []byte) error {
	return h.db.Update(func(txn *badger.Txn) error { return txn.Delete(sessionKey(tokenHash)) })
}
