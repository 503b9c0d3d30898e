# flip one byte at a named field of the record frame of version V (optionally re-forging the CRC)
import dc, sys, shutil, subprocess
src, V, field, forge = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]=='1'
d='/tmp/w/x'; shutil.rmtree(d, ignore_errors=True); shutil.copytree(src, d)
es=dc.entries(d); s=dc.seg(d); e=es[V]; fr=s[e['ro']:e['ro']+e['rl']]; r=dc.parse_rec(fr)
off={'magic':0,'len':4,'index':r['body_at'],'ts':r['ts_at'],'strat':r['strat_at'],'fmt':r['fmt_at'],'codec':r['codec_at'],
     'flags':r['flags_at'],'base':r['base_at'],'target':r['target_at'],'payload':len(fr)-10,'crc':len(fr)-2}[field]
xor=int(sys.argv[5],0) if len(sys.argv)>5 else 1
fr[off]^=xor
if forge: fr=dc.refix_crc(fr)
s[e['ro']:e['ro']+e['rl']]=fr; dc.wseg(d,s)
print(f"v{V} field {field} at frame+{off} xor {xor:#x} forge={forge} recflags={r['flags']}")
