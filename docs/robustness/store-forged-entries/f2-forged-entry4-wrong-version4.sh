#!/usr/bin/env bash
# Entry 4 (valid CRC32C): record flag cleared, snapshot pointer -> version 8's snapshot frame. Without a readable
# record the snapshot is vouched for by its frame CRC alone: get 4 exits 0 with version 8's bytes; salvage keeps it.
D=${DELTA:?set DELTA to the delta launcher}; ./mkchain.sh f2
python3 idx.py set f2 4 flags=6 soff=3133 slen=504
$D chain get f2 4 -o f2.v4; echo "get 4 rc=$?"; cmp -s f2.v4 f2.in/v8.txt && echo "WRONG: version 4 == v8.txt"
rm -rf f2.salv f2.exp; $D chain salvage f2 f2.salv; $D chain verify f2.salv
$D chain export f2.salv f2.exp >/dev/null; cmp -s f2.exp/000000004.bin f2.in/v8.txt && echo "WRONG: salvaged version 4 == v8.txt"
