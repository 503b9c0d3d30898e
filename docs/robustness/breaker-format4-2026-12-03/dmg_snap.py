# flip a byte at offset OFF (negative: from end) of snapshot frame of version V; forge CRC if 4th arg 1
import dc, sys, shutil
src,V,OFF=sys.argv[1],int(sys.argv[2]),int(sys.argv[3]); forge=len(sys.argv)>4 and sys.argv[4]=='1'
d='/tmp/w/x'; shutil.rmtree(d, ignore_errors=True); shutil.copytree(src, d)
es=dc.entries(d); s=dc.seg(d); e=es[V]; fr=s[e['so']:e['so']+e['sl']]
print('snap',V,'hdr',fr[:19].hex())
fr[OFF]^=1
if forge: fr=dc.refix_crc(fr)
s[e['so']:e['so']+e['sl']]=fr; dc.wseg(d,s)
