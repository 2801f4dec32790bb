#!/usr/bin/env bash
# Installs what Songbridge needs on a fresh Debian machine; quiet and quick when everything is there.
set -euo pipefail

# Debian packages: abcmidi (abc2midi, the reference the ABC reader is compared with in the tests).
packages=(abcmidi)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi

command -v swift >/dev/null || { echo "setup: swift is not on PATH (Swift 6.3 is needed)" >&2; exit 1; }
