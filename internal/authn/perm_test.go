package authn

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// A secret file is exposed when others may read it, or its group when that group is
// not the process's own; 0440 in the process's group (a Kubernetes secret volume with
// fsGroup) is not.
func TestSecretFileExposure(t *testing.T) {
	dir := t.TempDir()
	stat := func(mode os.FileMode, gid int) os.FileInfo {
		t.Helper()
		p := filepath.Join(dir, mode.String())
		if err := os.WriteFile(p, []byte("s"), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(p, mode); err != nil {
			t.Fatal(err)
		}
		if gid >= 0 {
			if err := os.Chown(p, -1, gid); err != nil {
				t.Skipf("cannot give a file another group here: %v", err)
			}
		}
		st, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	for _, c := range []struct {
		mode os.FileMode
		want bool
	}{{0o600, false}, {0o400, false}, {0o604, true}, {0o644, true}, {0o640, false}, {0o440, false}} {
		if got := exposed(stat(c.mode, -1)); got != c.want {
			t.Errorf("mode %v in the process's group: exposed %v, want %v", c.mode, got, c.want)
		}
	}
	if runtime.GOOS == "windows" {
		return
	}
	other := os.Getegid() + 4242
	if got := exposed(stat(0o640, other)); !got {
		t.Errorf("mode 0640 in another group (%d): not exposed", other)
	}
}
