//go:build !unix

package telemetry

import "io/fs"

// allocated is the file's length where the block count is not at hand.
func allocated(info fs.FileInfo) int64 { return info.Size() }
