# tap.sh: helpers for shell tests (*.t). Source it, call `ok`/`check`, then `done_testing`.
# Each assertion prints one TAP line; the runner counts them.
_tap_n=0
_tap_failed=0
ok() { # ok CONDITION-STATUS NAME
    _tap_n=$((_tap_n + 1))
    if [ "$1" -eq 0 ]; then echo "ok $_tap_n - $2"; else echo "not ok $_tap_n - $2"; _tap_failed=1; fi
}
# check NAME COMMAND...: passes when COMMAND exits 0
check() {
    local name=$1; shift
    "$@" >/dev/null 2>&1
    ok $? "$name"
}
# is NAME GOT WANT
is() {
    _tap_n=$((_tap_n + 1))
    if [ "$2" == "$3" ]; then echo "ok $_tap_n - $1"; else
        echo "not ok $_tap_n - $1"; echo "#   got:  $2"; echo "#   want: $3"; _tap_failed=1; fi
}
done_testing() { echo "1..$_tap_n"; exit 0; }
like() { # like NAME TEXT SUBSTRING
    case "$2" in *"$3"*) ok 0 "$1" ;; *) ok 1 "$1"; echo "#   wanted '$3' in: $2" | head -3 ;; esac
}
