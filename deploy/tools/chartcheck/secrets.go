package main

import (
	"encoding/json"
	"regexp"
	"strings"

	corev1 "k8s.io/api/core/v1"
)

// A variable with one of these in its name carries a secret: it must come from a Secret (valueFrom), or be the path
// of a file or folder (PGAW_..._FILE=/run/secrets/...), never the secret itself.
var secretName = regexp.MustCompile(`(?i)(PASSWORD|PASSWD|SECRET|TOKEN|PRIVATE_KEY|API_KEY)`)

// No secret in plain sight: no rendered Secret's value appears in any other object (a ConfigMap, an environment
// variable, an annotation), and no secret-named variable holds a literal value.
func (c *checker) secretsStayHidden() {
	var values []string
	for _, o := range c.objects {
		s, ok := o.obj.(*corev1.Secret)
		if !ok {
			continue
		}
		for k, v := range s.Data {
			if k != "username" && len(v) >= 8 { // a role's name is public: it stands in the Cluster too
				values = append(values, string(v))
			}
		}
		for k, v := range s.StringData {
			if k != "username" && len(v) >= 8 {
				values = append(values, v)
			}
		}
	}
	for _, o := range c.objects {
		if _, ok := o.obj.(*corev1.Secret); ok {
			continue
		}
		text, err := json.Marshal(o.obj)
		if err != nil {
			c.fail("%s: %v", o, err)
			continue
		}
		for _, v := range values {
			if strings.Contains(string(text), v) {
				c.fail("%s: contains the value of a Secret in plain text", o)
				break
			}
		}
	}
	for _, p := range c.pods {
		if p.spec == nil {
			continue
		}
		for _, ctr := range containersOf(p.spec) {
			for _, env := range ctr.Env {
				if secretName.MatchString(env.Name) && env.ValueFrom == nil && !strings.HasPrefix(env.Value, "/") {
					c.fail("%s container %s: %s holds a literal value; take it from a Secret (valueFrom) or name a mounted file",
						p.owner, ctr.Name, env.Name)
				}
			}
		}
	}
}
