#!/usr/bin/env bash
# Drafter against the tools a paralegal would otherwise use, on the same document: the
# example complaint (alt-uscis), each tool run as a whole process under hyperfine.
# Writes bench/results.md. See bench/README.md.
#
#   bash bench/peers.sh            install what is missing, build, measure
#   RUNS=20 bash bench/peers.sh    more runs per tool (default 30; LibreOffice and
#                                  Chromium get a third of that, at least 10)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/drafter-target}"
runs=${RUNS:-30}
slow_runs=$(( runs / 3 > 10 ? runs / 3 : 10 ))
# Inputs and outputs live in a RAM folder (/dev/shm) when there is one, so that the state
# of a disk shared with other work does not decide the result; PEERS_DIR=/tmp measures on
# disk instead (Drafter fsyncs its output before renaming it into place; the peers do not).
parent=${PEERS_DIR:-$([[ -d /dev/shm && -w /dev/shm ]] && echo /dev/shm || echo "${TMPDIR:-/tmp}")}
work=$(mktemp -d "$parent/drafter-peers.XXXXXX")
trap 'rm -rf "$work"' EXIT
sudo_cmd=()
[[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)

note() { echo "peers: $*" >&2; }
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
apt_install() {
  local missing=()
  for p in "$@"; do have_pkg "$p" || missing+=("$p"); done
  ((${#missing[@]})) || return 0
  note "installing ${missing[*]}"
  "${sudo_cmd[@]}" apt-get update -qq || true
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
}

# What Drafter itself needs (fonts, poppler) and the measuring tools.
bash scripts/setup
apt_install hyperfine poppler-utils python3
skipped=()
if ! apt_install libreoffice-writer-nogui 2>/dev/null && ! apt_install libreoffice-writer 2>/dev/null; then
  skipped+=("LibreOffice: the Debian package libreoffice-writer-nogui could not be installed")
fi
if ! apt_install chromium 2>/dev/null; then
  skipped+=("Chromium: the Debian package chromium could not be installed")
fi
if ! command -v typst >/dev/null && [[ ! -x $HOME/.cargo/bin/typst ]]; then
  note "installing typst with cargo (compiles from source: about 10-15 minutes on 2 cores)"
  cargo install typst-cli --locked >/dev/null 2>&1 || skipped+=("typst: cargo install typst-cli failed")
fi
typst_bin=$(command -v typst || echo "$HOME/.cargo/bin/typst")

note "building drafter (release)"
cargo build --release --quiet
drafter="$CARGO_TARGET_DIR/release/drafter"

# The same document for every tool: Drafter's example profile and its filled complaint.
"$drafter" example alt-uscis >"$work/alt-uscis.json"
"$drafter" render --profile "$work/alt-uscis.json" --template complaint --format markdown \
  --date 2017-04-07 >"$work/body.md"
python3 bench/make_peer_inputs.py "$work/alt-uscis.json" "$work/body.md" "$work/in"
liberation=$(dirname "$(fc-list 2>/dev/null | grep -m1 'LiberationSerif-Regular' | cut -d: -f1)" 2>/dev/null || true)
[[ -d $liberation ]] || liberation=/usr/share/fonts/truetype/liberation2

names=() cmds=() outs=() counts=()
add() { names+=("$1"); outs+=("$2"); counts+=("$3"); cmds+=("$4"); }
add "drafter export" "$work/drafter.pdf" "$runs" \
  "$drafter export --profile $work/alt-uscis.json --template complaint --out $work/drafter.pdf --date 2017-04-07"
if [[ -x $typst_bin ]]; then
  # Only the Liberation fonts: typst need not scan every font on the system.
  add "typst compile" "$work/typst.pdf" "$runs" \
    "$typst_bin compile --ignore-system-fonts --font-path $liberation $work/in/complaint.typ $work/typst.pdf"
fi
if command -v soffice >/dev/null; then
  add "LibreOffice --convert-to pdf" "$work/lo/complaint.pdf" "$slow_runs" \
    "soffice -env:UserInstallation=file://$work/lo-profile --headless --convert-to pdf --outdir $work/lo $work/in/complaint.fodt"
fi
if command -v chromium >/dev/null; then
  add "Chromium --print-to-pdf" "$work/chromium.pdf" "$slow_runs" \
    "chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync --user-data-dir=$work/chromium-profile --no-pdf-header-footer --print-to-pdf=$work/chromium.pdf file://$work/in/complaint.html"
fi

results=()
for i in "${!names[@]}"; do
  note "timing ${names[$i]} (${counts[$i]} runs)"
  json="$work/t$i.json"
  hyperfine -N --warmup 3 --runs "${counts[$i]}" --export-json "$json" "${cmds[$i]}" >/dev/null 2>&1 ||
    hyperfine --warmup 3 --runs "${counts[$i]}" --export-json "$json" "${cmds[$i]}" >/dev/null
  results+=("${names[$i]}|$json|${outs[$i]}|${cmds[$i]}")
done

versions=$(
  echo "drafter $("$drafter" --version | cut -d' ' -f2) ($(git rev-parse --short HEAD 2>/dev/null || echo '?'))"
  [[ -x $typst_bin ]] && "$typst_bin" --version
  command -v soffice >/dev/null && soffice --version 2>/dev/null | head -1
  command -v chromium >/dev/null && chromium --version 2>/dev/null | head -1
  hyperfine --version
)
python3 - "$root/bench/results.md" "$versions" "${skipped[@]+"${skipped[@]}"}" -- "${results[@]}" <<'PY'
import json, os, platform, statistics, subprocess, sys, datetime
args = sys.argv[1:]
out, versions = args[0], args[1]
sep = args.index("--")
skipped, rows = args[2:sep], args[sep + 1:]

def pages(pdf):
    try:
        info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
        return next(l.split()[-1] for l in info.splitlines() if l.startswith("Pages:"))
    except Exception:
        return "?"

data = []
for row in rows:
    name, js, pdf, cmd = row.split("|", 3)
    r = json.load(open(js))["results"][0]
    t = r["times"]
    data.append((name, statistics.median(t), min(t), max(t), len(t), os.path.getsize(pdf) if os.path.exists(pdf) else 0, pages(pdf), cmd))
base = data[0][1]
base_size = data[0][5]
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
lines = [
    "# Drafter and its peers on the example complaint",
    "",
    f"One run of `bash bench/peers.sh` on {datetime.date.today()}, {os.cpu_count()} cores ({cpu}), "
    f"{platform.system()} {platform.release()}, load average {os.getloadavg()[0]:.1f} at the end. "
    "Each tool makes the example complaint "
    "(alt-uscis: caption, 60-odd numbered double-spaced paragraphs, footer) from the same "
    "profile and text, as a whole process, timed with hyperfine (`-N`, 3 warm-up runs). "
    f"Inputs and outputs are in `{os.path.dirname(os.path.dirname(rows[0].split('|')[2]))}`"
    " (see bench/README.md).",
    "",
    "| tool | median | min | max | runs | PDF size | pages | median vs Drafter | size vs Drafter |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
]
for name, med, lo, hi, n, size, pg, _ in data:
    ratio = "1×" if med == base else f"{med / base:.1f}× slower"
    sratio = "1×" if size == base_size else f"{size / base_size:.2f}×"
    lines.append(f"| {name} | {med*1000:.1f} ms | {lo*1000:.1f} ms | {hi*1000:.1f} ms | {n} | {size/1024:.1f} KiB | {pg} | {ratio} | {sratio} |")
lines += ["", "Commands (`$W` is the harness's temporary folder):", ""]
for name, *_, cmd in data:
    w = os.path.dirname(data[0][7].split("--out ")[1].split()[0])
    lines.append(f"- {name}: `{cmd.replace(w, '$W')}`")
if skipped:
    lines += ["", "Skipped:", ""] + [f"- {s}" for s in skipped]
lines += ["", "Versions:", "", "```", versions.strip(), "```", ""]
open(out, "w").write("\n".join(lines))
print("\n".join(lines))
PY
