#!/usr/bin/env bash
# Page weight of the first learner page of a running server; see scripts/page-weight.mjs.
#   scripts/page-weight.sh [--base http://127.0.0.1:3000] [--path /khoa-hoc/KNS-DC-01/bai/1] [--enforce]
exec node "$(dirname "$0")/page-weight.mjs" "$@"
