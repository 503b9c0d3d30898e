#!/bin/bash
# kill -9 a `chain add` of 120 files after a delay; acknowledged versions (printed lines) must all be in the chain
D=/tmp/w/k; rm -rf $D; ${DELTA:-./delta} chain init $D --snapshot-every 3 >/dev/null
for delay in "$@"; do
  ${DELTA:-./delta} chain add $D /tmp/w/f*.txt > /tmp/k.out 2>&1 & pid=$!
  sleep $delay; kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
  acked=$(grep -c '^version' /tmp/k.out); last=$(grep '^version' /tmp/k.out | tail -1)
  len=$(${DELTA:-./delta} chain verify $D 2>&1 | tail -1)
  echo "delay $delay: acked lines=$acked ($last) chain versions now=$len"
  /tmp/brk-repro/check.sh $D 2>&1 | grep -E 'WRONG|wrong=|verify rc' | tr '\n' ' '; echo
  rm -rf $D; ${DELTA:-./delta} chain init $D --snapshot-every 3 >/dev/null
done
