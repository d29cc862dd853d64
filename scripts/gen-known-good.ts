/**
 * Writes fixtures/diff-config/canonical from the labs' renderer (downloads the Tomcat distributions
 * into the artifact cache if needed). Run after changing a lab: npm run gen:known-good
 */
import { mkdir, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { CANONICAL_DIR } from "../src/diff-config/canonical.js";
import { renderKnownGood } from "../src/labs/known-good.js";

const files = await renderKnownGood();
await rm(CANONICAL_DIR, { recursive: true, force: true });
for (const [rel, text] of files) {
  await mkdir(dirname(join(CANONICAL_DIR, rel)), { recursive: true });
  await writeFile(join(CANONICAL_DIR, rel), text);
}
console.log(`wrote ${files.size} known-good files to ${CANONICAL_DIR}`);
