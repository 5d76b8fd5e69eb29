#!/usr/bin/env bash
# Remakes the README's gallery: the first page of one document of each kind (posters at
# 14 dpi, sheets and handouts at 40 dpi), and crops at 80 dpi where the type can be judged.
# Needs pdftoppm (Debian's poppler-utils).
set -euo pipefail
cd "$(dirname "$0")/../.."
hp=(cargo run --release --quiet --)
pdfs=$(mktemp -d)
png=tests/gallery/png
rm -rf "$png" && mkdir -p "$png/pages" "$png/crops"
"${hp[@]}" -C tests/gallery build --edition nimhe-uk --out "$pdfs" --force --quiet
"${hp[@]}" render poster --component peer-support --edition ohio-us -o "$pdfs/ohio-us-peer-support-poster.pdf" >/dev/null
"${hp[@]}" render --large-print sheet --level 2 -o "$pdfs/level-2-large-print-sheet.pdf" >/dev/null
for pdf in "$pdfs"/nimhe-uk/*.pdf "$pdfs"/*.pdf; do
  name=$(basename "$pdf" .pdf)
  case $name in *poster | guiding-principles) dpi=14 ;; *) dpi=40 ;; esac
  pdftoppm -png -r "$dpi" -f 1 -l 1 -singlefile "$pdf" "$png/pages/$name"
done
crop() { # crop PDF PAGE X Y W H NAME (pixels at 80 dpi)
  pdftoppm -png -r 80 -f "$2" -l "$2" -x "$3" -y "$4" -W "$5" -H "$6" -singlefile "$1" "$png/crops/$7"
}
crop "$pdfs/nimhe-uk/level-2-dependent-aware-poster.pdf" 1 0 0 1300 700 level-poster-top-left
crop "$pdfs/nimhe-uk/level-1-dependent-unaware-sheet.pdf" 2 0 0 660 500 level-sheet-page-2
crop "$pdfs/nimhe-uk/collaborative-partnerships.pdf" 2 0 0 660 500 self-assessment
crop "$pdfs/level-2-large-print-sheet.pdf" 2 0 0 660 500 large-print-page-2
rm -rf "$pdfs"
echo "gallery remade in $png"
