#!/usr/bin/env bash
# System packages the project needs beyond Java 17 and Maven Central (Debian):
#   lame                 MP3 encoding of the synthetic corpus (MTAT's format)
#   timgm6mb-soundfont   a small General MIDI SoundFont (tests, quick corpora)
#   with --full, the GM SoundFonts of the full training corpus and its unseen-timbre test set:
#   fluid-soundfont-gm   FluidR3_GM (148 MB)          csound-soundfont   the Csound GM bank (4 MB)
#   opl3-soundfont       an OPL-3 FM bank (135 MB)     musescore-general-soundfont-lossless
#                        MuseScore General (490 MB; never trained on: the unseen-SoundFont test)
#   chromium, chromium-driver   the headless browser and its WebDriver for the web page's test
#   kubernetes-client    kubectl, whose built-in kustomize renders k8s/ in the tests (only when
#                        no kubectl is on the PATH already)
# Idempotent: installs only what is missing. Usage: deploy/setup.sh [--full]
set -euo pipefail
want=(lame timgm6mb-soundfont chromium chromium-driver)
command -v kubectl >/dev/null 2>&1 || want+=(kubernetes-client)
[[ "${1:-}" == "--full" ]] && want+=(fluid-soundfont-gm csound-soundfont opl3-soundfont musescore-general-soundfont-lossless)
missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  echo "setup: installing ${missing[*]}" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
echo "setup: ok (${want[*]})" >&2
