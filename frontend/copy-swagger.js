// Copy Swagger UI's script and stylesheet from node_modules into the package's static build
// folder, so /docs works on a machine with no internet access.
const fs = require("fs");
const path = require("path");
const dist = path.dirname(require.resolve("swagger-ui-dist/package.json"));
const out = path.join(__dirname, "..", "src", "reelgraph", "serve", "ui", "static", "build", "swagger");
fs.mkdirSync(out, { recursive: true });
for (const name of ["swagger-ui-bundle.js", "swagger-ui.css", "favicon-32x32.png"]) {
  fs.copyFileSync(path.join(dist, name), path.join(out, name));
}
