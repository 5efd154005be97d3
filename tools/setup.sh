#!/bin/sh
# Install, when missing, the Debian packages krait needs to build and test.
# Safe to run again: it only installs what is absent.
set -e
need="make gcc libgc-dev libgmp-dev libpcre2-dev python3"
# The JIT's stencils want clang with preserve_none + musttail: clang-19.
# make bench draws its warm-up curves with gnuplot.
# make fuzz links clang's libFuzzer and sanitizer runtimes: libclang-rt-19-dev
# (clang-19 only recommends it). gcc's ASan/UBSan (make sanitize) come with gcc.
optional="clang-19 libclang-rt-19-dev gnuplot-nox"
missing=""
for p in $need $optional; do
    dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
$SUDO apt-get update -qq
install=""
for p in $missing; do
    case " $optional " in
    *" $p "*) apt-cache policy "$p" 2>/dev/null | grep -q 'Candidate: [0-9]' || continue ;;
    esac
    install="$install $p"
done
echo "setup: installing$install"
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $install >/dev/null
