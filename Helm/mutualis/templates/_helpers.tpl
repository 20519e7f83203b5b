{{- define "mutualis.name" -}}{{ .Chart.Name }}{{- end -}}
{{- define "mutualis.fullname" -}}{{ printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" }}{{- end -}}
{{- define "mutualis.labels" -}}
app.kubernetes.io/name: {{ include "mutualis.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}
{{- define "mutualis.image" -}}{{ .Values.image.repository }}:{{ .Values.image.tag }}{{- end -}}
{{- define "mutualis.env" -}}
- name: MUTUALIS_BASE_DOMAIN
  value: {{ .Values.baseDomain | quote }}
- name: MUTUALIS_LOG_LEVEL
  value: {{ .Values.logLevel | quote }}
- name: MUTUALIS_LOG_FORMAT
  value: json
{{- end -}}

{{- define "mutualis.blobs.env" -}}
- name: MUTUALIS_BLOB_ROOT
  value: /var/lib/mutualis/blobs
{{- end -}}
{{- define "mutualis.blobs.volume" -}}
- name: blobs
  persistentVolumeClaim:
    claimName: {{ .Values.blobs.existingClaim | default (printf "%s-blobs" (include "mutualis.fullname" .)) }}
{{- end -}}
{{- define "mutualis.blobs.mount" -}}
- name: blobs
  mountPath: /var/lib/mutualis/blobs
{{- end -}}
