#!/usr/bin/env bash
# json-patch copy of a base subtree made of many EMPTY containers: 918 KB of input in total
# (a 900 KB document of 300,000 "[]" + an 18 KB patch of 400 copies of it).
# Seen (2 cores, 24 GiB, default heap 6 GiB): 323 s, 6.4 GB peak RSS, then
#   delta: 'delta apply' ran out of memory (the JVM's heap is 6028 MiB); give it more heap, e.g. DELTA_JAVA_OPTS=-Xmx12g ...
# Why: the copy heap bound is maxExpandedBytes(patch, document) = 1 MiB + 32768 x (18 KB + 900 KB) ~ 30 GB,
# uncapped (not tied to maxStateBytes or the heap); the text bound (256 MiB) is only hit after ~284 copies,
# and "[]," is 3 bytes of text but ~70+ bytes of heap, so the heap runs out first.
# Promise (docs/ROBUSTNESS.md): memory bounded by the input's real size; no OutOfMemoryError
# (here the OOM is caught and printed as one line, but only after 5 minutes and the whole heap).
# Run from a clone root with a built ./delta.
set -u; W=$(mktemp -d)
python3 - "$W" <<'PY'
import json, sys
W = sys.argv[1]; N = 300000
open(W + '/wide.json', 'w').write('{"a":[' + ','.join(['[]'] * N) + '],"b":[]}')
open(W + '/copywide.json', 'w').write(json.dumps([{"op": "copy", "from": "/a", "path": "/b/-"}] * 400))
PY
ls -l $W/wide.json $W/copywide.json
/usr/bin/time -f '%e s %M KB' ./delta apply --raw -s json-patch $W/wide.json $W/copywide.json -o /dev/null; echo "exit $?"
