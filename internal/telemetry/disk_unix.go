//go:build unix

package telemetry

import (
	"io/fs"
	"syscall"
)

// allocated is the disk space a file takes: its blocks, not its length (a Badger value
// log file is preallocated, mostly sparse, far longer than what it holds).
func allocated(info fs.FileInfo) int64 {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return int64(st.Blocks) * 512
	}
	return info.Size()
}
