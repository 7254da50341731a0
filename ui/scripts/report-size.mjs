// Prints the gzipped size of the JavaScript the first page load fetches (the entry chunk and the
// chunks it imports statically), against the 150 KB goal.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const manifest = JSON.parse(readFileSync("dist/.vite/manifest.json", "utf8"));
const entry = Object.values(manifest).find((chunk) => chunk.isEntry);
const seen = new Set();
const visit = (key) => {
  const chunk = manifest[key] ?? Object.values(manifest).find((c) => c.file === key);
  if (!chunk || seen.has(chunk.file)) return;
  seen.add(chunk.file);
  for (const imported of chunk.imports ?? []) visit(imported);
};
visit(Object.keys(manifest).find((key) => manifest[key] === entry));
let total = 0;
for (const file of seen) total += gzipSync(readFileSync(`dist/${file}`)).length;
const kb = (total / 1024).toFixed(1);
console.log(`Initial JavaScript: ${kb} KB gzipped in ${seen.size} file(s) (goal: at most 150 KB)`);
