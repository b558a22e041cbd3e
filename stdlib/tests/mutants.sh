#!/bin/sh
# Proves each stdlib test catches breakage: for every mutant below, copies stdlib/halo to a temp
# directory, breaks one function there (sed), runs that module's test against the broken copy
# (HALO_PATH comes before the shipped stdlib) and expects it to fail. The real files are never touched.
#   stdlib/tests/mutants.sh [path/to/halo]      (default: .build/debug/halo)
set -u
cd "$(dirname "$0")/../.."
HALO=${1:-.build/debug/halo}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
survivors=0

mutant() { # module test description sed-expression
  rm -rf "$tmp/halo" && cp -r stdlib/halo "$tmp/halo"
  sed -i "$4" "$tmp/halo/$1.halo"
  if cmp -s "stdlib/halo/$1.halo" "$tmp/halo/$1.halo"; then
    echo "MUTANT NOT APPLIED: $1: $3"; survivors=$((survivors + 1)); return
  fi
  out=$(HALO_PATH="$tmp" "$HALO" --sandbox "stdlib/tests/$2_test.halo" 2>&1)
  code=$?
  if [ "$code" -eq 0 ]; then
    echo "SURVIVED (exit 0): $1: $3"; survivors=$((survivors + 1))
  else
    echo "caught (exit $code): $1: $3"
    echo "$out" | grep -m1 -E "error|assertion failed" | sed 's/^/    /'
  fi
}

mutant lookups lookups "no cache: status list fetched on every lookup" 's/if _lookup_statuses == null {/if true {/'
mutant lookups lookups "names matched case-sensitively" 's/lower(trim(r^name ?? "")) == wanted/r^name == name/'
mutant lookups lookups "ambiguous names not refused" 's/if len(hits) > 1 {$/if false {/'
mutant lookups lookups "agents found by name only, not email" 's/ or lower(a^email ?? "") == wanted//'
mutant lookups lookups "clear_lookups forgets nothing" 's/^  _lookup_statuses = null$/  _lookup_statuses = _lookup_statuses/'
mutant clients clients "no exact-match-first step" 's/exact = \[c for c in found if c^name == name\]/exact = []/'
mutant clients clients "ambiguous search returns the first client" "s/fail \"'<<name>>' matches/return found^0 # /"
mutant clients clients "inactive clients included by default" 's/include_inactive = false/include_inactive = true/'
mutant clients clients "client_sites ignores the client" 's/get all \/api\/site {client_id: id}/get all \/api\/site/'
mutant clients clients "client_users reads one page of 5" 's/get all \/api\/users {client_id: id}/get \/api\/users {client_id: id, count: 5}/'
mutant tickets tickets "open_tickets includes closed tickets" 's/, open_only: true}/}/'
mutant tickets tickets "create_ticket drops the extra fields" 's/{client_id: client_id, summary: summary} + fields/{client_id: client_id, summary: summary}/'
mutant tickets tickets "close_ticket does not change the status" 's/, new_status: closed_status_id}/}/'
mutant tickets tickets "set_status ignores the status" 's/new_status: _ticket_status(status)/new_status: 0/'
mutant tickets tickets "reassign does not update the ticket" 's/update_ticket(ticket_id, {agent_id: chosen^id})/get_ticket(ticket_id)/'
mutant tickets tickets "reassign note = false still adds a note" 's/if note != false {/if true {/'
mutant customfields customfields "custom_field matches names case-sensitively" 's/lower(cf^name ?? "") == lower(name_or_id)/cf^name == name_or_id/'
mutant customfields customfields "custom_field_display ignores display" 's/return entry^display ?? entry^value ?? default/return entry^value ?? default/'
mutant customfields customfields "payload uses label, not name" 's/entries += \[{name: key, value: value}\]/entries += [{label: key, value: value}]/'
mutant customfields customfields "numeric keys not sent as ids" 's/if numeric != null {/if false {/'
mutant batch batch "no batching: everything in one POST" 's/slice(items, start, start + size)/items/'
mutant batch batch "batch size over 100 allowed" 's/size > max_batch_size {/size > 1000 {/'
mutant batch batch "single-object replies dropped" 's/saved += \[reply\]/saved += []/'
mutant batch batch "a failed batch loses the count already saved" 's/failed after <<len(saved)>> of/failed after 0 of/'
mutant invoices invoices "unpaid includes drafts" 's/{client_id: client_id, postedonly: true}/{client_id: client_id}/'
mutant invoices invoices "unpaid includes paid invoices" 's/if (i^amountdue ?? 0) > 0\]/]/'
mutant invoices invoices "unpaid not oldest first" 's/"invoice_date")$/"id")/'
mutant invoices invoices "overdue counts invoices due later" 's/parse_date(i^duedate) < cutoff/true/'
mutant invoices invoices "overpayment allowed" 's/or amount > invoice^amountdue + 0.005 {/{/'
mutant invoices invoices "payment leaves amountdue as it was" 's/, amountdue: round(invoice^total - paid, 2)}/}/'
mutant kb kb "find_articles reads one page of 2" 's/get all \/api\/KBArticle {search: trim(text)}/get \/api\/KBArticle {search: trim(text), count: 2}/'
mutant kb kb "articles_for_ticket ignores the ticket" 's/get all \/api\/KBArticle {ticket_id: ticket_id}/get all \/api\/KBArticle/'
mutant kb kb "create_article drops the extra fields" 's/ticket_id: ticket_id} + fields/ticket_id: ticket_id}/'

echo "$survivors mutant(s) survived"
[ "$survivors" -eq 0 ]
