#!/usr/bin/env bash
# The TSA's signing key: an EC P-256 key generated here, certified by the Semper CA (profile ttp-tsa: sole, critical
# EKU timeStamping) over EST with a one-time enrollment token an RA officer created, and stored only in Secret
# $SECRET_NAME (key.p12 with the chain TSA, issuing CA, root + password).
#
# The root is pinned: its SHA-256 fingerprint (from the CA key ceremony's minutes) must match what the CA serves.
set -euo pipefail
WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT
. "$(dirname "$0")/secret-api.sh"
: "${SECRET_NAME:?Secret to create}" "${CA_URL:?base URL of the CA}" "${KEY_SUBJECT:?subject, CN and O}"
: "${ROOT_SHA256:?SHA-256 fingerprint of the root CA certificate}" "${ENROLLMENT_TOKEN_FILE:?file holding the token}"

if secret_exists "$SECRET_NAME"; then
  echo "bootstrap: Secret $SECRET_NAME already exists; left as it is"
  exit 0
fi
random_password "$WORK/password"
export STOREPASS; STOREPASS="$(cat "$WORK/password")"
ks=(-storetype PKCS12 -keystore "$WORK/key.p12" -storepass:env STOREPASS)

# The CA's certificates, the root checked against the pinned fingerprint before anything is trusted.
curl -sSf -o "$WORK/root.der" "$CA_URL/ca/root.crt"
curl -sSf -o "$WORK/issuing.der" "$CA_URL/ca/issuing.crt"
served="$(keytool -printcert -file "$WORK/root.der" | sed -n 's/^[[:space:]]*SHA256: //p' | tr -d ':[:space:]' | tr 'a-f' 'A-F')"
pinned="$(printf '%s' "$ROOT_SHA256" | tr -d ':[:space:]' | tr 'a-f' 'A-F')"
if [ -z "$served" ] || [ "$served" != "$pinned" ]; then
  echo "bootstrap: the CA's root (SHA-256 $served) is not the pinned root ($pinned); nothing created" >&2
  exit 1
fi

# The CA reads a subject's RDNs in the order they are encoded (as `openssl req -subj /CN=../O=..` encodes them);
# keytool encodes a -dname string in reverse (RFC 2253), so it gets the RDNs reversed. Values must not contain commas.
IFS=',' read -ra rdns <<< "$KEY_SUBJECT"
dname=""
for ((i = ${#rdns[@]} - 1; i >= 0; i--)); do dname+="${dname:+,}${rdns[i]}"; done
keytool -genkeypair -keyalg EC -groupname secp256r1 -sigalg SHA256withECDSA -alias tsa -dname "$dname" "${ks[@]}"
keytool -certreq -alias tsa -sigalg SHA256withECDSA -file "$WORK/tsa.csr" "${ks[@]}"
sed '/-----/d' "$WORK/tsa.csr" | tr -d '\r\n' > "$WORK/tsa.csr.b64"

# EST simpleenroll (RFC 7030 §4.2): the enrollment token is the HTTP Basic password; the token is used up.
printf 'tsa:%s' "$(cat "$ENROLLMENT_TOKEN_FILE")" > "$WORK/basic"
status="$(curl -sS -o "$WORK/reply.b64" -w '%{http_code}' -H 'Content-Type: application/pkcs10' \
  -H "Authorization: Basic $(base64 -w0 < "$WORK/basic")" --data-binary "@$WORK/tsa.csr.b64" \
  "$CA_URL/.well-known/est/ttp-tsa/simpleenroll")"
rm -f "$WORK/basic"
if [ "$status" != 200 ]; then
  echo "bootstrap: the CA refused the enrollment (HTTP $status): $(cat "$WORK/reply.b64")" >&2
  exit 1
fi
{ echo '-----BEGIN PKCS7-----'; tr -d '\r' < "$WORK/reply.b64"; echo '-----END PKCS7-----'; } > "$WORK/reply.p7"

# keytool builds the chain TSA -> issuing -> root from the trusted entries, then they are removed again so that
# the keystore holds exactly one entry: the key with its chain.
keytool -importcert -noprompt -alias root -file "$WORK/root.der" "${ks[@]}"
keytool -importcert -noprompt -alias issuing -file "$WORK/issuing.der" "${ks[@]}"
keytool -importcert -noprompt -alias tsa -file "$WORK/reply.p7" "${ks[@]}"
keytool -delete -alias issuing "${ks[@]}"
keytool -delete -alias root "${ks[@]}"
create_secret "$SECRET_NAME" Opaque "key.p12=$WORK/key.p12" "password=$WORK/password"
