package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"k8s.io/apiextensions-apiserver/pkg/apis/apiextensions"
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	"k8s.io/apiextensions-apiserver/pkg/apiserver/validation"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"sigs.k8s.io/yaml"
)

// The operators' own CustomResourceDefinitions, from the same module versions as the Go types (install.sh copies
// them next to the binary): their OpenAPI schemas catch what a Go type cannot say, such as an enum's allowed
// values, a pattern, a minimum. Their CEL rules run only in a cluster.
type crdSchemas map[schema.GroupVersionKind]validation.SchemaValidator

func loadCRDs(dir string) (crdSchemas, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil || len(files) == 0 {
		return nil, fmt.Errorf("no CustomResourceDefinitions in %s: build with deploy/tools/chartcheck/install.sh, or name them with -crds", dir)
	}
	out := crdSchemas{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		var crd apiextensionsv1.CustomResourceDefinition
		if err := yaml.Unmarshal(data, &crd); err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		for _, v := range crd.Spec.Versions {
			if v.Schema == nil || !v.Served {
				continue
			}
			internal := &apiextensions.CustomResourceValidation{}
			if err := apiextensionsv1.Convert_v1_CustomResourceValidation_To_apiextensions_CustomResourceValidation(v.Schema, internal, nil); err != nil {
				return nil, fmt.Errorf("%s %s: %w", f, v.Name, err)
			}
			validator, _, err := validation.NewSchemaValidator(internal.OpenAPIV3Schema)
			if err != nil {
				return nil, fmt.Errorf("%s %s: %w", f, v.Name, err)
			}
			out[schema.GroupVersionKind{Group: crd.Spec.Group, Version: v.Name, Kind: crd.Spec.Names.Kind}] = validator
		}
	}
	return out, nil
}

// validate checks one object of an operator's group against its CRD's schema; built-in kinds pass through.
func (c crdSchemas) validate(gvk schema.GroupVersionKind, data []byte) error {
	if !strings.Contains(gvk.Group, ".") || strings.HasSuffix(gvk.Group, ".k8s.io") {
		return nil // core, apps, batch, policy, networking.k8s.io...: the Go types are the schema
	}
	v, ok := c[gvk]
	if !ok {
		return fmt.Errorf("no CustomResourceDefinition serves %s", gvk)
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		return err
	}
	if errs := validation.ValidateCustomResource(nil, m, v); len(errs) > 0 {
		return fmt.Errorf("%s against its CRD schema: %s", gvk.Kind, errs.ToAggregate().Error())
	}
	return nil
}
