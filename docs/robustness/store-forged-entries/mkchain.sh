#!/usr/bin/env bash
# mkchain.sh DIR : a 10-version bytes chain, snapshot every 4 (snapshots at 0, 4, 8); inputs in DIR.in/v0..v9.txt
set -e; D=${DELTA:?set DELTA to the delta launcher}; rm -rf "$1" "$1.in"; mkdir -p "$1.in"
for i in $(seq 0 9); do python3 -c "
import random;random.seed($i);print('\n'.join('line %d %s'%(k,random.choice('abc')) for k in range(50)))" > "$1.in/v$i.txt"; done
$D chain init --snapshot-every 4 "$1" >/dev/null; $D chain add "$1" "$1.in"/v*.txt >/dev/null
