package deploy_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// obj is one Kubernetes object as parsed YAML.
type obj = map[string]any

// get walks a path of map keys; nil when any step is missing.
func get(v any, path ...string) any {
	for _, k := range path {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

func str(v any, path ...string) string {
	s, _ := get(v, path...).(string)
	return s
}

func list(v any, path ...string) []any {
	l, _ := get(v, path...).([]any)
	return l
}

// parseObjects reads a multi-document YAML stream.
func parseObjects(t *testing.T, name string, data []byte) []obj {
	t.Helper()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var out []obj
	for {
		var o obj
		err := dec.Decode(&o)
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if o == nil {
			continue
		}
		if str(o, "kind") == "" || str(o, "metadata", "name") == "" {
			t.Fatalf("%s: an object without kind or metadata.name: %v", name, o)
		}
		out = append(out, o)
	}
}

// kustomization is deploy/kubernetes/kustomization.yaml, the parts the checks read.
type kustomization struct {
	Namespace          string   `yaml:"namespace"`
	Resources          []string `yaml:"resources"`
	ConfigMapGenerator []struct {
		Name  string   `yaml:"name"`
		Files []string `yaml:"files"`
		Envs  []string `yaml:"envs"`
	} `yaml:"configMapGenerator"`
	SecretGenerator []struct {
		Name  string   `yaml:"name"`
		Files []string `yaml:"files"`
		Envs  []string `yaml:"envs"`
	} `yaml:"secretGenerator"`
}

const kdir = "kubernetes"

func readKustomization(t *testing.T) kustomization {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(kdir, "kustomization.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var k kustomization
	dec := yaml.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(&k); err != nil {
		t.Fatalf("kustomization.yaml: %v", err)
	}
	return k
}

// generatorSources are the files a generator entry reads ("key=path" or "path").
func generatorSources(files, envs []string) []string {
	var out []string
	for _, f := range files {
		if _, p, ok := strings.Cut(f, "="); ok {
			f = p
		}
		out = append(out, f)
	}
	return append(out, envs...)
}

// TestKubernetesManifests checks the manifests as written: every workload has probes
// on ports it declares, resources and a restricted security context; every Service,
// Secret and ConfigMap a workload or configuration names is defined; Mosaic's
// containers use only flags the binary has, listen beyond loopback on every port they
// declare, and read files only from mounted volumes.
func TestKubernetesManifests(t *testing.T) {
	k := readKustomization(t)
	var objs []obj
	for _, r := range k.Resources {
		b, err := os.ReadFile(filepath.Join(kdir, r))
		if err != nil {
			t.Fatalf("kustomization resource: %v", err)
		}
		objs = append(objs, parseObjects(t, r, b)...)
	}
	var cms, secrets []string
	for _, g := range k.ConfigMapGenerator {
		cms = append(cms, g.Name)
		for _, f := range generatorSources(g.Files, g.Envs) {
			if _, err := os.Stat(filepath.Join(kdir, f)); err != nil {
				t.Errorf("configMapGenerator %s: %v", g.Name, err)
			}
		}
	}
	for _, g := range k.SecretGenerator {
		secrets = append(secrets, g.Name)
		for _, f := range generatorSources(g.Files, g.Envs) {
			// Secrets are generated, never committed: make-secrets must write each.
			if !strings.HasPrefix(f, "secrets/") {
				t.Errorf("secretGenerator %s reads %s, outside secrets/ (which git ignores)", g.Name, f)
			}
		}
	}
	checkObjects(t, objs, cms, secrets)

	// The NATS configuration's routes and Mosaic's NATS URL name Services.
	conf, err := os.ReadFile(filepath.Join(kdir, "nats.conf"))
	if err != nil {
		t.Fatal(err)
	}
	hosts := urlHosts(string(conf))
	for _, o := range objs {
		if str(o, "kind") == "ConfigMap" {
			for _, v := range get(o, "data").(map[string]any) {
				hosts = append(hosts, urlHosts(fmt.Sprint(v))...)
			}
		}
	}
	if len(hosts) == 0 {
		t.Error("no NATS URL or route found")
	}
	services := names(objs, "Service")
	for _, h := range hosts {
		if !slices.Contains(services, serviceOfHost(h, k.Namespace)) {
			t.Errorf("%s names Service %q, which is not defined (have %v)", h, serviceOfHost(h, k.Namespace), services)
		}
	}

	// The NATS users are deploy/nats's, the policy a valid policy.
	same(t, filepath.Join(kdir, "mosaic-accounts.conf"), filepath.Join("nats", "mosaic-accounts.conf"))
}

func same(t *testing.T, a, b string) {
	t.Helper()
	x, err := os.ReadFile(a)
	if err != nil {
		t.Fatal(err)
	}
	y, err := os.ReadFile(b)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(x, y) {
		t.Errorf("%s differs from %s: copy it (cp %s %s)", a, b, b, a)
	}
}

var urlRE = regexp.MustCompile(`\b(?:nats|tls|nats-route)://([a-zA-Z0-9.-]+):\d+`)

func urlHosts(s string) []string {
	var out []string
	for _, m := range urlRE.FindAllStringSubmatch(s, -1) {
		out = append(out, m[1])
	}
	return out
}

// serviceOfHost is the Service a cluster DNS name resolves through: "nats",
// "nats.mosaic.svc", or a StatefulSet pod's "nats-0.nats-headless".
func serviceOfHost(h, ns string) string {
	parts := strings.Split(h, ".")
	if len(parts) >= 2 && parts[1] != ns {
		return parts[1]
	}
	return parts[0]
}

func names(objs []obj, kind string) []string {
	var out []string
	for _, o := range objs {
		if str(o, "kind") == kind {
			out = append(out, str(o, "metadata", "name"))
		}
	}
	return out
}

// checkObjects runs the checks shared by the written and the rendered manifests.
// cms and secrets are the generated ConfigMaps and Secrets (rendered: none extra).
func checkObjects(t *testing.T, objs []obj, cms, secrets []string) {
	t.Helper()
	cms = append(cms, names(objs, "ConfigMap")...)
	secrets = append(secrets, names(objs, "Secret")...)
	services := map[string]obj{}
	for _, o := range objs {
		if str(o, "kind") == "Service" {
			services[str(o, "metadata", "name")] = o
		}
	}
	configData := map[string]map[string]any{}
	for _, o := range objs {
		if str(o, "kind") == "ConfigMap" {
			d, _ := get(o, "data").(map[string]any)
			configData[str(o, "metadata", "name")] = d
		}
	}
	flags := binaryFlags(t)
	type podInfo struct {
		labels    map[string]any
		portNames []string
		workload  string
	}
	var pods []podInfo
	workloads := 0
	for _, o := range objs {
		kind, name := str(o, "kind"), str(o, "metadata", "name")
		if kind != "Deployment" && kind != "StatefulSet" && kind != "DaemonSet" {
			continue
		}
		workloads++
		w := kind + "/" + name
		spec := get(o, "spec", "template", "spec")
		labels, _ := get(o, "spec", "template", "metadata", "labels").(map[string]any)
		for k, v := range get(o, "spec", "selector", "matchLabels").(map[string]any) {
			if labels[k] != v {
				t.Errorf("%s: selector %s=%v does not match the pod labels %v", w, k, v, labels)
			}
		}
		if kind == "StatefulSet" {
			sn := str(o, "spec", "serviceName")
			svc, ok := services[sn]
			if !ok {
				t.Errorf("%s: serviceName %q is not a defined Service", w, sn)
			} else if str(svc, "spec", "clusterIP") != "None" {
				t.Errorf("%s: serviceName %q is not headless (clusterIP: None)", w, sn)
			}
		}
		if get(spec, "automountServiceAccountToken") != false {
			t.Errorf("%s: automountServiceAccountToken should be false (no workload talks to the API server)", w)
		}
		if get(spec, "securityContext", "runAsNonRoot") != true {
			t.Errorf("%s: securityContext.runAsNonRoot is not true", w)
		}
		if str(spec, "securityContext", "seccompProfile", "type") != "RuntimeDefault" {
			t.Errorf("%s: securityContext.seccompProfile.type is not RuntimeDefault", w)
		}
		volumes := map[string]bool{}
		for _, v := range list(spec, "volumes") {
			volumes[str(v, "name")] = true
			if s := str(v, "secret", "secretName"); s != "" && !slices.Contains(secrets, s) {
				t.Errorf("%s: volume %s names Secret %q, which is not defined", w, str(v, "name"), s)
			}
			if c := str(v, "configMap", "name"); c != "" && !slices.Contains(cms, c) {
				t.Errorf("%s: volume %s names ConfigMap %q, which is not defined", w, str(v, "name"), c)
			}
		}
		for _, c := range list(o, "spec", "volumeClaimTemplates") {
			volumes[str(c, "metadata", "name")] = true
		}
		containers := list(spec, "containers")
		if len(containers) == 0 {
			t.Errorf("%s: no containers", w)
		}
		pi := podInfo{labels: labels, workload: w}
		for _, c := range containers {
			cn := w + " container " + str(c, "name")
			ports := map[string]bool{}
			var portNums []int
			for _, p := range list(c, "ports") {
				ports[str(p, "name")] = true
				pi.portNames = append(pi.portNames, str(p, "name"))
				n, _ := get(p, "containerPort").(int)
				ports[strconv.Itoa(n)] = true
				portNums = append(portNums, n)
			}
			for _, probe := range []string{"startupProbe", "livenessProbe", "readinessProbe"} {
				p := get(c, probe)
				if p == nil {
					t.Errorf("%s: no %s", cn, probe)
					continue
				}
				port := ""
				for _, h := range []string{"grpc", "httpGet", "tcpSocket"} {
					if v := get(p, h, "port"); v != nil {
						port = fmt.Sprint(v)
					}
				}
				if port == "" && get(p, "exec") == nil {
					t.Errorf("%s: %s has no grpc, httpGet, tcpSocket or exec check", cn, probe)
				} else if port != "" && !ports[port] {
					t.Errorf("%s: %s checks port %s, which the container does not declare", cn, probe, port)
				}
			}
			for _, r := range [][]string{{"requests", "cpu"}, {"requests", "memory"}, {"limits", "memory"}} {
				if get(c, append([]string{"resources"}, r...)...) == nil {
					t.Errorf("%s: no resources.%s", cn, strings.Join(r, "."))
				}
			}
			if get(c, "securityContext", "allowPrivilegeEscalation") != false {
				t.Errorf("%s: securityContext.allowPrivilegeEscalation is not false", cn)
			}
			if get(c, "securityContext", "readOnlyRootFilesystem") != true {
				t.Errorf("%s: securityContext.readOnlyRootFilesystem is not true", cn)
			}
			if !slices.Contains(list(c, "securityContext", "capabilities", "drop"), any("ALL")) {
				t.Errorf("%s: securityContext.capabilities.drop does not contain ALL", cn)
			}
			var mounts []string
			for _, m := range list(c, "volumeMounts") {
				if !volumes[str(m, "name")] {
					t.Errorf("%s: mounts volume %q, which the pod does not define", cn, str(m, "name"))
				}
				mounts = append(mounts, str(m, "mountPath"))
			}
			// Mosaic's flags: from args, the env and the ConfigMaps loaded with envFrom.
			settings := map[string]string{}
			for _, e := range list(c, "envFrom") {
				if n := str(e, "configMapRef", "name"); n != "" {
					if !slices.Contains(cms, n) {
						t.Errorf("%s: envFrom ConfigMap %q is not defined", cn, n)
					}
					for k, v := range configData[n] {
						settings[k] = fmt.Sprint(v)
					}
				}
				if n := str(e, "secretRef", "name"); n != "" && !slices.Contains(secrets, n) {
					t.Errorf("%s: envFrom Secret %q is not defined", cn, n)
				}
			}
			for _, e := range list(c, "env") {
				if n := str(e, "valueFrom", "secretKeyRef", "name"); n != "" && !slices.Contains(secrets, n) {
					t.Errorf("%s: env %s names Secret %q, which is not defined", cn, str(e, "name"), n)
				}
				if n := str(e, "valueFrom", "configMapKeyRef", "name"); n != "" && !slices.Contains(cms, n) {
					t.Errorf("%s: env %s names ConfigMap %q, which is not defined", cn, str(e, "name"), n)
				}
				settings[str(e, "name")] = str(e, "value")
			}
			if !strings.HasPrefix(str(c, "image"), "mosaic") {
				continue
			}
			if len(list(c, "command")) > 0 {
				t.Errorf("%s: overrides the image's entry point (the image has no shell)", cn)
			}
			for _, a := range list(c, "args") {
				s := fmt.Sprint(a)
				name, val, _ := strings.Cut(strings.TrimLeft(s, "-"), "=")
				if !strings.HasPrefix(s, "--") {
					t.Errorf("%s: argument %q is not a --flag=value", cn, s)
					continue
				}
				settings["MOSAIC_"+strings.ToUpper(strings.ReplaceAll(name, "-", "_"))] = val
			}
			var listens []string
			for k, v := range settings {
				if !strings.HasPrefix(k, "MOSAIC_") {
					continue
				}
				flag := strings.ToLower(strings.ReplaceAll(strings.TrimPrefix(k, "MOSAIC_"), "_", "-"))
				if !slices.Contains(flags, flag) {
					t.Errorf("%s: %s: the binary has no flag --%s", cn, k, flag)
				}
				if strings.HasSuffix(flag, "-addr") && v != "" {
					host, port, err := net.SplitHostPort(v)
					if err != nil {
						t.Errorf("%s: --%s=%q: %v", cn, flag, v, err)
						continue
					}
					if ip := net.ParseIP(host); host == "localhost" || (ip != nil && ip.IsLoopback()) {
						t.Errorf("%s: --%s=%s listens on loopback only: nothing outside the pod reaches it", cn, flag, v)
					}
					listens = append(listens, port)
				}
				if strings.HasPrefix(v, "/") && k != "MOSAIC_DATA_DIR" {
					if !slices.ContainsFunc(mounts, func(m string) bool { return strings.HasPrefix(v, m+"/") }) {
						t.Errorf("%s: --%s=%s is on no mounted volume", cn, flag, v)
					}
				}
			}
			// Encrypted at rest under a key kept apart from the data: from a secret, not
			// generated on the data volume (where a copy of the volume would carry it).
			if settings["MOSAIC_INSECURE_NO_DATA_ENCRYPTION"] != "" && settings["MOSAIC_INSECURE_NO_DATA_ENCRYPTION"] != "false" {
				t.Errorf("%s: --insecure-no-data-encryption: the data would be stored in plaintext", cn)
			}
			if k := settings["MOSAIC_DATA_KEY_FILE"]; k == "" || (settings["MOSAIC_DATA_DIR"] != "" && strings.HasPrefix(k, settings["MOSAIC_DATA_DIR"]+"/")) {
				t.Errorf("%s: --data-key-file=%q: the data key must come from a mounted secret, not the data volume", cn, k)
			}
			if d := settings["MOSAIC_DATA_DIR"]; d == "" || !slices.Contains(mounts, d) {
				t.Errorf("%s: the data directory %q is not a mounted volume (the root filesystem is read-only)", cn, d)
			}
			for _, p := range portNums {
				if !slices.Contains(listens, strconv.Itoa(p)) {
					t.Errorf("%s: declares port %d but no --*-addr listens on it (listening on %v)", cn, p, listens)
				}
			}
			if slices.Contains(listens, "8080") || ports["console"] {
				if settings["MOSAIC_MODERATORS"] == "" {
					t.Errorf("%s: serves the console without --moderators: the console would be off", cn)
				}
			}
		}
		pods = append(pods, pi)
	}
	if workloads == 0 {
		t.Fatal("no workloads found")
	}
	// Every Service selects pods, on ports they declare.
	for name, svc := range services {
		sel, _ := get(svc, "spec", "selector").(map[string]any)
		if len(sel) == 0 {
			t.Errorf("Service %s: no selector", name)
			continue
		}
		var matched []podInfo
		for _, p := range pods {
			ok := true
			for k, v := range sel {
				ok = ok && p.labels[k] == v
			}
			if ok {
				matched = append(matched, p)
			}
		}
		if len(matched) == 0 {
			t.Errorf("Service %s: selector %v matches no workload", name, sel)
			continue
		}
		for _, port := range list(svc, "spec", "ports") {
			tp := str(port, "targetPort")
			if tp == "" {
				continue
			}
			if !slices.ContainsFunc(matched, func(p podInfo) bool { return slices.Contains(p.portNames, tp) }) {
				t.Errorf("Service %s: targetPort %q is declared by none of its pods", name, tp)
			}
		}
	}
}

var flagRE = regexp.MustCompile(`fs\.\w+Var\(&[^,]+,\s*"([a-z0-9-]+)"`)

// binaryFlags are the serve flags of the binary (gateway/main.go).
func binaryFlags(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "gateway", "main.go"))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, m := range flagRE.FindAllSubmatch(b, -1) {
		out = append(out, string(m[1]))
	}
	if len(out) < 10 {
		t.Fatalf("found only %d flags in gateway/main.go", len(out))
	}
	return out
}

// TestKubernetesRenders renders the kustomization as `kubectl apply -k` would, with
// secrets written by make-secrets, and checks the rendered objects again: every
// object in the namespace, the generated Secrets and ConfigMaps present.
func TestKubernetesRenders(t *testing.T) {
	kubectl, err := exec.LookPath("kubectl")
	if err != nil {
		t.Skip("kubectl not found: the kustomization is not rendered (TestKubernetesManifests still checks the files)")
	}
	work := t.TempDir()
	if err := os.CopyFS(work, os.DirFS(kdir)); err != nil {
		t.Fatal(err)
	}
	secretsDir := filepath.Join(work, "secrets")
	os.RemoveAll(secretsDir)
	writeSecrets(t, secretsDir)
	out, err := exec.Command(kubectl, "kustomize", work).Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			t.Fatalf("kubectl kustomize: %v\n%s", err, ee.Stderr)
		}
		t.Fatal(err)
	}
	objs := parseObjects(t, "rendered", out)
	k := readKustomization(t)
	for _, o := range objs {
		if str(o, "kind") != "Namespace" && str(o, "metadata", "namespace") != k.Namespace {
			t.Errorf("%s/%s: namespace %q, want %q", str(o, "kind"), str(o, "metadata", "name"), str(o, "metadata", "namespace"), k.Namespace)
		}
	}
	for _, g := range k.SecretGenerator {
		if !slices.Contains(names(objs, "Secret"), g.Name) {
			t.Errorf("Secret %s was not generated", g.Name)
		}
	}
	checkObjects(t, objs, nil, nil)
}

// writeSecrets runs make-secrets into dir (needs openssl and go), or, when it cannot
// run here, writes placeholder files for every file the generators read.
func writeSecrets(t *testing.T, dir string) {
	t.Helper()
	if _, err := exec.LookPath("openssl"); err == nil && !testing.Short() {
		cmd := exec.Command("bash", filepath.Join(kdir, "make-secrets"))
		cmd.Env = append(os.Environ(), "SECRETS_DIR="+dir)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("make-secrets: %v\n%s", err, out)
		}
		// Every file the generators read is one make-secrets writes.
		for _, g := range readKustomization(t).SecretGenerator {
			for _, f := range generatorSources(g.Files, g.Envs) {
				if _, err := os.Stat(filepath.Join(dir, filepath.Base(f))); err != nil {
					t.Errorf("secretGenerator %s reads %s, which make-secrets did not write", g.Name, f)
				}
			}
		}
		return
	}
	t.Log("openssl missing or -short: placeholder secrets instead of make-secrets")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	for _, g := range readKustomization(t).SecretGenerator {
		for _, f := range generatorSources(g.Files, g.Envs) {
			content := "placeholder\n"
			if strings.HasSuffix(f, ".env") {
				content = "PLACEHOLDER=x\n"
			}
			if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), []byte(content), 0o600); err != nil {
				t.Fatal(err)
			}
		}
	}
}
