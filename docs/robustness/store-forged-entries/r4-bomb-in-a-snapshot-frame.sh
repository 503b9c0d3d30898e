#!/usr/bin/env bash
# A snapshot frame (version 4 of a 10-version gzip bytes chain, snapshot every 4) replaced by a gzip bomb
# (300 MiB of zeros, valid frame CRC, right version number, L=490). Found: get 4-7 refused with the limit;
# now the frame stops decoding at L+1 bytes (damage, not a limit) and 4-7 rebuild from snapshot 0.
set -u; D=${DELTA:?set DELTA to the delta launcher}
[ -d bgz ] || DELTA=$D ./mkall.sh
rm -rf bomb && cp -r bgz bomb && python3 - <<'PY'
import seg, gzip
p = seg.parse_snap(seg.frame('bomb', 4, 'snap'))
seg.replace('bomb', 4, 'snap', seg.build_snap(4, 'gzip', p['L'], gzip.compress(b'\0' * (300 << 20), mtime=0)))
PY
rm -rf flip && cp -r bgz flip && python3 - <<'PY'
import seg
fr = bytearray(seg.frame('flip', 4, 'snap')); fr[40] ^= 1; seg.replace('flip', 4, 'snap', seg.recrc(fr))
PY
for c in flip bomb; do for v in 4 5 7; do $D chain get $c $v -o $c.out 2>$c.err; rc=$?; cmp -s $c.out b10.in/v$v.txt && r=correct || r="rc=$rc $(head -c 160 $c.err)"; echo "$c get $v: $r"; done; done
