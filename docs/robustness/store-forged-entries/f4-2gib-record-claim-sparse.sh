#!/usr/bin/env bash
# Entry 5 claims a 2 GiB record (valid CRC); the segment is extended sparse to 2.2 GB (no disk used), so the claim fits.
# The whole 2 GiB is read before the record's payload limit (256M) is looked at: ~4.3 GB RSS, ~43 s, then a CRC error.
D=${DELTA:?set DELTA to the delta launcher}; ./mkchain.sh f4
python3 idx.py set f4 5 rlen=0x7ffffff0; truncate -s 2200000000 f4/*.dseg
/usr/bin/time -f "%e s, max RSS %M KB" $D chain get f4 5 -o /dev/null; rm -rf f4
