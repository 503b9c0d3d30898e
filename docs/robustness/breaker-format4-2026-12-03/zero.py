import dc,sys,shutil
src,a,b=sys.argv[1],int(sys.argv[2]),int(sys.argv[3]); d='/tmp/w/x'; shutil.rmtree(d,ignore_errors=True); shutil.copytree(src,d)
s=dc.seg(d); s[a:b]=bytes(b-a); dc.wseg(d,s); print('zeroed',a,b)
