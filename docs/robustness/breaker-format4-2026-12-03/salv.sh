#!/bin/bash
# salvage /tmp/w/x into /tmp/w/s (extra args passed to salvage), export, and map each exported file to the input it equals
rm -rf /tmp/w/s /tmp/w/se
${DELTA:-./delta} chain salvage "$@" /tmp/w/x /tmp/w/s > /tmp/salv.out 2>&1; echo "salvage rc=$?"; cut -c1-300 /tmp/salv.out | tail -6 | sed 's/^/  /'
${DELTA:-./delta} chain export /tmp/w/s /tmp/w/se >/dev/null 2>&1
declare -A H; for f in /tmp/w/f*.txt; do H[$(sha1sum < $f | cut -c1-40)]=$(basename $f .txt); done
out=""; for f in /tmp/w/se/*; do h=$(sha1sum < $f | cut -c1-40); out="$out ${H[$h]:-!!NOMATCH!!}"; done
echo "  salvaged versions map to inputs:$(echo $out | tr ' ' '\n' | sed 's/f0*//' | awk 'NR==1{s=$1;p=$1;next} {if($1==p+1){p=$1}else{printf "%s-%s,",s,p; s=$1;p=$1}} END{printf "%s-%s\n",s,p}')"
grep -c NOMATCH <<< "$out"
