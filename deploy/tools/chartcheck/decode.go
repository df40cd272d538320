package main

import (
	"fmt"
	"sort"
	"strings"

	certmanagerv1 "github.com/cert-manager/cert-manager/pkg/apis/certmanager/v1"
	cnpgv1 "github.com/cloudnative-pg/cloudnative-pg/api/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	clientgoscheme "k8s.io/client-go/kubernetes/scheme"
	kjson "sigs.k8s.io/json"
	"sigs.k8s.io/yaml"
)

// object is one rendered document decoded into its API type.
type object struct {
	source string
	gvk    schema.GroupVersionKind
	obj    runtime.Object
	meta   metav1.Object
}

func (o object) String() string {
	return fmt.Sprintf("%s %s (%s)", o.gvk.Kind, o.meta.GetName(), o.source)
}

// newScheme knows the built-in Kubernetes APIs and the two operators' APIs, nothing else: any other kind fails.
func newScheme() (*runtime.Scheme, error) {
	s := runtime.NewScheme()
	for _, add := range []func(*runtime.Scheme) error{clientgoscheme.AddToScheme, cnpgv1.AddToScheme, certmanagerv1.AddToScheme} {
		if err := add(s); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// decodeAll decodes every document as the API server would: YAML with duplicate keys refused, then JSON into the
// typed struct, case-sensitive, with unknown and duplicate fields refused (sigs.k8s.io/json strict mode, the
// decoder the API server uses for fieldValidation=Strict). Wrong types fail in the JSON decoder.
func decodeAll(s *runtime.Scheme, crds crdSchemas, docs []document) ([]object, error) {
	var objects []object
	var problems []string
	seen := map[string]string{}
	for _, d := range docs {
		o, err := decodeOne(s, crds, d)
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s: %v", d.source, err))
			continue
		}
		id := o.gvk.GroupKind().String() + "/" + o.meta.GetNamespace() + "/" + o.meta.GetName()
		if other, dup := seen[id]; dup {
			problems = append(problems, fmt.Sprintf("%s: %s %s is also rendered by %s", d.source, o.gvk.Kind, o.meta.GetName(), other))
		}
		seen[id] = d.source
		objects = append(objects, o)
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("%d rendered objects do not decode strictly:\n  %s", len(problems), strings.Join(problems, "\n  "))
	}
	return objects, nil
}

func decodeOne(s *runtime.Scheme, crds crdSchemas, d document) (object, error) {
	data, err := yaml.YAMLToJSONStrict([]byte(d.yaml))
	if err != nil {
		return object{}, fmt.Errorf("not valid YAML: %w", err)
	}
	var tm metav1.TypeMeta
	if err := kjson.UnmarshalCaseSensitivePreserveInts(data, &tm); err != nil {
		return object{}, fmt.Errorf("no apiVersion/kind: %w", err)
	}
	gv, err := schema.ParseGroupVersion(tm.APIVersion)
	if err != nil || tm.Kind == "" {
		return object{}, fmt.Errorf("apiVersion %q / kind %q are not a type", tm.APIVersion, tm.Kind)
	}
	gvk := gv.WithKind(tm.Kind)
	obj, err := s.New(gvk)
	if err != nil {
		return object{}, fmt.Errorf("unknown kind %s: not a Kubernetes, CloudNativePG or cert-manager type", gvk)
	}
	strict, err := kjson.UnmarshalStrict(data, obj)
	if err != nil {
		return object{}, fmt.Errorf("%s: %w", gvk.Kind, err)
	}
	if len(strict) > 0 {
		var msgs []string
		for _, e := range strict {
			msgs = append(msgs, e.Error())
		}
		sort.Strings(msgs)
		return object{}, fmt.Errorf("%s: %s", gvk.Kind, strings.Join(msgs, "; "))
	}
	if err := crds.validate(gvk, data); err != nil {
		return object{}, err
	}
	meta, ok := obj.(metav1.Object)
	if !ok || meta.GetName() == "" {
		return object{}, fmt.Errorf("%s has no metadata.name", gvk.Kind)
	}
	return object{source: d.source, gvk: gvk, obj: obj, meta: meta}, nil
}

func kindsSummary(objects []object) string {
	count := map[string]int{}
	for _, o := range objects {
		count[o.gvk.Kind]++
	}
	var kinds []string
	for k := range count {
		kinds = append(kinds, fmt.Sprintf("%d %s", count[k], k))
	}
	sort.Strings(kinds)
	return strings.Join(kinds, ", ")
}
