#!/usr/bin/env bash
# The record of processing as files: a register of 1,000 entries exported as a signed, tagged PDF/A and as XLSX, each
# timed against the same export of a 10-entry register in the same run (median of 3 after one warm-up call); the
# 1,000-entry PDF is checked with pdfsig and veraPDF (PDF/A-2a) and its XLSX re-imported into a fresh tenant, whose
# CSV export must equal the first's.
#
#   mvn -q -DskipTests install && bench/register-export.sh       # BENCH_ENTRIES (1000), BENCH_BASELINE_ENTRIES (10)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
entries=${BENCH_ENTRIES:-1000}
baseline_entries=${BENCH_BASELINE_ENTRIES:-10}

export CUSTODIA_HOME=${CUSTODIA_HOME:-$root/bench/target/register-home}
export CUSTODIA_PORT_OFFSET=${CUSTODIA_PORT_OFFSET:-810}
export CUSTODIA_PG_PORT=${CUSTODIA_PG_PORT:-25436}
export CUSTODIA_JAVA_OPTS=${CUSTODIA_JAVA_OPTS:-"-Xms256m -Xmx1g"}
. "$root/bench/suite.sh"
start_suite
xlsx_type=application/vnd.openxmlformats-officedocument.spreadsheetml.sheet

# register N: a CSV of N controller entries with every Art. 30(1) point filled in
register() {
  printf 'reference,name,role,description,owner,review_due,controller,joint_controllers,representative,representative_required,'
  printf 'dpo,dpo_designated,purposes,data_subject_categories,data_categories,recipients,no_recipients,transfers,'
  printf 'security_measures,processor,controllers_served,processing_categories,systems,flows\r\n'
  for i in $(seq 1 "$1"); do
    printf 'PA-%04d,"Customer support tickets, region %d",CONTROLLER,"Tickets customers open by mail, chat and phone, answered by the support team and escalated to product teams when needed.",' "$i" "$i"
    printf ',2027-06-30,Acme GmbH | privacy@acme.example,,,no,Dr. Data | dpo@acme.example,yes,'
    printf '"answering support requests | CONTRACT\nimproving the product from ticket statistics | LEGITIMATE_INTERESTS",'
    printf '"customers\nprospects",'
    printf '"contact details | no | 3 years after the last ticket\nticket content | no | 3 years after the last ticket\nhealth data customers volunteer | yes | deleted at ticket close",'
    printf '"support provider\nproduct teams",no,"US | Helpdesk SaaS Inc. | SCC | 2 | TIA-2026-%d",' "$i"
    printf '"TLS 1.2+ in transit, AES-256 at rest, role-based access, quarterly access reviews, logging of every read",,,,"Helpdesk\nCRM",'
    printf '"CRM | Helpdesk | customer lookup | contact details"\r\n'
  done
}

import() { # key file content-type
  curl -sf -X POST "$api/ropa/register/imports" -H "Authorization: Bearer $1" -H "Content-Type: $3" --data-binary @"$2"
}

# median of three timed downloads (after one warm-up), in seconds
timed() { # key path output
  curl -sf -o "$3" -H "Authorization: Bearer $1" "$api$2" > /dev/null
  for _ in 1 2 3; do curl -sf -o "$3" -w '%{time_total}\n' -H "Authorization: Bearer $1" "$api$2"; done | sort -n | sed -n 2p
}

read -r small_id small <<<"$(new_tenant ropa-small)"
read -r large_id large <<<"$(new_tenant ropa-large)"
read -r copy_id copy <<<"$(new_tenant ropa-copy)"
# the exports are costly endpoints: lift the tenants' per-minute budget so the timings measure the work, not the limiter
for t in "$small_id" "$large_id" "$copy_id"; do
  curl -sf -X PUT "$api/admin/tenants/$t/rate-limits" -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
    -d '{"checksPerMinute":100000,"mutationsPerMinute":100000,"costlyPerMinute":1000}' > /dev/null
done
register "$baseline_entries" > "$CUSTODIA_HOME/small.csv"
register "$entries" > "$CUSTODIA_HOME/large.csv"
import "$small" "$CUSTODIA_HOME/small.csv" text/csv > /dev/null
imported=$(import "$large" "$CUSTODIA_HOME/large.csv" text/csv)

pdf_small=$(timed "$small" /reports/processing-register "$CUSTODIA_HOME/small.pdf")
pdf_large=$(timed "$large" /reports/processing-register "$CUSTODIA_HOME/large.pdf")
xlsx_small=$(timed "$small" "/ropa/register?format=xlsx" "$CUSTODIA_HOME/small.xlsx")
xlsx_large=$(timed "$large" "/ropa/register?format=xlsx" "$CUSTODIA_HOME/large.xlsx")

pdfsig "$CUSTODIA_HOME/large.pdf" > "$CUSTODIA_HOME/pdfsig.txt" 2>&1 || true
grep -q "Signature is Valid" "$CUSTODIA_HOME/pdfsig.txt" || { echo "pdfsig does not validate:"; cat "$CUSTODIA_HOME/pdfsig.txt"; exit 1; }
vera=$(java -cp "$root/bench/target/classes:$(cat "$root/bench/target/bench.classpath")" org.custodia.bench.RegisterPdfCheck \
  "$CUSTODIA_HOME/large.pdf" 2>/dev/null | tail -3)
pages=$(pdfinfo "$CUSTODIA_HOME/large.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
reimported=$(curl -sf -X POST "$api/ropa/register/imports" -H "Authorization: Bearer $copy" -H "Content-Type: $xlsx_type" \
  --data-binary @"$CUSTODIA_HOME/large.xlsx")
curl -sf -o "$CUSTODIA_HOME/large-export.csv" -H "Authorization: Bearer $large" "$api/ropa/register?format=csv"
curl -sf -o "$CUSTODIA_HOME/copy-export.csv" -H "Authorization: Bearer $copy" "$api/ropa/register?format=csv"
same=$(cmp -s "$CUSTODIA_HOME/large-export.csv" "$CUSTODIA_HOME/copy-export.csv" && echo "identical" || echo "DIFFERENT")

cat <<TABLE
import of $entries entries: $imported
| export | $baseline_entries entries (s) | $entries entries (s) | ratio |
|---|---|---|---|
| signed PDF/A (GET /reports/processing-register) | $pdf_small | $pdf_large | $(awk -v a="$pdf_large" -v b="$pdf_small" 'BEGIN {printf "%.1f", a / b}') |
| XLSX (GET /ropa/register?format=xlsx) | $xlsx_small | $xlsx_large | $(awk -v a="$xlsx_large" -v b="$xlsx_small" 'BEGIN {printf "%.1f", a / b}') |
$entries-entry PDF: $pages pages, $(stat -c %s "$CUSTODIA_HOME/large.pdf") bytes; pdfsig: $(grep -c "Signature is Valid" "$CUSTODIA_HOME/pdfsig.txt") valid signature(s); veraPDF: $vera
$entries-entry XLSX: $(stat -c %s "$CUSTODIA_HOME/large.xlsx") bytes, re-imported into a fresh tenant: $reimported; its CSV export and the original's: $same
TABLE
