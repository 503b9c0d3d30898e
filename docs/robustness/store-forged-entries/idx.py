#!/usr/bin/env python3
"""Index tool: idx.py dump DIR | idx.py set DIR I field=value ... (re-CRCs) | idx.py swap DIR I J |
idx.py point DIR I J (entry I's snapshot pointer := entry J's, re-CRC'd) | idx.py flip DIR OFFSET [MASK]"""
import sys, struct, glob, os
def crc32c(data):
    crc = 0xffffffff
    for b in data:
        crc ^= b
        for _ in range(8):
            crc = (crc >> 1) ^ (0x82F63B78 if crc & 1 else 0)
    return crc ^ 0xffffffff
F = ('ver','flags','rebuild','roff','rlen','soff','slen')
def path(d): return sorted(glob.glob(d + '/*.didx'))[-1]
def read(d):
    b = bytearray(open(path(d),'rb').read()); return b
def dec(b, i):
    o = 16 + 40*i; e = b[o:o+40]
    ver, flags = struct.unpack('>IB', e[0:5]); rb, roff, rlen, soff, slen, crc = struct.unpack('>IQIQII', e[8:40])
    return dict(ver=ver, flags=flags, rebuild=rb, roff=roff, rlen=rlen, soff=soff, slen=slen, crc=crc, ok=crc==crc32c(e[:36]))
def enc(d):
    e = struct.pack('>IB3xIQIQI', d['ver'], d['flags'], d['rebuild'], d['roff'], d['rlen'], d['soff'], d['slen'])
    return e + struct.pack('>I', crc32c(e))
cmd, d = sys.argv[1], sys.argv[2]
b = read(d); n = (len(b)-16)//40
if cmd == 'dump':
    for i in range(n): print(i, dec(b, i))
    sys.exit()
if cmd == 'set':
    i = int(sys.argv[3]); e = dec(b, i)
    for kv in sys.argv[4:]:
        k, v = kv.split('='); e[k] = int(v, 0)
    b[16+40*i:16+40*i+40] = enc(e)
elif cmd == 'swap':
    i, j = int(sys.argv[3]), int(sys.argv[4])
    a, c = bytes(b[16+40*i:56+40*i]), bytes(b[16+40*j:56+40*j]); b[16+40*i:56+40*i] = c; b[16+40*j:56+40*j] = a
elif cmd == 'point':
    i, j = int(sys.argv[3]), int(sys.argv[4]); e = dec(b, i); o = dec(b, j)
    e['soff'], e['slen'] = o['soff'], o['slen']
    b[16+40*i:16+40*i+40] = enc(e)
elif cmd == 'flip':
    off = int(sys.argv[3]); b[off] ^= int(sys.argv[4], 0) if len(sys.argv) > 4 else 0x01
open(path(d),'wb').write(b)
