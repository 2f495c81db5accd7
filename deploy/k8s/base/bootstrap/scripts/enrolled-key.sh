#!/usr/bin/env bash
# A TTP key certified by the Semper CA over EST: an EC P-256 key generated here, certified under profile $CA_PROFILE
# (ttp-tsa: sole, critical EKU timeStamping; ttp-notary, ttp-mail, ttp-arbiter: signing; ttp-escrow: keyAgreement only)
# with a one-time enrollment token an RA officer created for $KEY_SUBJECT and that profile, and stored only in
# Secret $SECRET_NAME:
#   key.p12   the key with its chain (key, issuing CA, root), alias $KEY_ALIAS
#   password  the keystore password
#   root.pem  the pinned root certificate (the trust anchor of the services that accept the CA's parties and
#             time-stamps; the issuing CA is checked against the root's CRL, not trusted as an anchor)
#
# The root is pinned: its SHA-256 fingerprint (from the CA key ceremony's minutes) must match what the CA serves, and
# keytool builds the chain key -> issuing CA -> root by checking each signature.
set -euo pipefail
WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT
. "$(dirname "$0")/secret-api.sh"
: "${SECRET_NAME:?Secret to create}" "${CA_URL:?base URL of the CA}" "${CA_PROFILE:?certificate profile}"
: "${KEY_SUBJECT:?subject, CN and O}" "${KEY_ALIAS:?keystore alias of the key}"
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
# The CSR is signed with the key (proof of possession), also for a key-agreement key: the CA accepts no other proof.
keytool -genkeypair -keyalg EC -groupname secp256r1 -sigalg SHA256withECDSA -alias "$KEY_ALIAS" -dname "$dname" "${ks[@]}"
keytool -certreq -alias "$KEY_ALIAS" -sigalg SHA256withECDSA -file "$WORK/key.csr" "${ks[@]}"
sed '/-----/d' "$WORK/key.csr" | tr -d '\r\n' > "$WORK/key.csr.b64"

# EST simpleenroll (RFC 7030 §4.2): the enrollment token is the HTTP Basic password; the token is used up.
printf '%s:%s' "$KEY_ALIAS" "$(cat "$ENROLLMENT_TOKEN_FILE")" > "$WORK/basic"
status="$(curl -sS -o "$WORK/reply.b64" -w '%{http_code}' -H 'Content-Type: application/pkcs10' \
  -H "Authorization: Basic $(base64 -w0 < "$WORK/basic")" --data-binary "@$WORK/key.csr.b64" \
  "$CA_URL/.well-known/est/$CA_PROFILE/simpleenroll")"
rm -f "$WORK/basic"
if [ "$status" != 200 ]; then
  echo "bootstrap: the CA refused the enrollment (HTTP $status): $(cat "$WORK/reply.b64")" >&2
  exit 1
fi
{ echo '-----BEGIN PKCS7-----'; tr -d '\r' < "$WORK/reply.b64"; echo '-----END PKCS7-----'; } > "$WORK/reply.p7"

# keytool builds the chain key -> issuing -> root from the trusted entries, then they are removed again so that
# the keystore holds exactly one entry: the key with its chain.
keytool -importcert -noprompt -alias root -file "$WORK/root.der" "${ks[@]}"
keytool -importcert -noprompt -alias issuing -file "$WORK/issuing.der" "${ks[@]}"
keytool -importcert -noprompt -alias "$KEY_ALIAS" -file "$WORK/reply.p7" "${ks[@]}"
keytool -delete -alias issuing "${ks[@]}"
keytool -delete -alias root "${ks[@]}"

keytool -printcert -rfc -file "$WORK/root.der" > "$WORK/root.pem"
create_secret "$SECRET_NAME" Opaque "key.p12=$WORK/key.p12" "password=$WORK/password" "root.pem=$WORK/root.pem"
