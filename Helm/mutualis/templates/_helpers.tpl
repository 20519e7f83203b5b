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
- name: MUTUALIS_PAYFIP_ENDPOINT
  value: {{ .Values.payments.payfip.endpoint | quote }}
- name: MUTUALIS_PAYFIP_PAGE
  value: {{ .Values.payments.payfip.page | quote }}
- name: MUTUALIS_PAYFIP_MODE
  value: {{ .Values.payments.payfip.mode | quote }}
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
{{/* Trust services (signatures, seals, timestamps). Called with (dict "root" $ "hook" BOOL).
     With trust.pki.enabled: the KEK as a read-only file from an existing Secret, the PKI
     directory on a volume. The migrate hook runs before the release's own resources exist, so
     it mounts the PKI only from trust.pki.existingClaim (it needs none of it today). */}}
{{- define "mutualis.trust.check" -}}
{{- $trust := .Values.trust -}}
{{- range $old, $new := dict "kekSecret" "trust.kek.existingSecret" "kekKey" "trust.kek.key" "tsaURL" "trust.tsa.url" "tsaPolicy" "trust.tsa.policy" -}}
{{- if hasKey $trust $old -}}
{{- fail (printf "trust.%s was renamed %s" $old $new) -}}
{{- end -}}
{{- end -}}
{{- if and $trust.pki.enabled (not $trust.kek.existingSecret) -}}
{{- fail "trust.pki.enabled needs trust.kek.existingSecret: the name of an existing Secret holding the key-encryption key (64 hex digits) under trust.kek.key, e.g. kubectl create secret generic mutualis-kek --from-file=kek=./kek" -}}
{{- end -}}
{{- if and $trust.tsa.url (not (regexMatch "^https?://[^/?#]+" $trust.tsa.url)) -}}
{{- fail (printf "trust.tsa.url must be the http(s) URL of an RFC 3161 service, not %q" $trust.tsa.url) -}}
{{- end -}}
{{- if not (regexMatch "^[0-9]+(\\.[0-9]+)+$" (toString $trust.tsa.policy)) -}}
{{- fail (printf "trust.tsa.policy must be an object identifier such as 1.2.250.1.xxx, not %q" (toString $trust.tsa.policy)) -}}
{{- end -}}
{{- end -}}
{{/* "true" when the pod mounts the PKI volume. */}}
{{- define "mutualis.trust.pkiMounted" -}}
{{- $pki := .root.Values.trust.pki -}}
{{- if and $pki.enabled (or (not .hook) $pki.existingClaim) }}true{{ end -}}
{{- end -}}
{{- define "mutualis.trust.env" -}}
{{- include "mutualis.trust.check" .root -}}
{{- $trust := .root.Values.trust -}}
{{- if $trust.pki.enabled }}
- name: MUTUALIS_KEK_FILE
  value: /var/run/secrets/mutualis/kek
{{- end }}
{{- if include "mutualis.trust.pkiMounted" . }}
- name: MUTUALIS_PKI_DIR
  value: /var/lib/mutualis/pki
{{- end }}
{{- with $trust.tsa.url }}
- name: MUTUALIS_TSA_URL
  value: {{ . | quote }}
{{- end }}
- name: MUTUALIS_TSA_POLICY
  value: {{ $trust.tsa.policy | toString | quote }}
{{- end -}}
{{- define "mutualis.trust.mount" -}}
{{- if .root.Values.trust.pki.enabled }}
- name: kek
  mountPath: /var/run/secrets/mutualis
  readOnly: true
{{- end }}
{{- if include "mutualis.trust.pkiMounted" . }}
- name: pki
  mountPath: /var/lib/mutualis/pki
  {{- if .hook }}
  readOnly: true
  {{- end }}
{{- end }}
{{- end -}}
{{- define "mutualis.trust.volume" -}}
{{- $trust := .root.Values.trust -}}
{{- if $trust.pki.enabled }}
# The KEK file only (mode 0440: readable by the pod's fsGroup, never written).
- name: kek
  secret:
    secretName: {{ $trust.kek.existingSecret | quote }}
    defaultMode: 0440
    items:
      - key: {{ $trust.kek.key | quote }}
        path: kek
{{- end }}
{{- if include "mutualis.trust.pkiMounted" . }}
- name: pki
  persistentVolumeClaim:
    claimName: {{ $trust.pki.existingClaim | default (printf "%s-pki" (include "mutualis.fullname" .root)) }}
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
- name: MUTUALIS_OPENDATA_UPLOAD_LIMIT
  value: {{ .Values.openData.uploadLimit | int64 | quote }}
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
