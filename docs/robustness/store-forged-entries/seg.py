#!/usr/bin/env python3
"""seg.py: frame tool for format-3 chains. Functions used by other scripts via import.
replace(d, i, kind, newbytes): replace version i's 'snap' or 'rec' frame with newbytes, shifting later offsets, re-CRCing index entries."""
import sys, struct, glob, zlib
from zlib import crc32
def crc32c(data):
    import ctypes
    crc = 0xffffffff
    tbl = crc32c.tbl
    for b in data:
        crc = tbl[(crc ^ b) & 0xff] ^ (crc >> 8)
    return crc ^ 0xffffffff
t=[]
for n in range(256):
    c=n
    for _ in range(8): c=(c>>1)^(0x82F63B78 if c&1 else 0)
    t.append(c)
crc32c.tbl=t
def files(d): return sorted(glob.glob(d+'/*.didx'))[-1], sorted(glob.glob(d+'/*.dseg'))[-1]
def entries(ib):
    n=(len(ib)-16)//40; out=[]
    for i in range(n):
        e=ib[16+40*i:56+40*i]
        ver,flags=struct.unpack('>IB',e[0:5]); rb,roff,rlen,soff,slen,c=struct.unpack('>IQIQII',e[8:40])
        out.append(dict(ver=ver,flags=flags,rebuild=rb,roff=roff,rlen=rlen,soff=soff,slen=slen))
    return out
def enc(d):
    e=struct.pack('>IB3xIQIQI',d['ver'],d['flags'],d['rebuild'],d['roff'],d['rlen'],d['soff'],d['slen'])
    return e+struct.pack('>I',crc32c(e))
def load(d):
    ip,sp=files(d); ib=bytearray(open(ip,'rb').read()); sb=bytearray(open(sp,'rb').read()); return ip,sp,ib,sb,entries(ib)
def frame(d,i,kind):
    ip,sp,ib,sb,es=load(d); e=es[i]
    o,l=(e['soff'],e['slen']) if kind=='snap' else (e['roff'],e['rlen'])
    return bytes(sb[o:o+l])
def recrc(fr):
    fr=bytearray(fr); fr[-4:]=struct.pack('>I',crc32c(bytes(fr[:-4]))); return bytes(fr)
def replace(d,i,kind,new):
    ip,sp,ib,sb,es=load(d); e=es[i]
    o,l=(e['soff'],e['slen']) if kind=='snap' else (e['roff'],e['rlen'])
    delta=len(new)-l
    sb=sb[:o]+bytearray(new)+sb[o+l:]
    if kind=='snap': e['slen']=len(new)
    else: e['rlen']=len(new)
    for k,x in enumerate(es):
        if x['roff']>o and x['rlen']: x['roff']+=delta
        if x['soff']>o and x['slen']: x['soff']+=delta
    hdr=ib[:16]; out=bytearray(hdr)
    for x in es: out+=enc(x)
    open(ip,'wb').write(out); open(sp,'wb').write(sb)
def parse_snap(fr):
    assert fr[:4]==b'DLTS' and fr[4]==2, fr[:6]
    B=struct.unpack('>I',fr[6:10])[0]; ver=struct.unpack('>I',fr[10:14])[0]; C=fr[14]; codec=fr[15:15+C].decode()
    L=struct.unpack('>I',fr[15+C:19+C])[0]; body=fr[19+C:10+B]
    return dict(ver=ver,codec=codec,L=L,body=body)
def build_snap(ver,codec,L,body,B=None):
    c=codec.encode(); inner=struct.pack('>I',ver)+bytes([len(c)])+c+struct.pack('>I',L)+body
    if B is None: B=len(inner)
    fr=b'DLTS'+bytes([2,0])+struct.pack('>I',B)+inner
    return fr+struct.pack('>I',crc32c(fr))
if __name__=='__main__':
    d=sys.argv[1]; ip,sp,ib,sb,es=load(d)
    for i,e in enumerate(es):
        s=''
        if e['slen']: p=parse_snap(bytes(sb[e['soff']:e['soff']+e['slen']])); s=f" snap ver={p['ver']} codec={p['codec']} L={p['L']} body={len(p['body'])}"
        print(i,e,s)
