// Package deploy holds Mosaic's deployment files (the image build, Kubernetes
// manifests, NATS configuration, systemd units and the policy file) and, in its tests,
// the checks that keep them deployable: `go test ./deploy` parses and renders the
// Kubernetes manifests and checks every workload's probes, resources and security
// context and that everything they reference is defined; checks the NATS
// configuration loads; scores the systemd units with systemd-analyze; and builds the
// image where docker (or buildah) works, skipping with a message where it does not.
package deploy
