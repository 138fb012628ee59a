#!/usr/bin/env bash
# Coverage-guided fuzzing of the readers of uploaded files and submitted forms, for a fixed
# budget per target (cargo fuzz / libFuzzer; the crate is fuzz/, a workspace of its own).
#
#   bench/fuzz.sh                      # every target, FUZZ_SECONDS (60) each, one after the other
#   bench/fuzz.sh import_csv bank_gift # only these targets
#   FUZZ_SECONDS=300 bench/fuzz.sh     # the budget of the figures in bench/README.md
#   FUZZ_MERGE=1 bench/fuzz.sh         # then add the inputs that reach new coverage to fuzz/corpus/
#
# Needs the nightly toolchain and cargo-fuzz (cargo +nightly install cargo-fuzz --locked).
# Options: FUZZ_SECONDS (60 per target), FUZZ_RSS_MB (2048: a run over it is an OOM and fails),
# FUZZ_TIMEOUT (10: seconds one input may take), FUZZ_SANITIZER (none; "address" for ASan).
# The seed corpus (fuzz/corpus/<target>) is read, never written: new inputs go to fuzz/work/.
# Crashes, OOMs and timeouts land in fuzz/artifacts/<target>/ and make the script exit non-zero;
# turn each into a regression test in the crate that owns the code (see bench/README.md).
# Not part of scripts/test.sh or CI: it is a bench step.
set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

TARGETS=(import_csv import_xlsx import_xlsx_parts bank_gift bank_moodle_xml answer_form)
declare -A MAX_LEN=([import_csv]=16384 [import_xlsx]=65536 [import_xlsx_parts]=16384 [bank_gift]=65536 [bank_moodle_xml]=16384 [answer_form]=4096)
declare -A DICT=([import_csv]=csv [import_xlsx]=xlsx [import_xlsx_parts]=xlsx [bank_gift]=gift [bank_moodle_xml]=moodle_xml [answer_form]=answer_form)

seconds=${FUZZ_SECONDS:-60}
rss_mb=${FUZZ_RSS_MB:-2048}
timeout=${FUZZ_TIMEOUT:-10}
sanitizer=${FUZZ_SANITIZER:-none}
if [[ $# -gt 0 ]]; then
  TARGETS=("$@")
fi

echo "== fuzz: build (cargo +nightly fuzz build -s $sanitizer -a)"
build_log=$(mktemp)
(cd fuzz && cargo +nightly fuzz build -s "$sanitizer" -a) >/dev/null 2>"$build_log" \
  || { cat "$build_log"; rm -f "$build_log"; echo "fuzz: build failed"; exit 1; }
rm -f "$build_log"
target_dir=$(cd fuzz && cargo +nightly metadata --format-version 1 --no-deps | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
triple=$(rustc +nightly -vV | sed -n 's/^host: //p')
bin_dir="$target_dir/$triple/release"

failed=0
rows=()
for t in "${TARGETS[@]}"; do
  [[ -n "${MAX_LEN[$t]:-}" ]] || { echo "fuzz: unknown target $t"; exit 2; }
  work="fuzz/work/$t"
  artifacts="fuzz/artifacts/$t"
  log="fuzz/work/$t.log"
  mkdir -p "$work" "$artifacts"
  echo "== fuzz: $t for ${seconds}s (max_len ${MAX_LEN[$t]}, rss ${rss_mb} MB, timeout ${timeout}s)"
  "$bin_dir/$t" "$work" "fuzz/corpus/$t" \
    -dict="fuzz/dict/${DICT[$t]}.dict" \
    -max_total_time="$seconds" -rss_limit_mb="$rss_mb" -malloc_limit_mb="$rss_mb" \
    -max_len="${MAX_LEN[$t]}" -timeout="$timeout" -print_final_stats=1 \
    -artifact_prefix="$artifacts/" >"$log" 2>&1
  code=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log" | tail -1)
  last=$(grep -E '^#[0-9]+[[:space:]]+(DONE|pulse|NEW|REDUCE|INITED)' "$log" | tail -1)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
  corp=$(sed -n 's/.* corp: \([0-9]*\).*/\1/p' <<<"$last")
  verdict=PASS
  if [[ $code -ne 0 ]]; then
    verdict=FAIL
    failed=1
    grep -E 'panicked|ERROR: libFuzzer|SUMMARY|Test unit written|out-of-memory|timeout' "$log" | head -8
  fi
  per_s=$(( ${execs:-0} / (seconds > 0 ? seconds : 1) ))
  rows+=("$(printf '%-16s %6ss %12s %9s %7s %7s %6s %8s  %s' "$t" "$seconds" "${execs:-?}" "$per_s" "${cov:-?}" "${ft:-?}" "${corp:-?}" "${rss:-?}" "$verdict")")
  echo "RESULT {\"step\":\"fuzz\",\"target\":\"$t\",\"seconds\":$seconds,\"execs\":${execs:-0},\"cov\":${cov:-0},\"ft\":${ft:-0},\"corpus\":${corp:-0},\"peak_rss_mb\":${rss:-0},\"exit\":$code,\"pass\":$([[ $verdict == PASS ]] && echo true || echo false)}"
  if [[ "${FUZZ_MERGE:-0}" == 1 && $verdict == PASS ]]; then
    "$bin_dir/$t" -merge=1 "fuzz/corpus/$t" "$work" -max_len="${MAX_LEN[$t]}" \
      -rss_limit_mb="$rss_mb" -timeout="$timeout" >"fuzz/work/$t.merge.log" 2>&1 \
      || { echo "fuzz: merge of $t failed"; failed=1; }
  fi
done

echo
printf '%-16s %7s %12s %9s %7s %7s %6s %8s  %s\n' target budget execs exec/s cov ft corpus rss_MB verdict
printf '%s\n' "${rows[@]}"
exit $failed
