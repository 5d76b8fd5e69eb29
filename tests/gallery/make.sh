#!/usr/bin/env bash
# Remakes the README's gallery: the first page of one document of each kind (posters at
# 14 dpi, sheets and handouts at 40 dpi), and crops at 80 dpi where the type can be judged.
# The web edition: Chromium's screenshots of a level sheet's page, a poster's page on a
# phone and an edition's index. Needs pdftoppm (Debian's poppler-utils) and chromium.
set -euo pipefail
cd "$(dirname "$0")/../.."
hp=(cargo run --release --quiet --)
pdfs=$(mktemp -d)
png=tests/gallery/png
rm -rf "$png" && mkdir -p "$png/pages" "$png/crops" "$png/web"
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
crop "$pdfs/nimhe-uk/level-2-dependent-aware-best-practices-poster.pdf" 1 0 0 1300 700 best-practices-poster-top-left
crop "$pdfs/nimhe-uk/level-1-dependent-unaware-sheet.pdf" 2 0 0 660 500 level-sheet-page-2
crop "$pdfs/nimhe-uk/collaborative-partnerships.pdf" 2 0 0 660 500 self-assessment
crop "$pdfs/level-2-large-print-sheet.pdf" 2 0 0 660 500 large-print-page-2
web=$(mktemp -d)
"${hp[@]}" build --edition nimhe-uk --format html --out "$web" --quiet
shot() { # shot PAGE WIDTH,HEIGHT NAME
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size="$2" \
    --screenshot="$png/web/$3.png" "file://$web/nimhe-uk/$1" >/dev/null 2>&1
}
shot level-2-dependent-aware-sheet.html 1000,900 level-sheet
shot level-2-dependent-aware-poster.html 400,900 poster-on-a-phone
shot index.html 1280,900 index
rm -rf "$pdfs" "$web"
echo "gallery remade in $png"
