#!/usr/bin/env bash
# Refresh the vendored Swagger UI (served at /docs) from the npm registry; run by hand, commit the result.
set -euo pipefail
cd "$(dirname "$0")"
npm install --no-audit --no-fund --loglevel=error
dest=../../api/static/vendor/swagger-ui
rm -rf "$dest" && mkdir -p "$dest"
for f in swagger-ui-bundle.js swagger-ui.css favicon-32x32.png LICENSE; do
  cp "node_modules/swagger-ui-dist/$f" "$dest/"
done
node -e 'console.log(require("./node_modules/swagger-ui-dist/package.json").version)' > "$dest/VERSION"
