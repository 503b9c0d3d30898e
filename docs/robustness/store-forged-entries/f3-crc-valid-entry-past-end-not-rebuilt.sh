#!/usr/bin/env bash
# Middle entry 5 with a valid CRC but record length 0x7ffffff0 (past the segment's end); its frames are whole.
# The new rebuild-from-frames path is only taken on CRC/range/version faults, so versions 5-7 stop; a CRC-broken
# copy of the same damage reads fine.
D=${DELTA:?set DELTA to the delta launcher}; ./mkchain.sh f3; cp -r f3 f3b
python3 idx.py set f3 5 rlen=0x7ffffff0
$D chain get f3 5 -o /dev/null; echo "crc-valid: get 5 rc=$?"
python3 idx.py flip f3b $((16+40*5+20)) 0x7f; $D chain get f3b 5 -o /dev/null; echo "crc-broken: get 5 rc=$?"
