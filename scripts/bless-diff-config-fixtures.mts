/**
 * Writes the expected.json of every diff-config fire fixture that has none yet, from the current
 * findings. Review each file it writes: a blessed wrong finding is a test that proves nothing.
 * Run: npx tsx scripts/bless-diff-config-fixtures.ts [--force]
 */
import { existsSync, writeFileSync } from "node:fs";
import { actualFindings, fixtureCases, ruleFolders } from "../test/unit/diff-config/fixture-cases.js";

const force = process.argv.includes("--force");
for (const rule of ruleFolders()) {
  for (const c of fixtureCases(rule)) {
    if (c.quiet || (existsSync(c.expectedPath) && !force)) continue;
    const actual = await actualFindings(c);
    const body =
      c.inputs.length === 1 && c.expectedPath.endsWith(".expected.json") ? Object.values(actual)[0] : actual;
    writeFileSync(c.expectedPath, JSON.stringify(body, null, 2) + "\n");
    console.log(`wrote ${c.expectedPath}`);
  }
}
