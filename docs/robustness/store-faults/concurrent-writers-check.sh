#!/usr/bin/env bash
# Held-up check (not a finding): P processes `delta chain add` to one chain at once, N versions each, T trials.
# Every acknowledged version (exit 0, "version K:" line) must read back equal to what that process wrote.
# Usage: from a clone root with a built ./delta: concurrent-writers-check.sh [T] [P] [N] [policy]
set -u
T=${1:-10}; P=${2:-3}; N=${3:-20}; POL=${4:-snapshot}
D=./delta; W=$(mktemp -d); fail=0
for t in $(seq 1 $T); do
  C=$W/chain$t; $D chain init --policy $POL --snapshot-every 5 $C >/dev/null || { echo "init failed"; exit 1; }
  for p in $(seq 1 $P); do
    ( for i in $(seq 1 $N); do
        f=$W/in.$t.$p.$i; printf 'proc %s item %s %s\n' $p $i "$(head -c 200 /dev/urandom | base64 -w0)" > $f
        out=$($D chain add $C $f 2>&1); rc=$?
        if [ $rc -eq 0 ]; then k=$(echo "$out" | sed -n 's/^version \([0-9]*\):.*/\1/p' | head -1); echo "$k $f" >> $W/ack.$t.$p
        else echo "trial $t proc $p item $i rc=$rc: $out" >> $W/errs; fi
      done ) &
  done; wait
  $D chain verify $C >/dev/null 2>&1 || { echo "trial $t: verify failed: $($D chain verify $C 2>&1 | head -3)"; fail=1; }
  if [ "$POL" = snapshot ]; then
    cat $W/ack.$t.* | while read k f; do
      $D chain get -o $W/got $C $k 2>/dev/null && cmp -s $W/got $f || { echo "trial $t: version $k != $f"; }
    done
  fi
  n=$(cat $W/ack.$t.* | wc -l); len=$($D chain log $C | tail -n +2 | wc -l)
  echo "trial $t: acked $n, log rows $len, dup indexes: $(cat $W/ack.$t.* | awk '{print $1}' | sort | uniq -d | wc -l)"
done
[ -f $W/errs ] && { echo "errors:"; head -20 $W/errs; }
echo "workdir $W"
