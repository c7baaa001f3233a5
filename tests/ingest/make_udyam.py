#!/usr/bin/env python3
"""Write N clean Udyam rows (unique Udyam numbers and PANs) for ingest
tests that need volume. usage: make_udyam.py N OUT.csv [START]"""
import sys

HEADER = ("udyam_number,enterprise_name,owner_name,pan,gstins,constitution,social_category,"
          "owner_gender,owner_disabled,commenced_on,registered_on,activity,nic_code,state_code,"
          "district,pincode,area,investment_rs,turnover_rs,exports_rs,employees_male,"
          "employees_female,employees_other")
UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def pan(i):
    a, b = divmod(i, 9999)
    return UPPER[a // 676 % 26] + UPPER[a // 26 % 26] + UPPER[a % 26] + "P" + "S" + "%04d" % (b + 1) + "K"


def main():
    n, out = int(sys.argv[1]), sys.argv[2]
    start = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    with open(out, "w") as f:
        f.write(HEADER + "\n")
        for i in range(start, start + n):
            f.write("UDYAM-MH-26-%07d,Enterprise %d,Owner %d,%s,,proprietorship,general,male,N,"
                    "2019-04-01,2021-05-10,manufacturing,13111,27,Pune,411001,urban,%d,%d,0,2,1,0\n"
                    % (i, i, i, pan(i), 100000 + i, 1000000 + i))


main()
