#!/usr/bin/env bash
# Recipe: vendor @zazuko/yasqe (SPARQL editor) and cytoscape (network) into a Flask static folder.
# usage: bash scripts/vendor-js.sh [DEST]   (default: site/static/vendor); needs npm.
# Only the npm registry is used (npm ci/install); nothing is fetched at page run time.
set -euo pipefail
DEST=${1:-"$(dirname "$0")/../site/static/vendor"}
mkdir -p "$DEST" && DEST=$(cd "$DEST" && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
npm init -y >/dev/null
npm install --no-audit --no-fund --ignore-scripts --save-exact @zazuko/yasqe@4.6.2 cytoscape@3.35.0 >/dev/null
NM=$WORK/node_modules
mkdir -p "$DEST/yasqe/licenses" "$DEST/cytoscape"

# --- YASQE (editor). The npm tarball ships no LICENSE file: package.json says MIT, the repo's
# LICENSE (github rdfjs/Yasgui, identical to @triply/yasqe's LICENSE.txt) is written below.
cp "$NM/@zazuko/yasqe/build/yasqe.min.js" "$NM/@zazuko/yasqe/build/yasqe.min.css" "$DEST/yasqe/"
# One-string CSP patch: the syntax-error tooltip builds "<strong style='text-decoration:underline'>"
# through innerHTML, which style-src 'self' refuses (one violation report per expected token on hover).
n=$(grep -o "<strong style='text-decoration:underline'>" "$DEST/yasqe/yasqe.min.js" | wc -l)
[ "$n" = 1 ] || { echo "yasqe patch anchor found $n times (expected 1): re-check the CSP patch" >&2; exit 1; }
sed -i "s|<strong style='text-decoration:underline'>|<strong class='yasqe-expected'>|" "$DEST/yasqe/yasqe.min.js"
printf '%s\n' "/* CSP patch companion: underline the expected tokens in YASQE's error tooltip */" \
  ".yasqe_tooltip strong.yasqe-expected { text-decoration: underline; }" > "$DEST/yasqe/yasqe-csp-patch.css"
cat > "$DEST/yasqe/LICENSE" <<'LIC'
@zazuko/yasqe 4.6.2 (https://github.com/rdfjs/Yasgui, fork of TriplyDB/Yasgui; package.json author: Triply <info@triply.cc>, contributors: Zazuko GmbH)

The MIT License (MIT)

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in
all copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN
THE SOFTWARE.
LIC
# Third-party code bundled inside yasqe.min.js: keep their licence texts next to it.
lic() { # pkgdir name
  local f
  for f in "$1"/[Ll][Ii][Cc][Ee][Nn][CcSs][Ee]*; do [ -f "$f" ] && break; done
  [ -f "$f" ] || { echo "no licence file in $1" >&2; exit 1; }
  cp "$f" "$DEST/yasqe/licenses/$2.txt"
}
Y=$NM/@zazuko/yasqe/node_modules
pick() { [ -d "$Y/$1" ] && echo "$Y/$1" || { [ -d "$NM/@zazuko/yasgui-utils/node_modules/$1" ] && echo "$NM/@zazuko/yasgui-utils/node_modules/$1"; } || echo "$NM/$1"; }
for p in codemirror lodash-es query-string decode-uri-component split-on-first strict-uri-encode filter-obj store dompurify; do
  lic "$(pick $p)" "$p"
done
# @zazuko/yasgui-utils has no licence file either (MIT, same repo): covered by LICENSE above.

# --- cytoscape (network)
cp "$NM/cytoscape/dist/cytoscape.min.js" "$NM/cytoscape/LICENSE" "$DEST/cytoscape/"
# cytoscape injects <style id="__________cytoscape_stylesheet"> unless an element with that id
# exists; ship the rule as a file and give its <link> that id (see site/templates/base.html).
printf '%s\n' ".__________cytoscape_container { position: relative; }" > "$DEST/cytoscape/cytoscape-csp.css"

( cd "$DEST" && find . -type f ! -name SHA256SUMS ! -name README.md | sort | xargs sha256sum > SHA256SUMS )
echo "vendored into $DEST:"; ( cd "$DEST" && find . -type f | sort | xargs ls -l | awk '{print $5, $9}' )
