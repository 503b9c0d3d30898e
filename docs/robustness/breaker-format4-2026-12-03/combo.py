# combo damage on a copy of SRC into /tmp/w/x: args like  r29 (flip byte in record 29 payload, CRC left bad)
#   s30f (forge literal byte in snapshot 30 with a valid CRC), s30 (flip, CRC bad)
import dc, sys, shutil
src=sys.argv[1]; d='/tmp/w/x'; shutil.rmtree(d, ignore_errors=True); shutil.copytree(src, d)
es=dc.entries(d); s=dc.seg(d)
for a in sys.argv[2:]:
    kind=a[0]; forge=a.endswith('f'); v=int(a[1:].rstrip('f')); e=es[v]
    o,l=(e['ro'],e['rl']) if kind=='r' else (e['so'],e['sl'])
    fr=s[o:o+l]; fr[l-8]^=1      # a byte near the end (payload / literal text)
    if forge: fr=dc.refix_crc(fr)
    s[o:o+l]=fr
dc.wseg(d,s); print('damaged',sys.argv[2:])
