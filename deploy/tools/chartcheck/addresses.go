package main

import (
	"fmt"
	"net"
	"strings"

	cnpgv1 "github.com/cloudnative-pg/cloudnative-pg/api/v1"
	corev1 "k8s.io/api/core/v1"
)

// The proxy's PGAW_* addresses name Services that exist: its own, or those CloudNativePG makes (-rw, -ro, -r).
func (c *checker) addresses() {
	for _, p := range c.pods {
		if p.spec == nil {
			continue
		}
		for _, ctr := range containersOf(p.spec) {
			for _, env := range ctr.Env {
				switch env.Name {
				case "PGAW_BACKEND", "PGAW_BACKEND_STANDBYS_HOSTS", "PGAW_BACKEND_STANDBYS", "PGAW_CLUSTER_PEERS":
				default:
					continue
				}
				for _, hp := range strings.Split(env.Value, ",") {
					host, port, err := net.SplitHostPort(strings.TrimSpace(hp))
					if err != nil {
						c.fail("%s container %s: %s=%q is not host:port", p.owner, ctr.Name, env.Name, hp)
						continue
					}
					name, ns, _ := strings.Cut(host, ".")
					ns, _, _ = strings.Cut(ns, ".")
					if ns == "" {
						ns = p.namespace
					}
					if !c.serviceExists(ns, name, port) {
						c.fail("%s container %s: %s names %s, which no rendered Service (nor CloudNativePG's) answers on port %s",
							p.owner, ctr.Name, env.Name, host, port)
					}
				}
			}
		}
	}
}

func (c *checker) serviceExists(namespace, name, port string) bool {
	if svc := c.service(namespace, name); svc != nil {
		for _, sp := range svc.Spec.Ports {
			if fmt.Sprint(sp.Port) == port {
				return true
			}
		}
		return false
	}
	for _, o := range c.objects {
		if cl, ok := o.obj.(*cnpgv1.Cluster); ok && o.meta.GetNamespace() == namespace && port == "5432" {
			for _, suffix := range []string{"-rw", "-ro", "-r"} {
				if name == cl.Name+suffix {
					return true
				}
			}
		}
	}
	return false
}

func (c *checker) service(namespace, name string) *corev1.Service {
	for _, o := range c.objects {
		if svc, ok := o.obj.(*corev1.Service); ok && o.meta.GetNamespace() == namespace && svc.Name == name {
			return svc
		}
	}
	return nil
}

func servicePort(svc *corev1.Service, name string, number int32) bool {
	for _, p := range svc.Spec.Ports {
		if (name != "" && p.Name == name) || (number != 0 && p.Port == number) {
			return true
		}
	}
	return false
}
