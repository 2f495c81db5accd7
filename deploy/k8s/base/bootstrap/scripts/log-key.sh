#!/usr/bin/env bash
# The Ed25519 key that signs a service's transparency-log checkpoints (C2SP signed notes): generated here, inside
# the Job, and stored only in Secret $SECRET_NAME (key.p12 + password). Never replaced: a log keeps its key for its
# whole life (a new key is a new log; see docs/operations.md, "Rotating keys").
set -euo pipefail
WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT
. "$(dirname "$0")/secret-api.sh"
: "${SECRET_NAME:?Secret to create}" "${KEY_SUBJECT:?certificate subject of the log key}"

if secret_exists "$SECRET_NAME"; then
  echo "bootstrap: Secret $SECRET_NAME already exists; left as it is"
  exit 0
fi
random_password "$WORK/password"
STOREPASS="$(cat "$WORK/password")" keytool -genkeypair -keyalg Ed25519 -alias log -dname "$KEY_SUBJECT" \
  -validity 36500 -storetype PKCS12 -keystore "$WORK/key.p12" -storepass:env STOREPASS
create_secret "$SECRET_NAME" Opaque "key.p12=$WORK/key.p12" "password=$WORK/password"
