#!/usr/bin/env bash
# 40 MB of zeros after the index (sparse; a zero-filled tail after a crash looks the same): every reader walks it.
D=${DELTA:?set DELTA to the delta launcher}; ./mkchain.sh f5
truncate -s $((416 + 40*1000000)) f5/*.didx
/usr/bin/time -f "get: %e s, max RSS %M KB" $D chain get f5 3 -o /dev/null
