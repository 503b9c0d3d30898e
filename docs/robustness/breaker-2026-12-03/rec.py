import struct, sys
def crc32c(data, crc=0):
    crc ^= 0xffffffff
    for b in data:
        crc ^= b
        for _ in range(8):
            crc = (crc >> 1) ^ (0x82F63B78 & -(crc & 1))
    return crc ^ 0xffffffff
def parse(b):
    H = struct.unpack('>I', b[6:10])[0]
    h = b[10:10+H]; p = 0; f = {}
    def take(n):
        nonlocal p; v = h[p:p+n]; p += n; return v
    f['index'] = struct.unpack('>I', take(4))[0]
    f['ts'] = struct.unpack('>qi', take(12))
    for k in ('strategy','format','codec'):
        n = take(1)[0]; f[k] = take(n)
    f['level'] = struct.unpack('>i', take(4))[0]
    f['raw'], f['psize'] = struct.unpack('>qq', take(16))
    f['base'] = take(32); f['target'] = take(32)
    f['known'] = take(1)[0]; f['changes'], f['removals'] = struct.unpack('>qq', take(16))
    nk = struct.unpack('>I', take(4))[0]; keys = []
    for _ in range(nk):
        n = struct.unpack('>I', take(4))[0]; keys.append(take(n))
    f['keys'] = keys
    nm = struct.unpack('>I', take(4))[0]; meta = []
    for _ in range(nm):
        n = struct.unpack('>I', take(4))[0]; k = take(n); n = struct.unpack('>I', take(4))[0]; meta.append((k, take(n)))
    f['meta'] = meta
    P = struct.unpack('>I', b[10+H:14+H])[0]
    f['payload'] = b[14+H:14+H+P]
    return f
def build(f, keys_raw=None, meta_raw=None, payload_len=None):
    h = struct.pack('>I', f['index']) + struct.pack('>qi', *f['ts'])
    for k in ('strategy','format','codec'):
        h += bytes([len(f[k]) & 0xff]) + f[k]
    h += struct.pack('>i', f['level']) + struct.pack('>qq', f['raw'], f['psize']) + f['base'] + f['target']
    h += bytes([f['known']]) + struct.pack('>qq', f['changes'], f['removals'])
    if keys_raw is not None: h += keys_raw
    else:
        h += struct.pack('>I', len(f['keys'])) + b''.join(struct.pack('>I', len(k)) + k for k in f['keys'])
    if meta_raw is not None: h += meta_raw
    else:
        h += struct.pack('>I', len(f['meta'])) + b''.join(struct.pack('>I', len(k)) + k + struct.pack('>I', len(v)) + v for k, v in f['meta'])
    pl = f['payload']
    b = b'DLTR\x01\x00' + struct.pack('>I', len(h)) + h + struct.pack('>I', payload_len if payload_len is not None else len(pl)) + pl
    return b + struct.pack('>I', crc32c(b))
if __name__ == '__main__':
    b = open(sys.argv[1],'rb').read(); f = parse(b); print(f)
    assert build(f) == b, "roundtrip"
    print("roundtrip ok")
