{{/* Names: everything the chart makes is called <fullname>-<part>. */}}
{{- define "pgaw.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "pgaw.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 40 | trimSuffix "-" -}}
{{- else if contains (include "pgaw.name" .) .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name (include "pgaw.name" .) | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* The CloudNativePG clusters: AdventureWorks, and pgAdmin's settings. */}}
{{- define "pgaw.dbCluster" -}}{{ include "pgaw.fullname" . }}-db{{- end -}}
{{- define "pgaw.settingsCluster" -}}{{ include "pgaw.fullname" . }}-settings{{- end -}}
{{- define "pgaw.tlsSecret" -}}{{ include "pgaw.fullname" . }}-tls{{- end -}}

{{/* Labels. Selectors use only name, instance and component (they must never change after install). */}}
{{- define "pgaw.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: pgaw
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end -}}

{{- define "pgaw.selector" -}}
app.kubernetes.io/name: {{ include "pgaw.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/* Usage: include "pgaw.componentLabels" (dict "root" . "component" "proxy") */}}
{{- define "pgaw.componentLabels" -}}
{{ include "pgaw.labels" .root }}
{{ include "pgaw.selector" . }}
{{- end -}}

{{/* The name of the Secret behind secrets.<key>: the operator's own, or the one this chart makes. */}}
{{- define "pgaw.secretName" -}}
{{- $s := index .root.Values.secrets .key -}}
{{- if $s.existingSecret -}}{{ $s.existingSecret }}{{- else -}}{{ include "pgaw.fullname" .root }}-{{ .key | kebabcase }}{{- end -}}
{{- end -}}

{{- define "pgaw.image" -}}
{{- printf "%s:%s" .repository (toString .tag) -}}
{{- end -}}

{{/* The container securityContext every container of the chart gets. */}}
{{- define "pgaw.containerSecurity" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
runAsNonRoot: true
capabilities:
  drop: [ALL]
{{- end -}}

{{- define "pgaw.required" -}}
{{- $_ := required "domain is required: the class server's public DNS name (values.yaml)" .Values.domain -}}
{{- if and .Values.pgadmin.enabled (not .Values.pgadmin.adminEmail) -}}
{{- fail "pgadmin.adminEmail is required: the teacher's pgAdmin login" -}}
{{- end -}}
{{- if and .Values.certificates.issuer.create (not .Values.certificates.issuer.email) -}}
{{- fail "certificates.issuer.email is required with certificates.issuer.create (Let's Encrypt writes there)" -}}
{{- end -}}
{{- if and (not .Values.certificates.issuer.create) (not .Values.certificates.issuer.ref.name) -}}
{{- fail "certificates.issuer.ref.name is required when certificates.issuer.create is false" -}}
{{- end -}}
{{- if lt (int .Values.database.instances) 2 -}}
{{- fail "database.instances must be at least 2: a primary for the teacher and a standby for the learners" -}}
{{- end -}}
{{- end -}}

{{/* The proxy's address for standby number .i (1-based): a Service that selects that instance while it is a standby. */}}
{{- define "pgaw.standbyService" -}}{{ include "pgaw.dbCluster" .root }}-standby-{{ .i }}{{- end -}}

{{/* backend_standbys.hosts: every instance's standby Service, comma separated. */}}
{{- define "pgaw.standbyHosts" -}}
{{- $hosts := list -}}
{{- range $i := until (int .Values.database.instances) -}}
{{- $hosts = append $hosts (printf "%s.%s.svc:5432" (include "pgaw.standbyService" (dict "root" $ "i" (add1 $i))) $.Release.Namespace) -}}
{{- end -}}
{{- join "," $hosts -}}
{{- end -}}

{{/* What every pgAdmin container needs to find the settings database and the proxy (stack/pgadmin/config_system.py). */}}
{{- define "pgaw.pgadminEnv" -}}
- {name: PGAW_SETTINGS_DB_HOST, value: "{{ include "pgaw.settingsCluster" . }}-rw.{{ .Release.Namespace }}.svc"}
- {name: PGAW_SETTINGS_DB_USER, value: {{ .Values.secrets.settingsDb.username | quote }}}
- {name: PGAW_SQL_HOST, value: "{{ include "pgaw.fullname" . }}-proxy.{{ .Release.Namespace }}.svc"}
- {name: PGAW_SQL_PORT, value: {{ .Values.proxy.service.port | quote }}}
- {name: PGAW_SECRETS_DIR, value: /run/secrets}
{{- end -}}
