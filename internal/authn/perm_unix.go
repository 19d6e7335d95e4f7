//go:build unix

package authn

import (
	"os"
	"syscall"
)

// ownGroup reports whether the file belongs to this process's group, as a Kubernetes
// secret volume's files do (group fsGroup, mode 0440): group read access then reaches
// no other user.
func ownGroup(st os.FileInfo) bool {
	s, ok := st.Sys().(*syscall.Stat_t)
	return ok && int(s.Gid) == os.Getegid()
}
