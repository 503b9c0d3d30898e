# forge a literal byte in snapshot delta frame (identity codec) of version V, valid CRC; or for a whole
# (v2) frame, flip a state byte in the middle. Other args: rN to damage (CRC-bad) record N.
import dc, sys, shutil, struct
src=sys.argv[1]; V=int(sys.argv[2]); d='/tmp/w/x'; shutil.rmtree(d, ignore_errors=True); shutil.copytree(src, d)
es=dc.entries(d); s=dc.seg(d); e=es[V]; fr=s[e['so']:e['so']+e['sl']]
if fr[4]==3:
    C=fr[23]; assert C==0, 'codec in use'
    D=struct.unpack('>I',fr[19:23])[0]; p=28; end=28+D; done=False
    while p<end:
        x,p=dc.varint(fr,p); n,k=x>>1,x&1
        if k==0:
            if n>0 and not done: fr[p+n//2]^=1; done=True; print('forged literal at',p+n//2)
            p+=n
        else: _,p=dc.varint(fr,p)
    assert done
else:
    fr[len(fr)//2]^=1
fr=dc.refix_crc(fr); s[e['so']:e['so']+e['sl']]=fr
for a in sys.argv[3:]:
    r=es[int(a[1:])]; s[r['ro']+r['rl']-8]^=1
dc.wseg(d,s); print('forged snapshot',V,'damaged',sys.argv[3:])
