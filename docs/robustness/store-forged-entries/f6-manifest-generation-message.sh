#!/usr/bin/env bash
# manifest.json names generation 1 (valid CRC); generation 2's files hold every version. The error says the
# versions "are lost otherwise" and suggests only a backup; salvage in fact recovers 10 of 10.
D=${DELTA:?set DELTA to the delta launcher}; ./mkchain.sh f6
python3 man.py f6 generation=1; $D chain get f6 9 -o /dev/null; rm -rf f6.s; $D chain salvage f6 f6.s 2>&1 | tail -2
