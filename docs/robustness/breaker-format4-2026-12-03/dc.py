# helper: CRC32C, index/segment parsing for deltachain format 4
import struct, glob, os, sys
T=[]
for i in range(256):
    c=i
    for _ in range(8): c=(c>>1)^0x82F63B78 if c&1 else c>>1
    T.append(c)
def crc32c(b,crc=0):
    crc^=0xffffffff
    for x in b: crc=T[(crc^x)&0xff]^(crc>>8)
    return crc^0xffffffff
def files(d):
    return sorted(glob.glob(d+'/*.didx'))[-1], sorted(glob.glob(d+'/*.dseg'))[-1]
def entries(d):
    idx,_=files(d); b=open(idx,'rb').read(); out=[]
    for i in range((len(b)-16)//40):
        e=b[16+40*i:56+40*i]
        v,fl,rf,ro,rl,so,sl,c=struct.unpack('>IB3xIQIQII',e)
        out.append(dict(v=v,flags=fl,rebuild=rf,ro=ro,rl=rl,so=so,sl=sl,crc=c,ok=crc32c(e[:36])==c))
    return out
def put_entry(d,i,e):
    idx,_=files(d); b=bytearray(open(idx,'rb').read())
    raw=struct.pack('>IB3xIQIQI',e['v'],e['flags'],e['rebuild'],e['ro'],e['rl'],e['so'],e['sl'])
    raw+=struct.pack('>I',crc32c(raw)); b[16+40*i:56+40*i]=raw; open(idx,'wb').write(b)
def seg(d): return bytearray(open(files(d)[1],'rb').read())
def wseg(d,b): open(files(d)[1],'wb').write(b)
def refix_crc(frame):
    f=bytearray(frame); f[-4:]=struct.pack('>I',crc32c(f[:-4])); return f
def varint(b,p):
    v=0;s=0
    while True:
        x=b[p];p+=1;v|=(x&0x7f)<<s;s+=7
        if not x&0x80: return v,p
def enc_varint(v):
    o=bytearray()
    while True:
        x=v&0x7f;v>>=7
        if v: o.append(x|0x80)
        else: o.append(x); return bytes(o)
def parse_rec(fr):
    # returns dict with field offsets (DLTC only)
    assert fr[:4]==b'DLTC'
    p=4; B,p=varint(fr,p); r={'body_at':p}
    r['index'],p=varint(fr,p); r['ts_at']=p; _,p=varint(fr,p); _,p=varint(fr,p)
    for k in ('strat','fmt','codec'):
        r[k+'_at']=p; c=fr[p]; p+=1
        if c==0: n=fr[p]; p+=1+n
    _,p=varint(fr,p); _,p=varint(fr,p); _,p=varint(fr,p)
    r['flags_at']=p; r['flags']=fr[p]; p+=1
    bl=4 if r['flags']&4 else 32
    r['base_at']=p; r['base']=bytes(fr[p:p+bl]); p+=bl
    r['target_at']=p; r['target']=bytes(fr[p:p+32]); p+=32
    return r
