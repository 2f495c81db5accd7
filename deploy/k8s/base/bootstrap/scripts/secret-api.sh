# Sourced by the bootstrap scripts: create a Secret through the Kubernetes API with the Job's service account token
# (curl only, so that the service image itself can run the Jobs). A Secret that exists is never overwritten.
#
# SEMPER_KUBE_API and SEMPER_KUBE_SA_DIR override the in-cluster defaults (tests point them at a local server).

KUBE_API="${SEMPER_KUBE_API:-https://kubernetes.default.svc}"
SA_DIR="${SEMPER_KUBE_SA_DIR:-/var/run/secrets/kubernetes.io/serviceaccount}"
NAMESPACE="$(cat "$SA_DIR/namespace")"

kube() { # method path [body-file] -> prints the HTTP status; the response body goes to $WORK/response
  local method="$1" path="$2" body="${3:-}"
  local args=(-sS -o "$WORK/response" -w '%{http_code}' -X "$method" --cacert "$SA_DIR/ca.crt"
    -H "Authorization: Bearer $(cat "$SA_DIR/token")" -H 'Accept: application/json')
  if [ -n "$body" ]; then
    args+=(-H 'Content-Type: application/json' --data-binary "@$body")
  fi
  curl "${args[@]}" "$KUBE_API/api/v1/namespaces/$NAMESPACE/$path"
}

secret_exists() { # name -> 0 if the Secret exists
  local status
  status="$(kube GET "secrets/$1")"
  case "$status" in
    200) return 0 ;;
    404) return 1 ;;
    *) echo "bootstrap: cannot read Secret $1 (HTTP $status): $(cat "$WORK/response")" >&2; exit 1 ;;
  esac
}

b64() { base64 -w0 < "$1"; }

# create_secret name type key=file...  (values read from files, so that no secret is ever on a command line)
# EXTRA_LABELS: more labels, as JSON members (e.g. ',"cnpg.io/reload":"true"').
create_secret() {
  local name="$1" type="$2"; shift 2
  local body="$WORK/secret.json" first=1 pair
  {
    printf '{"apiVersion":"v1","kind":"Secret","type":"%s","metadata":{"name":"%s","labels":{"app.kubernetes.io/part-of":"semper","app.kubernetes.io/managed-by":"semper-bootstrap"%s}},"data":{' "$type" "$name" "${EXTRA_LABELS:-}"
    for pair in "$@"; do
      [ $first -eq 1 ] || printf ','
      first=0
      printf '"%s":"%s"' "${pair%%=*}" "$(b64 "${pair#*=}")"
    done
    printf '}}'
  } > "$body"
  local status
  status="$(kube POST secrets "$body")"
  rm -f "$body"
  case "$status" in
    201) echo "bootstrap: created Secret $name" ;;
    409) echo "bootstrap: Secret $name already exists; left as it is" ;;
    *) echo "bootstrap: cannot create Secret $name (HTTP $status): $(cat "$WORK/response")" >&2; exit 1 ;;
  esac
}

random_password() { # file
  head -c 32 /dev/urandom | base64 -w0 | tr -d '/+=' | head -c 40 > "$1"
}
