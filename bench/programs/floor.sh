#!/usr/bin/env bash
# The floor: one curl process fetching the same pages over one kept-alive connection.
set -euo pipefail
tok=$(curl -s -X POST "$HALO_URL/auth/token?tenant=$HALO_TENANT" -d grant_type=client_credentials \
  -d "client_id=$HALO_CLIENT_ID" -d "client_secret=$HALO_CLIENT_SECRET" -d scope=all | jq -r .access_token)
urls=()
for p in $(seq 1 "$PAGES"); do urls+=("$HALO_URL/api/tickets?pageinate=true&page_size=100&page_no=$p"); done
curl -s -H "Authorization: Bearer $tok" "${urls[@]}" -o /dev/null
