#!/usr/bin/env bash
# Entry 0 re-pointed (valid CRC32C) at version 4's snapshot frame. Found: get 0 exited 0 with version 4's bytes.
# Now: get 0 is refused (the frame names version 4; in a format 2 chain, record 1's base hash refuses it).
# (salvage leaves out the versions that do not read and renumbers the rest: its version 0 is then v4, by design)
D=${DELTA:?set DELTA to the delta launcher}; ./mkchain.sh f1
python3 idx.py point f1 0 4
rm -f f1.v0; $D chain get f1 0 -o f1.v0; echo "get 0 rc=$?"; cmp -s f1.v0 f1.in/v4.txt && echo "WRONG: version 0 == v4.txt"
$D chain verify f1
