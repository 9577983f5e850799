#!/usr/bin/env bash
#
# tune.sh - size Linux TCP buffer ceilings from a path's bandwidth-delay product.
#
# Usage:  ./tune.sh BANDWIDTH_MBIT RTT_MS [--apply]
#
# Prints the sysctl settings that let TCP autotuning grow a single connection's
# buffers to twice the bandwidth-delay product of the path. Only the maximum of
# tcp_rmem / tcp_wmem is raised; the minimum and default values are kept, so idle
# sockets stay small. Nothing is changed unless --apply is given.
#
# Run it on BOTH ends of the path: the receiver needs the rmem ceiling, the
# sender needs the wmem ceiling.

set -euo pipefail

readonly CONF=/etc/sysctl.d/90-bdp.conf
readonly MIB=$((1024 * 1024))

usage() {
  echo "usage: $0 BANDWIDTH_MBIT RTT_MS [--apply]" >&2
  exit 2
}

[[ $# -ge 2 && $# -le 3 ]] || usage
bw_mbit=$1
rtt_ms=$2
apply=${3:-}

[[ $bw_mbit =~ ^[0-9]+$ && $rtt_ms =~ ^[0-9]+$ ]] || usage
[[ -z $apply || $apply == --apply ]] || usage
((bw_mbit > 0 && rtt_ms > 0)) || usage

# BDP in bytes: Mbit/s * 10^6 / 8 * ms / 1000  ==  Mbit/s * ms * 125
bdp=$((bw_mbit * rtt_ms * 125))

# Only part of a socket buffer becomes advertised window, so allow twice the BDP,
# rounded up to a whole MiB, and never go below the usual 6 MiB default.
ceiling=$(((2 * bdp + MIB - 1) / MIB * MIB))
((ceiling >= 6 * MIB)) || ceiling=$((6 * MIB))

# Keep whatever min/default values the running kernel already uses.
read -r rmin rdef _ < /proc/sys/net/ipv4/tcp_rmem
read -r wmin wdef _ < /proc/sys/net/ipv4/tcp_wmem

printf '# path: %s Mbit/s x %s ms -> BDP %d bytes (%s MiB)\n' \
  "$bw_mbit" "$rtt_ms" "$bdp" "$(awk -v b="$bdp" 'BEGIN { printf "%.1f", b / 1048576 }')"
printf '# buffer ceiling (2 x BDP, rounded up to MiB): %d MiB\n' $((ceiling / MIB))

settings=$(cat <<EOF
net.core.rmem_max = $ceiling
net.core.wmem_max = $ceiling
net.ipv4.tcp_rmem = $rmin $rdef $ceiling
net.ipv4.tcp_wmem = $wmin $wdef $ceiling
EOF
)
echo "$settings"

if [[ $apply != --apply ]]; then
  echo "# dry run: re-run with --apply to write $CONF"
  exit 0
fi

if [[ $EUID -ne 0 ]]; then
  echo "error: --apply needs root" >&2
  exit 1
fi

{
  echo "# Written by tune.sh for ${bw_mbit} Mbit/s x ${rtt_ms} ms on $(date -u +%F)"
  echo "$settings"
} > "$CONF"
sysctl -p "$CONF"
echo "# applied; reconnect long-lived sessions so they renegotiate window scaling"
