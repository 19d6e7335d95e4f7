package deploy_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

var exposureRE = regexp.MustCompile(`Overall exposure level for \S+: ([0-9.]+)`)

// TestSystemdExposure scores each unit with `systemd-analyze security --offline=true`
// (systemd 252 or newer): 3 or less, as the issue asked; 1.2 at the time of writing.
func TestSystemdExposure(t *testing.T) {
	sa, err := exec.LookPath("systemd-analyze")
	if err != nil {
		t.Skip("systemd-analyze not found: the units are not scored")
	}
	units, err := filepath.Glob(filepath.Join("systemd", "*.service"))
	if err != nil || len(units) == 0 {
		t.Fatalf("no units: %v", err)
	}
	for _, u := range units {
		out, err := exec.Command(sa, "security", "--offline=true", "--no-pager", u).CombinedOutput()
		m := exposureRE.FindSubmatch(out)
		if m == nil {
			if err != nil {
				t.Skipf("systemd-analyze security --offline=true does not run here (systemd 252+ needed): %v\n%s", err, out)
			}
			t.Fatalf("%s: no exposure level in\n%s", u, out)
		}
		score, _ := strconv.ParseFloat(string(m[1]), 64)
		t.Logf("%s: exposure %.1f", u, score)
		if score > 3 {
			t.Errorf("%s: exposure %.1f, want 3 or less:\n%s", u, score, out)
		}
	}
}

// TestImageBuilds builds deploy/Dockerfile with docker or buildah, where one works;
// it skips with a message where neither does (no binary, no daemon, no registry).
func TestImageBuilds(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the image is not built")
	}
	var build []string
	if docker, err := exec.LookPath("docker"); err == nil {
		ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
		defer cancel()
		if out, err := exec.CommandContext(ctx, docker, "info").CombinedOutput(); err != nil {
			t.Logf("docker is installed but its daemon does not answer: %v\n%s", err, lastLines(out, 3))
		} else {
			build = []string{docker, "build"}
		}
	}
	if build == nil {
		if buildah, err := exec.LookPath("buildah"); err == nil {
			build = []string{buildah, "bud"}
		}
	}
	if build == nil {
		t.Skip("no working docker daemon or buildah: deploy/Dockerfile is not built here")
	}
	cmd := exec.CommandContext(t.Context(), build[0], append(build[1:], "-f", "deploy/Dockerfile", "-t", "mosaic:check", ".")...)
	cmd.Dir = ".."
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%v: %v\n%s", cmd.Args, err, lastLines(out, 40))
	}
}

func lastLines(b []byte, n int) string {
	lines := regexp.MustCompile("\n").Split(string(b), -1)
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	out := ""
	for _, l := range lines {
		out += l + "\n"
	}
	return out
}

// TestSystemdUnitsUseRealFlags checks that every --flag on a unit's ExecStart and
// every MOSAIC_* variable in its example environment is a flag of the binary.
func TestSystemdUnitsUseRealFlags(t *testing.T) {
	flags := binaryFlags(t)
	units, err := filepath.Glob(filepath.Join("systemd", "*.service"))
	if err != nil || len(units) == 0 {
		t.Fatalf("no units: %v", err)
	}
	flagRE := regexp.MustCompile(`--([a-z0-9-]+)`)
	envRE := regexp.MustCompile(`\bMOSAIC_([A-Z0-9_]+)=`)
	for _, u := range units {
		b, err := os.ReadFile(u)
		if err != nil {
			t.Fatal(err)
		}
		seen := 0
		for _, line := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(line, "ExecStart=") {
				for _, m := range flagRE.FindAllStringSubmatch(line, -1) {
					seen++
					if !slices.Contains(flags, m[1]) {
						t.Errorf("%s: ExecStart uses --%s, which the binary does not have", u, m[1])
					}
				}
			}
			for _, m := range envRE.FindAllStringSubmatch(line, -1) {
				f := strings.ToLower(strings.ReplaceAll(m[1], "_", "-"))
				if !slices.Contains(flags, f) {
					t.Errorf("%s: MOSAIC_%s names no flag (--%s)", u, m[1], f)
				}
			}
		}
		if seen == 0 {
			t.Errorf("%s: no flags on ExecStart", u)
		}
	}
}
