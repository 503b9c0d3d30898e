#!/usr/bin/env bash
# json-patch ops whose cost is O(document size) each and which are not charged by any limit:
#  (a) "remove /a/0" on a 1,000,000-element array (2 MB doc): 10,000 ops (340 KB patch) took 93 s,
#      20,000 ops (680 KB) 174 s; 100,000 ops (3.4 MB) > 120 s (killed). Same for "add /a/0".
#  (b) "move" of a 200,000-element subtree to a deeper place and back: JsonValues.checkDepth walks the
#      whole moved value on every move into a deeper place. 2,000 moves (92 KB patch, 800 KB doc):
#      48 s and 885 MB peak RSS; 40,000 moves (1.8 MB patch) > 120 s (killed).
# (measured on a busy 2-core machine; the launcher runs C1 only for inputs under 64 MiB)
# Promise: hostile input refused quickly / bounded by its real size; the fuzz contract calls >20 s a hang.
set -u; W=$(mktemp -d)
python3 - "$W" <<'PY'
import json, sys
W = sys.argv[1]
open(W + '/arr.json', 'w').write('{"a":[' + ','.join(['1'] * 1000000) + ']}')
open(W + '/rm0.json', 'w').write(json.dumps([{"op": "remove", "path": "/a/0"}] * 10000))
open(W + '/big.json', 'w').write('{"a":[' + ','.join(['[1]'] * 200000) + '],"b":{}}')
ops = []
for i in range(1000):
    ops += [{"op": "move", "from": "/a", "path": "/b/x"}, {"op": "move", "from": "/b/x", "path": "/a"}]
open(W + '/mv.json', 'w').write(json.dumps(ops))
PY
ls -l $W
/usr/bin/time -f 'remove x10000: %e s %M KB' ./delta apply --raw -s json-patch $W/arr.json $W/rm0.json -o /dev/null; echo "exit $?"
/usr/bin/time -f 'move x2000: %e s %M KB' ./delta apply --raw -s json-patch $W/big.json $W/mv.json -o /dev/null; echo "exit $?"
