#!/usr/bin/env bash
# Minor, accepted though FORMAT.md says otherwise / odd messages:
#  - wire metadata keys out of sorted order (FORMAT.md: "keys strictly unique, written in sorted order"): accepted, exit 0.
#  - JSON form: payload in the base64url alphabet ('-', '_') accepted; "index": -0 accepted.
set -u; W=$(mktemp -d); H=$(dirname "$0")
echo '{"a":1,"b":2}' > $W/o.json; echo '{"a":1,"b":3}' > $W/n.json
./delta diff -s dict -c identity $W/o.json $W/n.json -o $W/d.dltr
./delta diff -s dict -c identity --json $W/o.json $W/n.json -o $W/d.json
python3 - "$W" "$H" <<'PY'
import sys, struct, json; sys.path.insert(0, sys.argv[2]); from rec import *
W = sys.argv[1]; f = parse(open(W + '/d.dltr', 'rb').read())
m = struct.pack('>I', 2) + struct.pack('>I',1)+b'b'+struct.pack('>I',1)+b'x' + struct.pack('>I',1)+b'a'+struct.pack('>I',1)+b'y'
open(W + '/unsorted.dltr', 'wb').write(build(f, meta_raw=m))
d = json.load(open(W + '/d.json')); d['payload'] = d['payload'].replace('+', '-').replace('/', '_') + ''; d['index'] = 0
open(W + '/b64url.json', 'w').write(json.dumps(d).replace('"index": 0', '"index": -0'))
PY
./delta inspect $W/unsorted.dltr | tail -1; echo "exit $?"
./delta inspect $W/b64url.json | head -1; echo "exit $? (index -0 accepted; base64url accepted if the payload has + or /)"
