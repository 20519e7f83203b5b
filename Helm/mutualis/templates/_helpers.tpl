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
{{/* Trust services: the KEK from a Secret (read-only file), the PKI directory on a volume. */}}
{{- define "mutualis.trust.env" -}}
{{- if .Values.trust.kekSecret }}
- name: MUTUALIS_KEK_FILE
  value: /var/run/secrets/mutualis/kek
- name: MUTUALIS_PKI_DIR
  value: /var/lib/mutualis/pki
{{- end }}
{{- with .Values.trust.tsaURL }}
- name: MUTUALIS_TSA_URL
  value: {{ . | quote }}
{{- end }}
- name: MUTUALIS_TSA_POLICY
  value: {{ .Values.trust.tsaPolicy | quote }}
{{- end -}}
{{- define "mutualis.trust.mount" -}}
{{- if .Values.trust.kekSecret }}
- name: kek
  mountPath: /var/run/secrets/mutualis
  readOnly: true
- name: pki
  mountPath: /var/lib/mutualis/pki
{{- end }}
{{- end -}}
{{- define "mutualis.trust.volume" -}}
{{- if .Values.trust.kekSecret }}
- name: kek
  secret:
    secretName: {{ .Values.trust.kekSecret }}
    defaultMode: 0440
    items:
      - key: {{ .Values.trust.kekKey }}
        path: kek
- name: pki
  persistentVolumeClaim:
    claimName: {{ .Values.trust.pki.existingClaim | default (printf "%s-pki" (include "mutualis.fullname" .)) }}
{{- end }}
{{- end -}}
{{/* The archive: its second storage location (a volume of other storage), the SEDA schemas
     shipped in the image, scratch space for unpacking SIPs. */}}
{{- define "mutualis.archive.env" -}}
- name: MUTUALIS_ARCHIVE_SECOND_ROOT
  value: /var/lib/mutualis/archive-copy
- name: MUTUALIS_SPECS_DIR
  value: /usr/share/mutualis/specs
- name: MUTUALIS_WORK_DIR
  value: /var/lib/mutualis/work
- name: MUTUALIS_ARCHIVE_CHECK_DAYS
  value: {{ .Values.archive.checkDays | quote }}
{{- end -}}
{{- define "mutualis.archive.mount" -}}
- name: archive-copy
  mountPath: /var/lib/mutualis/archive-copy
- name: work
  mountPath: /var/lib/mutualis/work
{{- end -}}
{{- define "mutualis.archive.volume" -}}
- name: archive-copy
  persistentVolumeClaim:
    claimName: {{ .Values.archive.secondCopy.existingClaim | default (printf "%s-archive-copy" (include "mutualis.fullname" .)) }}
- name: work
  emptyDir:
    sizeLimit: {{ .Values.archive.workSize }}
{{- end -}}
