#!/usr/bin/env bash
# libcurl's multi interface, for comparison with halo's pool of easy handles: one curl process
# fetching every page with up to N transfers at once (--parallel), the pages written nowhere.
#   parallel.sh PAGE_SIZE WIDTH
set -euo pipefail
size=$1 width=$2
tok=$(curl -s -X POST "$HALO_URL/auth/token?tenant=$HALO_TENANT" -d grant_type=client_credentials \
  -d "client_id=$HALO_CLIENT_ID" -d "client_secret=$HALO_CLIENT_SECRET" -d scope=all | jq -r .access_token)
pages=$(( (10000 + size - 1) / size ))
urls=()
for p in $(seq 1 "$pages"); do urls+=("$HALO_URL/api/tickets?pageinate=true&page_size=$size&page_no=$p" -o /dev/null); done
curl -s --parallel --parallel-max "$width" -H "Authorization: Bearer $tok" "${urls[@]}"
