#!/usr/bin/env bash
# Finding: under the default FsyncPolicy.always(), the last version's index entry was forced before
# `chain add` acknowledged it. Cut the index inside (or exactly before) that last 40-byte entry:
#  - `chain verify` says "ok: N-1 versions verified", exit 0; `chain log` exit 0 -- nothing says that the
#    segment still holds whole, CRC- and hash-valid frames of version N-1 past the index;
#  - the next `chain add` silently truncates those frames and reuses the number: the acknowledged version
#    is gone, with no WARN/line on stdout or stderr.
# Expected: verify reports the uncounted whole frames (FAULT / warning naming the version, like the
# "index cut short" case for >1 version), and recovery at least says what it dropped.
set -u
W=$(mktemp -d); C=$W/chain
./delta chain init $C >/dev/null
for i in 0 1 2 3; do seq $i $((i+100)) > $W/v$i.txt; done
./delta chain add $C $W/v0.txt $W/v1.txt $W/v2.txt $W/v3.txt      # versions 0..3, all acknowledged
idx=$(ls $C/*.didx); sz=$(stat -c %s $idx)
truncate -s $((sz - 20)) $idx                                       # cut version 3's entry in half
echo "--- verify after cutting version 3's index entry in half:"; ./delta chain verify $C; echo "exit $?"
echo "--- get 3:"; ./delta chain get $C 3; echo "exit $?"
echo "--- record frames (DLTR) in the segment: $(grep -ao DLTR $(ls $C/*.dseg) | wc -l) (versions 1..3)"
echo other > $W/other.txt
echo "--- add:"; ./delta chain add $C $W/other.txt; echo "exit $?"
echo "--- get 3 now (was the content of v3.txt = '3..103'):"; ./delta chain get $C 3
