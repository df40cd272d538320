package main

import (
	"fmt"

	cnpgv1 "github.com/cloudnative-pg/cloudnative-pg/api/v1"
	appsv1 "k8s.io/api/apps/v1"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/labels"
)

// pod is a pod that the rendered objects would make: from a workload's template, or one of CloudNativePG's
// instances (the operator makes those; their labels are its documented ones).
type pod struct {
	owner     string
	namespace string
	labels    map[string]string
	spec      *corev1.PodSpec // nil for an operator's pod
	ports     map[string]bool // container port names and numbers
}

func podsOf(objects []object) []pod {
	var pods []pod
	add := func(o object, tmpl *corev1.PodTemplateSpec) {
		p := pod{owner: o.String(), namespace: o.meta.GetNamespace(), labels: tmpl.Labels, spec: &tmpl.Spec, ports: map[string]bool{}}
		for _, c := range tmpl.Spec.Containers {
			for _, port := range c.Ports {
				p.ports[port.Name] = true
				p.ports[fmt.Sprint(port.ContainerPort)] = true
			}
		}
		pods = append(pods, p)
	}
	for _, o := range objects {
		switch w := o.obj.(type) {
		case *appsv1.Deployment:
			add(o, &w.Spec.Template)
		case *appsv1.StatefulSet:
			add(o, &w.Spec.Template)
		case *appsv1.DaemonSet:
			add(o, &w.Spec.Template)
		case *batchv1.Job:
			add(o, &w.Spec.Template)
		case *batchv1.CronJob:
			add(o, &w.Spec.JobTemplate.Spec.Template)
		case *cnpgv1.Cluster:
			pods = append(pods, cnpgInstances(o, w)...)
		}
	}
	return pods
}

// cnpgInstances: instance N is the pod <cluster>-N, a primary or a replica (which one changes with failovers).
func cnpgInstances(o object, c *cnpgv1.Cluster) []pod {
	var pods []pod
	for i := 1; i <= c.Spec.Instances; i++ {
		for _, role := range []string{"primary", "replica"} {
			l := map[string]string{
				"cnpg.io/cluster":      c.Name,
				"cnpg.io/instanceName": fmt.Sprintf("%s-%d", c.Name, i),
				"cnpg.io/podRole":      "instance",
				"cnpg.io/instanceRole": role,
				"role":                 role,
			}
			if c.Spec.InheritedMetadata != nil {
				for k, v := range c.Spec.InheritedMetadata.Labels {
					l[k] = v
				}
			}
			pods = append(pods, pod{owner: o.String(), namespace: o.meta.GetNamespace(), labels: l,
				ports: map[string]bool{"postgresql": true, "5432": true, "metrics": true, "9187": true, "8000": true}})
		}
	}
	return pods
}

// selecting returns the pods in the namespace whose labels match the selector (a nil or empty one matches none).
func selecting(pods []pod, namespace string, selector labels.Selector) []pod {
	var out []pod
	if selector == nil || selector.Empty() {
		return nil
	}
	for _, p := range pods {
		if p.namespace == namespace && selector.Matches(labels.Set(p.labels)) {
			out = append(out, p)
		}
	}
	return out
}

// containers of a pod spec, init containers first.
func containersOf(spec *corev1.PodSpec) []corev1.Container {
	return append(append([]corev1.Container{}, spec.InitContainers...), spec.Containers...)
}
