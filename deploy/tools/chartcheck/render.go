package main

import (
	"fmt"
	"sort"
	"strings"

	"helm.sh/helm/v4/pkg/action"
	"helm.sh/helm/v4/pkg/chart/common"
	"helm.sh/helm/v4/pkg/chart/v2/lint/support"
	"helm.sh/helm/v4/pkg/chart/v2/loader"
	release "helm.sh/helm/v4/pkg/release/v1"
	releaseutil "helm.sh/helm/v4/pkg/release/v1/util"
)

// The Kubernetes version the chart is rendered for, and the APIs of the operators it needs (as `helm template
// --kube-version ... --api-versions ...` would be told).
const kubeVersion = "v1.33.0"

var operatorAPIs = []string{"postgresql.cnpg.io/v1", "cert-manager.io/v1"}

// A rendered document and the template it came from.
type document struct {
	source string
	yaml   string
}

type rendered struct{ docs []document }

func (r rendered) joined() string {
	var b strings.Builder
	for _, d := range r.docs {
		fmt.Fprintf(&b, "---\n# Source: %s\n%s\n", d.source, d.yaml)
	}
	return b.String()
}

// lintAndRender runs `helm lint --strict` and `helm template` (hooks included) with one variant: a values file, or
// several joined by commas that override each other in order (as `helm template -f a.yaml -f b.yaml`).
func lintAndRender(chartDir, valuesFiles, releaseName, namespace string) (rendered, error) {
	vals := map[string]any{}
	for _, f := range strings.Split(valuesFiles, ",") {
		v, err := common.ReadValuesFile(f)
		if err != nil {
			return rendered{}, fmt.Errorf("reading %s: %w", f, err)
		}
		vals = mergeValues(vals, v)
	}
	kv, err := common.ParseKubeVersion(kubeVersion)
	if err != nil {
		return rendered{}, err
	}

	lint := action.NewLint()
	lint.Strict = true
	lint.Namespace = namespace
	lint.KubeVersion = kv
	result := lint.Run([]string{chartDir}, vals)
	if len(result.Errors) > 0 {
		var msgs []string
		for _, m := range result.Messages {
			if m.Severity > support.InfoSev { // not "icon is recommended"
				msgs = append(msgs, m.Error())
			}
		}
		for _, e := range result.Errors {
			msgs = append(msgs, e.Error())
		}
		return rendered{}, fmt.Errorf("helm lint --strict failed:\n  %s", strings.Join(dedupe(msgs), "\n  "))
	}

	chart, err := loader.Load(chartDir)
	if err != nil {
		return rendered{}, fmt.Errorf("loading the chart: %w", err)
	}
	install := action.NewInstall(action.NewConfiguration())
	install.DryRunStrategy = action.DryRunClient
	install.ReleaseName = releaseName
	install.Namespace = namespace
	install.Replace = true
	install.KubeVersion = kv
	install.APIVersions = common.VersionSet(operatorAPIs)
	out, err := install.Run(chart, vals)
	if err != nil {
		return rendered{}, fmt.Errorf("helm template failed: %w", err)
	}
	rel, ok := out.(*release.Release)
	if !ok {
		return rendered{}, fmt.Errorf("helm returned a %T, not a v1 release", out)
	}
	var docs []document
	docs = append(docs, split(rel.Manifest)...)
	for _, h := range rel.Hooks {
		docs = append(docs, split("# Source: "+h.Path+"\n"+h.Manifest)...)
	}
	if len(docs) == 0 {
		return rendered{}, fmt.Errorf("the chart rendered no objects")
	}
	return rendered{docs: docs}, nil
}

// split cuts a manifest stream into documents, in order, each with its "# Source:" template.
func split(manifest string) []document {
	parts := releaseutil.SplitManifests(manifest)
	keys := make([]string, 0, len(parts))
	for k := range parts {
		keys = append(keys, k)
	}
	sort.Sort(releaseutil.BySplitManifestsOrder(keys))
	var docs []document
	for _, k := range keys {
		text := strings.TrimSpace(parts[k])
		source := "?"
		var body []string
		for _, line := range strings.Split(text, "\n") {
			if s, ok := strings.CutPrefix(line, "# Source: "); ok {
				source = s
				continue
			}
			body = append(body, line)
		}
		if strings.TrimSpace(strings.Join(body, "\n")) == "" {
			continue
		}
		docs = append(docs, document{source: source, yaml: strings.Join(body, "\n")})
	}
	return docs
}

func dedupe(in []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range in {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// mergeValues lays b over a: maps merge key by key, anything else in b replaces a's (a null stays, and then removes
// the chart's default, as with helm -f).
func mergeValues(a, b map[string]any) map[string]any {
	out := make(map[string]any, len(a))
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		if bm, ok := v.(map[string]any); ok {
			if am, ok := out[k].(map[string]any); ok {
				out[k] = mergeValues(am, bm)
				continue
			}
		}
		out[k] = v
	}
	return out
}
