#!/usr/bin/env bash
set -euo pipefail
n=$1
tok=$(curl -s -X POST "$HALO_URL/auth/token?tenant=$HALO_TENANT" -d grant_type=client_credentials \
  -d "client_id=$HALO_CLIENT_ID" -d "client_secret=$HALO_CLIENT_SECRET" -d scope=all | jq -r .access_token)
for start in $(seq 0 100 $((n - 1))); do
  jq -nc --argjson s "$start" '[range($s; $s + 100) | {id: (. + 1), priority_id: 2}]' |
    curl -s -f -X POST -H "Authorization: Bearer $tok" -H 'Content-Type: application/json' --data-binary @- "$HALO_URL/api/tickets" -o /dev/null
done
echo "$n"
