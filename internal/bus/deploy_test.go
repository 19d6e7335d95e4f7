package bus_test

import (
	"maps"
	"slices"
	"testing"

	"github.com/nats-io/nats-server/v2/conf"
	"github.com/nats-io/nats-server/v2/server"

	"github.com/mosaicgw/mosaic/internal/bus"
)

const testHash = "$2y$11$abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXY"

// The deployable NATS configuration grants each user exactly what the embedded
// server grants the same role, so split mode on a cluster behaves like the all-in-one
// binary.
func TestDeployConfigMatchesPermissions(t *testing.T) {
	for _, v := range []string{"GATEWAY", "LINKER", "HOLDER", "PLATFORM", "SYS"} {
		// As deploy/nats/README.md writes them: a bcrypt hash in double quotes.
		t.Setenv("MOSAIC_NATS_"+v+"_PASSWORD", `"`+testHash+`"`)
	}
	opts, err := server.ProcessConfigFile("../../deploy/nats/mosaic-accounts.conf")
	if err != nil {
		t.Fatal(err)
	}
	users := map[string]*server.User{}
	for _, u := range opts.Users {
		users[u.Username] = u
	}
	for _, r := range bus.Roles() {
		u := users[bus.UserName(r)]
		if u == nil {
			t.Errorf("deploy config has no user %q", bus.UserName(r))
			continue
		}
		if u.Password != testHash {
			t.Errorf("user %s password %q, want the hash from the environment", u.Username, u.Password)
		}
		if u.Account == nil || u.Account.Name != "MOSAIC" {
			t.Errorf("user %s is not in account MOSAIC", u.Username)
		}
		want := bus.Permissions(r)
		p := u.Permissions
		if p == nil || p.Publish == nil || p.Subscribe == nil {
			t.Errorf("user %s has no publish and subscribe permissions", u.Username)
			continue
		}
		same := func(what string, got, want []string) {
			g, w := slices.Sorted(slices.Values(got)), slices.Sorted(slices.Values(want))
			if !slices.Equal(g, w) {
				t.Errorf("user %s %s: deploy config %v, code %v", u.Username, what, g, w)
			}
		}
		same("publish allow", p.Publish.Allow, want.Publish)
		same("publish deny", p.Publish.Deny, nil)
		same("subscribe allow", p.Subscribe.Allow, want.Subscribe)
		same("subscribe deny", p.Subscribe.Deny, want.SubscribeDeny)
		if (p.Response != nil) != want.AllowResponses {
			t.Errorf("user %s allow_responses: deploy config %v, code %v", u.Username, p.Response != nil, want.AllowResponses)
		}
	}
	if len(users) != len(bus.Roles())+1 { // and the system account's user
		t.Errorf("deploy config has users %v", slices.Sorted(maps.Keys(users)))
	}
}

// The cluster configuration parses (with its include), and requires TLS on client and
// route connections and runs JetStream.
func TestDeployClusterConfigParses(t *testing.T) {
	for _, v := range []string{"GATEWAY", "LINKER", "HOLDER", "PLATFORM", "SYS"} {
		// As deploy/nats/README.md writes them: a bcrypt hash in double quotes.
		t.Setenv("MOSAIC_NATS_"+v+"_PASSWORD", `"`+testHash+`"`)
	}
	t.Setenv("MOSAIC_JETSTREAM_KEY", "k3yfromthe3nvironment")
	m, err := conf.ParseFile("../../deploy/nats/nats-cluster.conf")
	if err != nil {
		t.Fatal(err)
	}
	if js, _ := m["jetstream"].(map[string]any); js["cipher"] != "aes" || js["key"] != "k3yfromthe3nvironment" {
		t.Errorf("nats-cluster.conf: JetStream not encrypted at rest with the key from the environment: %v", js)
	}
	for _, key := range []string{"tls", "jetstream", "accounts", "system_account"} {
		if _, ok := m[key]; !ok {
			t.Errorf("nats-cluster.conf has no %s", key)
		}
	}
	cluster, _ := m["cluster"].(map[string]any)
	if _, ok := cluster["tls"]; !ok {
		t.Error("nats-cluster.conf: routes without TLS")
	}
	for _, key := range []string{"no_auth_user", "authorization"} {
		if _, ok := m[key]; ok {
			t.Errorf("nats-cluster.conf sets %s: every user belongs in mosaic-accounts.conf", key)
		}
	}
}
