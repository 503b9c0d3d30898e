#!/usr/bin/env python3
"""man.py DIR key=jsonvalue ... : rewrite manifest.json members and recompute its crc32c (canonical: sorted keys, no spaces)"""
import sys, json
sys.path.insert(0, '/tmp/breaker-work'); 
def crc32c(data):
    crc = 0xffffffff
    for b in data:
        crc ^= b
        for _ in range(8): crc = (crc >> 1) ^ (0x82F63B78 if crc & 1 else 0)
    return crc ^ 0xffffffff
d = sys.argv[1]; m = json.load(open(d + '/manifest.json'))
for kv in sys.argv[2:]:
    k, v = kv.split('=', 1); m[k] = json.loads(v)
m.pop('crc32c', None)
canon = lambda o: json.dumps(o, sort_keys=True, separators=(',', ':'), ensure_ascii=False)
m['crc32c'] = '%08x' % crc32c(canon(m).encode())
open(d + '/manifest.json', 'w').write(canon(m))
