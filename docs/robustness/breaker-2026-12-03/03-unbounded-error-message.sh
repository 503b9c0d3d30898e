#!/usr/bin/env bash
# A record whose header lists 500,000 affected keys "/b" (3 MB wire record, CRC recomputed) makes
# inspect/show/apply print ONE error line of 2-4 MB (2,000,184 bytes with this script; 4,000,637 with a 3-key base record) (the whole forged key list echoed);
# the JSON form with 2,000,000 keys: an 8,000,184-byte line, 558 MB peak RSS.
# Promise: a `delta: ...` one-line error. It is one line, but of unbounded length: hostile input is
# echoed verbatim to the terminal / logs. (Also: 1,000,000 metadata entries, 16 MB record: inspect
# 10 s, 761 MB peak RSS, and prints 11 MB; the affected keys are capped at 1,048,576, metadata has no cap.)
# Run from a clone root; needs rec.py beside this script.
set -u; W=$(mktemp -d); H=$(dirname "$0")
echo '{"a":1,"b":2,"c":[1,2,3]}' > $W/o.json; echo '{"a":1,"b":3,"c":[1,2,3,4],"d":"x"}' > $W/n.json
./delta diff -s dict -c identity $W/o.json $W/n.json -o $W/d.dltr
python3 - "$W" "$H" <<'PY'
import sys, struct; sys.path.insert(0, sys.argv[2]); from rec import *
W = sys.argv[1]; f = parse(open(W + '/d.dltr', 'rb').read())
open(W + '/keys.dltr', 'wb').write(build(f, keys_raw=struct.pack('>I', 500000) + (struct.pack('>I', 2) + b'/b') * 500000))
PY
./delta inspect $W/keys.dltr 2> $W/err; echo "exit $?; stderr: $(wc -l < $W/err) line(s), $(wc -c < $W/err) bytes"
