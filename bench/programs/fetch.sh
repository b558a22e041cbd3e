#!/usr/bin/env bash
# The same walk as a curl + jq shell loop: one curl and one jq per page.
set -euo pipefail
tok=$(curl -s -X POST "$HALO_URL/auth/token?tenant=$HALO_TENANT" -d grant_type=client_credentials \
  -d "client_id=$HALO_CLIENT_ID" -d "client_secret=$HALO_CLIENT_SECRET" -d scope=all | jq -r .access_token)
total=$(curl -s -H "Authorization: Bearer $tok" "$HALO_URL/api/tickets?pageinate=true&page_size=100&page_no=1" | jq .record_count)
pages=$(( (total + 99) / 100 ))
for p in $(seq 1 $pages); do
  curl -s -H "Authorization: Bearer $tok" "$HALO_URL/api/tickets?pageinate=true&page_size=100&page_no=$p" | jq -c '.tickets[]'
done | jq -s -c '[length, (map(select(.status_id != 9)) | length), (map(select(.status_id != 9)) | group_by(.client_id) | length)]'
