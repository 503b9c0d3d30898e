#!/usr/bin/env bash
# Finding 1, index-only forms (valid CRC32C via idx.py): a snapshot pointer at another version's frame is
# accepted when neither its own record nor the next one reads.
D=${DELTA:?set DELTA to the delta launcher}; IDX=./idx.py; [ -d b10.in ] || { ./mkchain.sh b10 >/dev/null; }
mk() { rm -rf $1; mkdir -p $1; $D chain init --snapshot-every 4 $1/c >/dev/null; $D chain add $1/c $(ls b10.in/v*.txt | head -$2) >/dev/null; }
chk() { $D chain get $1/c $2 -o $1/out 2>/dev/null; rc=$?; m=$(for k in $(seq 0 9); do cmp -s $1/out b10.in/v$k.txt && echo v$k; done); echo "$1: get $2 rc=$rc printed=${m:-nothing} (expected v$2)"; }
# A: 9 versions, the last (8) has a snapshot: ONE forged entry, record flag cleared, snapshot -> version 4's frame
mk A 9; python3 $IDX set A/c 8 flags=6 x=0; python3 $IDX point A/c 8 4; chk A 8
# B: 10 versions: entry 0 -> version 4's snapshot frame, entry 1's CRC broken
mk B 10; python3 $IDX point B/c 0 4; python3 $IDX flip B/c $((16+40+36)); chk B 0
# C: 10 versions: entry 4 record flag cleared, snapshot -> version 8's, entry 5's CRC broken
mk C 10; python3 $IDX set C/c 4 flags=6; python3 $IDX point C/c 4 8; python3 $IDX flip C/c $((16+200+36)); chk C 4
for x in A B C; do $D chain verify $x/c >/dev/null 2>&1; echo "$x verify rc=$?"; done
rm -rf A/ex A/sv; $D chain export A/c A/ex 2>/dev/null; echo "A export rc=$?"; cmp -s A/ex/000000008.bin b10.in/v4.txt && echo "A WRONG: export 000000008.bin is v4"
$D chain salvage A/c A/sv 2>/dev/null; echo "A salvage rc=$?"; $D chain get A/sv 8 -o A/sv8 2>/dev/null; cmp -s A/sv8 b10.in/v4.txt && echo "A WRONG: salvaged version 8 is v4"
