# BSDIFF40 patches that claim sizes (docs/ROBUSTNESS.md, "Memory by evidence")
import bz2, struct, sys
off = lambda x: struct.pack('<q', x)
def patch(name, size, control=b'', diff=b'', extra_bz=None):
    c, d = bz2.compress(control), bz2.compress(diff)
    e = extra_bz if extra_bz is not None else bz2.compress(b'')
    open(name, 'wb').write(b'BSDIFF40' + off(len(c)) + off(len(d)) + off(size) + c + d + e)
patch('claim15g.patch', 1536 << 20)
patch('claimmax.patch', (1 << 31) - 1)
# the extra-block bomb: 4 GiB of zeros, bzip2'd, behind a triple that copies 2^31 - 1 of them
z = bz2.BZ2Compressor(9)
chunk = bytes(64 << 20)
parts = [z.compress(chunk) for _ in range(64)]
parts.append(z.flush())
bomb = b''.join(parts)
patch('extrabomb.patch', (1 << 31) - 1, control=off(0) + off((1 << 31) - 1) + off(0), extra_bz=bomb)
for n in ['claim15g.patch', 'claimmax.patch', 'extrabomb.patch']:
    print(n, len(open(n, 'rb').read()))
