#!/usr/bin/env bash
# Installs the system packages yusuan needs, idempotently. `--ocr` adds tesseract with Chinese (chi_sim). Safe to run many times:
# apt-get runs only when something is missing.
set -euo pipefail

# poppler-data is only "recommended" by poppler-utils, but without it unembedded Chinese CID fonts
# (Adobe-GB1, e.g. STSong-Light) give no text at all.
PACKAGES=(libgsl-dev pkg-config poppler-utils poppler-data librsvg2-bin fonts-noto-cjk libxml2-dev libopencc-dev zlib1g-dev)

# OCR of scanned PDFs (`yusuan ingest --ocr`) only when asked: `scripts/setup.sh --ocr`; the benchmarks' Python
# baselines with `--bench`.
for arg in "$@"; do
  case "$arg" in
    --ocr) PACKAGES+=(tesseract-ocr tesseract-ocr-chi-sim) ;;
    # The pandas/numpy/scipy baselines of scripts/bench.py (benchmarks only; run them with /usr/bin/python3).
    --bench) PACKAGES+=(python3-pandas python3-scipy python3-numpy) ;;
    *) echo "yusuan setup: unknown option $arg (known: --ocr, --bench)" >&2; exit 2 ;;
  esac
done

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "yusuan setup: installing ${missing[*]}" >&2
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! pkg-config --exists gsl; then
  echo "yusuan setup: pkg-config cannot find gsl after installing libgsl-dev" >&2
  exit 1
fi
