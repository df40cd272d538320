// chartcheck validates a Helm chart offline, for real: it lints the chart and renders it with each values variant
// through the Helm v4 SDK (what `helm lint` and `helm template` run), then decodes EVERY rendered object strictly
// into the Go type its apiVersion and kind name: Kubernetes (k8s.io/api), CloudNativePG and cert-manager, and
// checks the operators' objects against their CRDs' schemas too (crds.go). An unknown kind, an unknown field, a
// wrong type or a value the schema refuses fails, and so does a broken promise of the chart (checks.go):
// limits on every container, the proxy's probes, PodDisruptionBudgets and Services that select pods, no secret in
// plain sight. It prints one line per variant and exits 1 on the first variant with a problem.
//
//	./install.sh /tmp/cc && /tmp/cc/chartcheck -chart ../../helm/pgaw -values ../../helm/pgaw/ci/minimal-values.yaml
//	/tmp/cc/chartcheck -chart ../../helm/pgaw -ci [-out DIR]     # every ci/*-values.yaml of the chart
package main

import (
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

type fileList []string

func (f *fileList) String() string     { return strings.Join(*f, ",") }
func (f *fileList) Set(v string) error { *f = append(*f, v); return nil }

func main() {
	chartDir := flag.String("chart", "deploy/helm/pgaw", "the chart directory")
	var values fileList
	flag.Var(&values, "values", "a values file, or several joined by commas (later ones override): one variant (repeatable)")
	ciVariants := flag.Bool("ci", false, "also every ci/*-values.yaml of the chart")
	release := flag.String("release", "pgaw", "the release name to render with")
	namespace := flag.String("namespace", "pgaw", "the namespace to render into")
	outDir := flag.String("out", "", "write each variant's rendered manifests to DIR/<variant>.yaml")
	crdDir := flag.String("crds", "", "the operators' CRDs (default: chartcheck-crds beside this program, see install.sh)")
	flag.Parse()
	// Helm logs at INFO (e.g. each symbolic link it follows: files/ links to stack/pgadmin/); problems are errors.
	slog.SetDefault(slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn})))

	if *ciVariants {
		found, err := filepath.Glob(filepath.Join(*chartDir, "ci", "*-values.yaml"))
		if err != nil || len(found) == 0 {
			fail("no ci/*-values.yaml in %s", *chartDir)
		}
		sort.Strings(found)
		values = append(values, found...)
	}
	if len(values) == 0 {
		fail("name at least one values file (-values FILE) or -ci")
	}
	scheme, err := newScheme()
	if err != nil {
		fail("building the API scheme: %v", err)
	}
	if *crdDir == "" {
		exe, err := os.Executable()
		if err != nil {
			fail("%v", err)
		}
		*crdDir = filepath.Join(filepath.Dir(exe), "chartcheck-crds")
	}
	crds, err := loadCRDs(*crdDir)
	if err != nil {
		fail("%v", err)
	}
	for _, v := range values {
		parts := strings.Split(v, ",")
		name := strings.TrimSuffix(filepath.Base(parts[len(parts)-1]), ".yaml")
		rendered, err := lintAndRender(*chartDir, v, *release, *namespace)
		if err != nil {
			fail("%s: %v", name, err)
		}
		if *outDir != "" {
			if err := os.MkdirAll(*outDir, 0o755); err != nil {
				fail("%v", err)
			}
			if err := os.WriteFile(filepath.Join(*outDir, name+".yaml"), []byte(rendered.joined()), 0o644); err != nil {
				fail("%v", err)
			}
		}
		objects, err := decodeAll(scheme, crds, rendered.docs)
		if err != nil {
			fail("%s: %v", name, err)
		}
		if problems := check(objects); len(problems) > 0 {
			fail("%s: the chart breaks %d of its promises:\n  %s", name, len(problems), strings.Join(problems, "\n  "))
		}
		fmt.Printf("chartcheck: %s: lint clean, %d objects decoded strictly, every check passed (%s)\n",
			name, len(objects), kindsSummary(objects))
	}
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "chartcheck: "+format+"\n", args...)
	os.Exit(1)
}
