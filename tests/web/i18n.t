#!/usr/bin/env bash
# The gettext catalogues: po/samanvay.pot lists exactly the strings the
# sources mark (src/web, and src/analytics for reasons and sectors in words;
# the Makefile's I18N_SRC), and po/hi.po translates every one of them into Devanagari
# with the same printf directives. Environment (tests/run): ROOT, TMPDIR.
set -u
ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$ROOT/tests/tap.sh"
T=${TMPDIR:-/tmp}
cd "$ROOT" || exit 1

msgids() { # the msgids of a catalogue, sorted, one per line (C-escaped), header excluded
    python3 - "$1" <<'PY'
import sys
ids, cur, mode = [], None, None
for line in open(sys.argv[1], encoding="utf-8"):
    line = line.rstrip("\n")
    if line.startswith("msgid "):
        cur, mode = line[6:].strip('"'), "id"
    elif line.startswith("msgstr"):
        if cur:
            ids.append(cur)
        mode = None
    elif line.startswith('"') and mode == "id":
        cur += line.strip('"')
print("\n".join(sorted(ids)))
PY
}

xgettext --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ -o "$T/fresh.pot" \
    $(find src/web src/analytics -name '*.c' | sort) 2>/dev/null
ok $? "xgettext reads the sources"
msgids po/samanvay.pot >"$T/pot.ids"
msgids "$T/fresh.pot" >"$T/src.ids"
msgids po/hi.po >"$T/hi.ids"
[ -s "$T/src.ids" ]
ok $? "the sources mark strings for translation"
diff -u "$T/pot.ids" "$T/src.ids" >"$T/pot.diff"
ok $? "po/samanvay.pot is up to date with the sources (make pot)"
[ -s "$T/pot.diff" ] && sed 's/^/# /' "$T/pot.diff" | head -20
diff -u "$T/src.ids" "$T/hi.ids" >"$T/hi.diff"
ok $? "po/hi.po has exactly the strings of the sources"
[ -s "$T/hi.diff" ] && sed 's/^/# /' "$T/hi.diff" | head -20
stats=$(msgfmt --check --statistics -o /dev/null po/hi.po 2>&1)
ok $? "po/hi.po passes msgfmt --check (printf directives match)"
is "every Hindi string is translated, none fuzzy" "$(grep -cE 'fuzzy|untranslated' <<<"$stats")" "0"
python3 - po/hi.po <<'PY'
import sys
pairs, cur, mode = [], {"id": "", "str": ""}, None
for line in open(sys.argv[1], encoding="utf-8"):
    line = line.rstrip("\n")
    if line.startswith("msgid "):
        cur, mode = {"id": line[6:].strip('"'), "str": ""}, "id"
    elif line.startswith("msgstr "):
        cur["str"], mode = line[7:].strip('"'), "str"
        pairs.append(cur)
    elif line.startswith('"') and mode:
        cur[mode] += line.strip('"')
pairs = [p for p in pairs if p["id"]]
bad = [p["id"] for p in pairs if not any(0x900 <= ord(c) <= 0x97f for c in p["str"])]
for b in bad:
    print("# not in Devanagari:", b)
sys.exit(1 if bad or not pairs else 0)
PY
ok $? "every Hindi string is written in Devanagari"
done_testing
