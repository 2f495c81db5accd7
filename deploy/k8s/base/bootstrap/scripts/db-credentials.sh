#!/usr/bin/env bash
# One login role per service in the CloudNativePG cluster: Secret semper-db-<role> (kubernetes.io/basic-auth,
# username + password), generated here once. CloudNativePG sets the role's password from it (managed.roles).
set -euo pipefail
WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT
. "$(dirname "$0")/secret-api.sh"
# CloudNativePG watches Secrets with this label: a changed password is applied to the role (rotation).
EXTRA_LABELS=',"cnpg.io/reload":"true"'

for role in ${SEMPER_DB_ROLES:?list of roles}; do
  name="semper-db-$role"
  if secret_exists "$name"; then
    echo "bootstrap: Secret $name already exists; left as it is"
    continue
  fi
  printf '%s' "$role" > "$WORK/username"
  random_password "$WORK/password"
  create_secret "$name" kubernetes.io/basic-auth "username=$WORK/username" "password=$WORK/password"
  rm -f "$WORK/password"
done
