#!/usr/bin/env bash
# Entry 0 re-pointed (valid CRC32C) at version 4's snapshot frame: get 0 exits 0 with version 4's bytes;
# verify blames version 1's record; salvage copies the wrong state as version 0, drops good versions 1-3, and the copy verifies "ok".
D=${DELTA:?set DELTA to the delta launcher}; ./mkchain.sh f1
python3 idx.py set f1 0 soff=1570 slen=504
$D chain get f1 0 -o f1.v0; echo "get 0 rc=$?"; cmp -s f1.v0 f1.in/v4.txt && echo "WRONG: version 0 == v4.txt"
$D chain verify f1; rm -rf f1.salv f1.exp; $D chain salvage f1 f1.salv; $D chain verify f1.salv
$D chain export f1.salv f1.exp >/dev/null; cmp -s f1.exp/000000000.bin f1.in/v4.txt && echo "WRONG: salvaged version 0 == v4.txt"
