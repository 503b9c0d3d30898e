#!/bin/bash
# usage: check.sh CHAINDIR INPUTPREFIX   -> exports, compares to inputs, runs verify
D=$1; P=${2:-/tmp/w/f}
O=$(mktemp -d); rmdir $O
${DELTA:-./delta} chain export $D $O > /tmp/exp.out 2>&1; echo "export rc=$? $(grep -v '^delta: skipped' /tmp/exp.out | tail -2 | tr '\n' ' ')"
grep -c 'skipped' /tmp/exp.out | sed 's/^/  skipped-lines: /'
wrong=0; n=0; missing=""
for f in $O/*; do b=$(basename $f); i=$((10#${b%%.*})); n=$((n+1)); src=$(printf "%s%03d.txt" $P $i)
  if ! cmp -s $f $src; then echo "  !!! SILENT WRONG: version $i differs from $src"; wrong=1; fi; done
echo "  exported $n files, wrong=$wrong"
${DELTA:-./delta} chain verify $D > /tmp/ver.out 2>&1; echo "verify rc=$?"; head -c 1500 /tmp/ver.out | sed 's/^/  /'
rm -rf $O
