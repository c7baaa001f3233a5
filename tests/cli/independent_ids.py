#!/usr/bin/env python3
"""An independent validator for GSTIN and PAN, written from the rules in
DESIGN.md §5 and domain.md §2 (not from Samanvay's C code), and a random
sample generator. It feeds the samples to `samanvay check-id` in batch
mode and prints one TAP line per identifier type: ok when every verdict
agrees. The GSTIN checksum here uses the right-to-left Luhn mod 36 form,
the C code the left-to-right weighted form, so the two are independent.

usage: independent_ids.py SAMANVAY [N] [SEED]
"""
import random
import subprocess
import sys

ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
HOLDERS = "PCHFATBLJGK"


def luhn36_ok(s):
    total = 0
    for i, ch in enumerate(reversed(s)):
        v = ALNUM.index(ch)
        if i % 2 == 1:
            v *= 2
            v = v // 36 + v % 36
        total += v
    return total % 36 == 0


def pan_ok(p):
    return (len(p) == 10 and all(c in UPPER for c in p[:5]) and p[5:9].isdigit()
            and all(c in "0123456789" for c in p[5:9]) and p[9] in UPPER
            and p[3] in HOLDERS and p[5:9] != "0000")


def gstin_ok(g):
    if len(g) != 15 or any(c not in ALNUM for c in g):
        return False
    if not (g[0] in "0123456789" and g[1] in "0123456789"):
        return False
    state = int(g[:2])
    if not (1 <= state <= 38 or state in (97, 99)):
        return False
    if not pan_ok(g[2:12]):
        return False
    if g[12] == "0" or g[13] != "Z":
        return False
    return luhn36_ok(g)


def make_check(first14):
    for c in ALNUM:
        if luhn36_ok(first14 + c):
            return c
    raise AssertionError("no check character")


def random_pan(rng, valid=True):
    holder = rng.choice(HOLDERS) if valid else rng.choice(UPPER)
    serial = "%04d" % rng.randint(1 if valid else 0, 9999)
    return ("".join(rng.choice(UPPER) for _ in range(3)) + holder + rng.choice(UPPER)
            + serial + rng.choice(UPPER))


def random_gstin(rng):
    kind = rng.random()
    state = rng.choice(list(range(0, 40)) + [96, 97, 98, 99])
    body = "%02d" % state + random_pan(rng, valid=rng.random() < 0.9)
    body += rng.choice("123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ0") + ("Z" if rng.random() < 0.95 else rng.choice(ALNUM))
    g = body + make_check(body)
    if kind < 0.45:
        return g
    if kind < 0.75:  # one substituted character
        i = rng.randrange(15)
        return g[:i] + rng.choice(ALNUM) + g[i + 1:]
    if kind < 0.85:  # two adjacent characters swapped
        i = rng.randrange(14)
        return g[:i] + g[i + 1] + g[i] + g[i + 2:]
    if kind < 0.95:  # random characters
        return "".join(rng.choice(ALNUM) for _ in range(rng.choice([14, 15, 15, 15, 16])))
    return g.lower() if rng.random() < 0.5 else g[:14]


def run(samanvay, kind, ids, oracle):
    out = subprocess.run([samanvay, "check-id", kind], input="\n".join(ids) + "\n",
                         capture_output=True, text=True)
    lines = out.stdout.splitlines()
    if len(lines) != len(ids):
        return "%d answers for %d ids" % (len(lines), len(ids))
    disagree = 0
    first = None
    for ident, line in zip(ids, lines):
        parts = line.split("\t")
        if parts[0] != ident:
            return "answer out of order: %r for %r" % (line, ident)
        got = parts[1] == "valid"
        if got != oracle(ident):
            disagree += 1
            first = first or line
    want_rc = 0 if all(oracle(i) for i in ids) else 1
    if out.returncode != want_rc:
        return "exit status %d, want %d" % (out.returncode, want_rc)
    if disagree:
        return "%d disagreements, first: %s" % (disagree, first)
    return None


def main():
    samanvay = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 50000
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 2026)
    gstins = [random_gstin(rng) for _ in range(n)]
    pans = [random_pan(rng, valid=rng.random() < 0.6) for _ in range(n)]
    pans += ["".join(rng.choice(ALNUM) for _ in range(10)) for _ in range(n // 10)]
    t = 0
    for kind, ids, oracle in (("gstin", gstins, gstin_ok), ("pan", pans, pan_ok)):
        t += 1
        problem = run(samanvay, kind, ids, oracle)
        n_valid = sum(1 for i in ids if oracle(i))
        if problem:
            print("not ok %d - check-id %s agrees with the independent validator on %d samples: %s"
                  % (t, kind, len(ids), problem))
        else:
            print("ok %d - check-id %s agrees with the independent validator on %d samples (%d valid)"
                  % (t, kind, len(ids), n_valid))
    print("1..%d" % t)


if __name__ == "__main__":
    main()
