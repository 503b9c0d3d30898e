# forge index entry I (valid CRC): set fields from spec "field=value" or "field=@J.field" (copy from entry J)
import dc, sys, shutil
src=sys.argv[1]; I=int(sys.argv[2]); d='/tmp/w/x'
shutil.rmtree(d, ignore_errors=True); shutil.copytree(src, d)
es=dc.entries(d); e=dict(es[I])
for a in sys.argv[3:]:
    k,v=a.split('=')
    if v.startswith('@'): j,f=v[1:].split('.'); e[k]=es[int(j)][f]
    else: e[k]=int(v,0)
dc.put_entry(d,I,e); print('entry',I,'->',{k:e[k] for k in ('v','flags','rebuild','ro','rl','so','sl')})
