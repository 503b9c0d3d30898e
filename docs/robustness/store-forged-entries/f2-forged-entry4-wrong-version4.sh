#!/usr/bin/env bash
# Entry 4 (valid CRC32C): record flag cleared, snapshot pointer -> version 8's snapshot frame. Found: get 4 exited 0
# with version 8's bytes. Now: refused.
D=${DELTA:?set DELTA to the delta launcher}; ./mkchain.sh f2
python3 idx.py set f2 4 flags=6; python3 idx.py point f2 4 8
rm -f f2.v4; $D chain get f2 4 -o f2.v4; echo "get 4 rc=$?"; cmp -s f2.v4 f2.in/v8.txt && echo "WRONG: version 4 == v8.txt"
