#!/usr/bin/env bash
# builds pristine chains: bgz (bytes gzip), bzs (bytes zstd), bid (bytes identity), jm (json-map dict gzip), jz (json-map dict zstd); all --snapshot-every 4, 10 versions
set -e; D=${DELTA:?set DELTA to the delta launcher}
[ -d b10.in ] || ./mkchain.sh b10
mkdir -p j.in; for i in $(seq 0 9); do python3 -c "
import json,random;random.seed($i);print(json.dumps({'k%d'%k:{'v':random.choice('abc'),'n':[random.randint(0,3)]*3} for k in range(30)}))" > j.in/v$i.json; done
for c in gzip:bgz zstd:bzs identity:bid; do rm -rf ${c#*:}; $D chain init --snapshot-every 4 -c ${c%:*} ${c#*:} >/dev/null; $D chain add ${c#*:} b10.in/v*.txt >/dev/null; done
for c in gzip:jm zstd:jz; do rm -rf ${c#*:}; $D chain init -s dict --snapshot-every 4 -c ${c%:*} ${c#*:} >/dev/null; $D chain add ${c#*:} j.in/v*.json >/dev/null; done
