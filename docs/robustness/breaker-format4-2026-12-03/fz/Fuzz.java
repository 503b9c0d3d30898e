import io.deltachain.api.*;
import io.deltachain.core.internal.RecordFrame;
import java.nio.file.*; import java.util.*; import java.nio.ByteBuffer;
public class Fuzz {
  static int crc(byte[] b,int n){ int c=~0; for(int i=0;i<n;i++){ c^=b[i]&0xff; for(int k=0;k<8;k++) c=(c&1)!=0?(c>>>1)^0x82F63B78:c>>>1;} return ~c; }
  public static void main(String[] a) throws Exception {
    byte[] seg=Files.readAllBytes(Path.of(a[0])); byte[] idx=Files.readAllBytes(Path.of(a[1]));
    int n=(idx.length-16)/40; List<byte[]> frames=new ArrayList<>(); List<byte[]> targets=new ArrayList<>();
    for(int i=1;i<n;i++){ ByteBuffer e=ByteBuffer.wrap(idx,16+40*i,40); long ro=e.getLong(16+40*i+12); int rl=e.getInt(16+40*i+20);
      frames.add(Arrays.copyOfRange(seg,(int)ro,(int)ro+rl)); }
    Limits L=Limits.defaults(); Map<Integer,byte[]> tgt=new HashMap<>();
    for(byte[] f:frames){ tgt.put(RecordFrame.indexOf(f,L), RecordFrame.targetHash(f,L)); }
    Random r=new Random(Long.parseLong(a[2])); int iters=Integer.parseInt(a[3]); Map<String,Integer> bad=new TreeMap<>(); int ok=0, same=0;
    for(int it=0;it<iters;it++){
      byte[] f=frames.get(r.nextInt(frames.size())).clone(); int m=r.nextInt(6);
      if(m==0){ int k=1+r.nextInt(3); for(int j=0;j<k;j++) f[r.nextInt(f.length-4)]^=(byte)(1<<r.nextInt(8)); }
      else if(m==1){ f[4+r.nextInt(Math.min(40,f.length-8))]=(byte)r.nextInt(256); }
      else if(m==2){ int p=4+r.nextInt(f.length-8); byte[] g=new byte[f.length+10]; System.arraycopy(f,0,g,0,p); for(int j=0;j<10;j++) g[p+j]=(byte)0xff; System.arraycopy(f,p,g,p+10,f.length-p); f=g; }
      else if(m==3){ int cut=8+r.nextInt(f.length-8); f=Arrays.copyOf(f,cut); }
      else if(m==4){ int p=4+r.nextInt(Math.min(60,f.length-8)); int q=p+1+r.nextInt(Math.min(8,f.length-4-p)); byte[] g=new byte[f.length-(q-p)]; System.arraycopy(f,0,g,0,p); System.arraycopy(f,q,g,p,f.length-q); f=g; }
      else { int p=4+r.nextInt(Math.min(60,f.length-14)); for(int j=0;j<10;j++) f[p+j]=(byte)(j<9?0xff:0x7f); }
      if(f.length>=8){ int c=crc(f,f.length-4); ByteBuffer.wrap(f).putInt(f.length-4,c); }
      try { var rec=RecordFrame.read(f,L,v->tgt.get(v)); ok++; }
      catch(DeltaException e){ same++; }
      catch(Throwable t){ String k=t.getClass().getName()+": "+String.valueOf(t.getMessage()); k=k.substring(0,Math.min(160,k.length())); bad.merge(k,1,Integer::sum); if(bad.get(k)==1) t.printStackTrace(); }
    }
    System.out.println("parsed ok="+ok+" DeltaException="+same+" other="+bad);
  }
}
