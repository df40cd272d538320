package main

import (
	"fmt"
	"strings"

	certmanagerv1 "github.com/cert-manager/cert-manager/pkg/apis/certmanager/v1"
	cnpgv1 "github.com/cloudnative-pg/cloudnative-pg/api/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	policyv1 "k8s.io/api/policy/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
)

// check returns every broken promise of the chart, one line each.
func check(objects []object) []string {
	c := checker{objects: objects, pods: podsOf(objects)}
	c.limitsAndSecurity()
	c.proxyProbes()
	c.disruptionBudgets()
	c.services()
	c.ingresses()
	c.addresses()
	c.secretsStayHidden()
	c.configMapsExist()
	return c.problems
}

type checker struct {
	objects  []object
	pods     []pod
	problems []string
}

func (c *checker) fail(format string, args ...any) {
	c.problems = append(c.problems, fmt.Sprintf(format, args...))
}

// Every container has CPU and memory limits and runs unprivileged; so does every CloudNativePG cluster.
func (c *checker) limitsAndSecurity() {
	for _, p := range c.pods {
		if p.spec == nil {
			continue
		}
		podNonRoot := p.spec.SecurityContext != nil && p.spec.SecurityContext.RunAsNonRoot != nil && *p.spec.SecurityContext.RunAsNonRoot
		for _, ctr := range containersOf(p.spec) {
			where := fmt.Sprintf("%s container %s", p.owner, ctr.Name)
			if ctr.Resources.Limits.Cpu().IsZero() || ctr.Resources.Limits.Memory().IsZero() {
				c.fail("%s: no cpu and memory limits", where)
			}
			sc := ctr.SecurityContext
			if sc == nil {
				c.fail("%s: no securityContext", where)
				continue
			}
			if !podNonRoot && (sc.RunAsNonRoot == nil || !*sc.RunAsNonRoot) {
				c.fail("%s: may run as root (runAsNonRoot)", where)
			}
			if sc.AllowPrivilegeEscalation == nil || *sc.AllowPrivilegeEscalation {
				c.fail("%s: allowPrivilegeEscalation is not false", where)
			}
			if sc.ReadOnlyRootFilesystem == nil || !*sc.ReadOnlyRootFilesystem {
				c.fail("%s: root filesystem is writable", where)
			}
			if sc.Capabilities == nil || len(sc.Capabilities.Drop) != 1 || sc.Capabilities.Drop[0] != "ALL" {
				c.fail("%s: capabilities are not dropped (drop: [ALL])", where)
			}
			for _, probe := range []*corev1.Probe{ctr.StartupProbe, ctr.ReadinessProbe, ctr.LivenessProbe} {
				if probe != nil && probe.HTTPGet != nil && !p.ports[probe.HTTPGet.Port.String()] {
					c.fail("%s: a probe uses port %s, which the pod does not declare", where, probe.HTTPGet.Port.String())
				}
			}
		}
	}
	for _, o := range c.objects {
		if cl, ok := o.obj.(*cnpgv1.Cluster); ok {
			if cl.Spec.Resources.Limits.Cpu().IsZero() || cl.Spec.Resources.Limits.Memory().IsZero() {
				c.fail("%s: no cpu and memory limits (spec.resources.limits)", o)
			}
		}
	}
}

// The proxy is a Deployment whose pods are ready only while /health says so, and restarted when it stops answering.
func (c *checker) proxyProbes() {
	found := false
	for _, p := range c.pods {
		if p.labels["app.kubernetes.io/component"] != "proxy" || p.spec == nil {
			continue
		}
		found = true
		if !strings.HasPrefix(p.owner, "Deployment ") {
			c.fail("%s: the proxy is meant to be a Deployment", p.owner)
		}
		for _, ctr := range p.spec.Containers {
			for name, probe := range map[string]*corev1.Probe{"readiness": ctr.ReadinessProbe, "liveness": ctr.LivenessProbe} {
				if probe == nil || probe.HTTPGet == nil || probe.HTTPGet.Path != "/health" {
					c.fail("%s container %s: no %s probe on GET /health", p.owner, ctr.Name, name)
				}
			}
		}
	}
	if !found {
		c.fail("no pod labelled app.kubernetes.io/component=proxy is rendered")
	}
}

// Each PodDisruptionBudget covers pods that exist and lets a drain proceed; one covers the proxy.
func (c *checker) disruptionBudgets() {
	proxyCovered := false
	for _, o := range c.objects {
		pdb, ok := o.obj.(*policyv1.PodDisruptionBudget)
		if !ok {
			continue
		}
		sel, err := metav1.LabelSelectorAsSelector(pdb.Spec.Selector)
		if err != nil {
			c.fail("%s: selector: %v", o, err)
			continue
		}
		matched := selecting(c.pods, o.meta.GetNamespace(), sel)
		if len(matched) == 0 {
			c.fail("%s: selects no pod", o)
		}
		for _, p := range matched {
			if p.labels["app.kubernetes.io/component"] == "proxy" {
				proxyCovered = true
			}
		}
		if pdb.Spec.MaxUnavailable != nil && pdb.Spec.MaxUnavailable.IntValue() < 1 && pdb.Spec.MaxUnavailable.String() != "" &&
			!strings.HasSuffix(pdb.Spec.MaxUnavailable.String(), "%") {
			c.fail("%s: maxUnavailable %s blocks every node drain", o, pdb.Spec.MaxUnavailable.String())
		}
	}
	if !proxyCovered {
		c.fail("no PodDisruptionBudget selects the proxy pods")
	}
}

// Every Service selects pods that exist, on ports those pods have.
func (c *checker) services() {
	for _, o := range c.objects {
		svc, ok := o.obj.(*corev1.Service)
		if !ok {
			continue
		}
		if len(svc.Spec.Selector) == 0 {
			c.fail("%s: no selector", o)
			continue
		}
		matched := selecting(c.pods, o.meta.GetNamespace(), labels.SelectorFromSet(svc.Spec.Selector))
		if len(matched) == 0 {
			c.fail("%s: selects no pod (selector %v)", o, svc.Spec.Selector)
			continue
		}
		for _, port := range svc.Spec.Ports {
			target := port.TargetPort.String()
			if port.TargetPort.IntValue() == 0 && target == "0" || target == "" {
				target = fmt.Sprint(port.Port)
			}
			if !matched[0].ports[target] && matched[0].spec != nil {
				c.fail("%s: port %s targets %s, which %s does not declare", o, port.Name, target, matched[0].owner)
			}
		}
	}
}

// Every Ingress backend is a rendered Service port, and its TLS Secret is one a Certificate fills.
func (c *checker) ingresses() {
	certSecrets := map[string]bool{}
	for _, o := range c.objects {
		if crt, ok := o.obj.(*certmanagerv1.Certificate); ok {
			certSecrets[crt.Spec.SecretName] = true
		}
	}
	for _, o := range c.objects {
		ing, ok := o.obj.(*networkingv1.Ingress)
		if !ok {
			continue
		}
		for _, tls := range ing.Spec.TLS {
			if !certSecrets[tls.SecretName] {
				c.fail("%s: TLS Secret %s is filled by no Certificate", o, tls.SecretName)
			}
		}
		for _, rule := range ing.Spec.Rules {
			if rule.HTTP == nil {
				continue
			}
			for _, path := range rule.HTTP.Paths {
				b := path.Backend.Service
				if b == nil {
					c.fail("%s: a path without a Service backend", o)
					continue
				}
				svc := c.service(o.meta.GetNamespace(), b.Name)
				if svc == nil {
					c.fail("%s: backend Service %s is not rendered", o, b.Name)
					continue
				}
				if !servicePort(svc, b.Port.Name, b.Port.Number) {
					c.fail("%s: Service %s has no port %s%d", o, b.Name, b.Port.Name, b.Port.Number)
				}
			}
		}
	}
}

// Volumes name ConfigMaps that are rendered.
func (c *checker) configMapsExist() {
	rendered := map[string]bool{}
	for _, o := range c.objects {
		if _, ok := o.obj.(*corev1.ConfigMap); ok {
			rendered[o.meta.GetNamespace()+"/"+o.meta.GetName()] = true
		}
	}
	for _, p := range c.pods {
		if p.spec == nil {
			continue
		}
		for _, v := range p.spec.Volumes {
			if v.ConfigMap != nil && !rendered[p.namespace+"/"+v.ConfigMap.Name] && (v.ConfigMap.Optional == nil || !*v.ConfigMap.Optional) {
				c.fail("%s: volume %s uses ConfigMap %s, which is not rendered", p.owner, v.Name, v.ConfigMap.Name)
			}
		}
	}
}
