package bus

import "hash/fnv"

// Partition maps an author to one of n partitions. It must never change for a
// deployment: the linker relies on all of an author's messages sharing a partition.
func Partition(authorID string, n int) int {
	h := fnv.New32a()
	h.Write([]byte(authorID))
	return int(h.Sum32() % uint32(n))
}
