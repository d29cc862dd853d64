/** Human output of break and fix: pure functions from a report to text. */
import { color, formatTable } from "../core/output.js";
import type { BreakInfo, BreakList, BreakReport, FixReport } from "./index.js";

export function formatBreakList(list: BreakList): string {
  const rows = list.breaks.map((b: BreakInfo) => [
    b.applies === false ? color.dim(b.name) : b.name,
    b.applies === false ? color.dim(`${b.summary} (not here: ${b.notApplicable})`) : b.summary,
  ]);
  const head = list.lab
    ? `break scenarios for lab ${list.lab}`
    : "break scenarios (no lab running: all of them)";
  return `${head}\n\n${formatTable(["SCENARIO", "WHAT IT BREAKS"], rows)}\n`;
}

export function formatBreakReport(r: BreakReport): string {
  const out: string[] = [`break ${r.scenario} on lab ${r.lab} — ${r.summary}`, ""];
  for (const e of r.edited) out.push(`  edited     ${e.file}  (was kept as ${e.backup})`);
  for (const x of r.exec) out.push(`  ran        ${x.command}  in ${x.node}`);
  out.push(
    `  restarted  ${r.restarted.map((n) => `${n.node} (${n.state}, ${n.seconds.toFixed(1)} s)`).join(", ")}`,
  );
  out.push("", `symptom — expected: ${r.symptom.expected}`);
  for (const n of r.symptom.nodes)
    out.push(`  ${color.red(n.state.toUpperCase())}  ${n.node}${n.logLine ? `: ${n.logLine.trim()}` : ""}`);
  if (r.symptom.verifyOk) out.push(`  ${color.green("PASS")}  verify: every check passes`);
  for (const c of r.symptom.failedChecks) {
    out.push(`  ${color.red("FAIL")}  ${c.title}: ${c.summary}`);
    for (const e of c.evidence.slice(0, 2)) out.push(color.dim(`        ${e}`));
  }
  out.push("", `cause — diff-config's ${r.rule}:`);
  if (!r.cause.length) out.push(color.red(`  not named: ${r.rule} reported nothing`));
  for (const f of r.cause)
    out.push(
      `  ${f.file}:${f.line}:${f.column}  ${f.severity}  ${f.message}`,
      color.dim(`    fix: ${f.fix}`),
    );
  const others = r.findings.filter((f) => f.rule !== r.rule);
  if (others.length)
    out.push(
      color.dim(`  also: ${others.map((f) => `${f.file}:${f.line}:${f.column} ${f.rule}`).join(", ")}`),
    );
  out.push("");
  if (r.ok)
    out.push(
      `${color.green("✔")} broken as predicted (${r.symptom.verifyOk ? "verify still passes" : "verify fails"}, diff-config names the cause) in ${r.seconds.toFixed(1)} s; \`sessionlab fix\` restores the lab`,
    );
  else
    out.push(
      `${color.red("✖")} not as predicted: ${r.symptom.seen ? "" : `verify ${r.symptom.verifyOk ? "passes" : "fails"}, expected it to ${r.symptom.expect === "verify-fails" ? "fail" : "pass"}; `}${r.cause.length ? "" : `${r.rule} named nothing`}`,
    );
  return `${out.join("\n")}\n`;
}

export function formatFixReport(r: FixReport): string {
  const out: string[] = [`fix lab ${r.lab} (${r.dir})`, ""];
  out.push(
    `  restored   ${r.restored.length ? r.restored.join(", ") : "nothing: every file was as rendered"}`,
  );
  if (r.backups.length) out.push(`  kept yours ${r.backups.join(", ")}`);
  if (r.recreated.length) out.push(`  recreated  ${r.recreated.join(", ")} (from the lab's image)`);
  out.push(`  restarted  ${r.restarted.length ? r.restarted.join(", ") : "nothing"}`);
  if (r.verify) {
    for (const c of r.verify.failedChecks) out.push(`  ${color.red("FAIL")}  ${c.title}: ${c.summary}`);
    out.push(
      "",
      r.verify.ok
        ? `${color.green("✔")} the lab is whole: verify passes (${r.seconds.toFixed(1)} s)`
        : `${color.red("✖")} verify still fails after restoring the files; see \`sessionlab verify\` and \`sessionlab logs\``,
    );
  }
  return `${out.join("\n")}\n`;
}

/** The README's scenario table, generated from the registry (a unit test keeps the README equal to it). */
export function breakDocsTable(breaks: readonly BreakInfo[]): string {
  const esc = (s: string) => s.replace(/\|/g, "\\|");
  return [
    "| scenario | what it breaks | applies to | symptom | named by |",
    "|---|---|---|---|---|",
    ...breaks.map(
      (b) =>
        `| \`${b.name}\` | ${esc(b.summary)} | ${esc(b.appliesTo)} | ${esc(b.symptom)} | [\`${b.rule}\`](docs/rules.md#${b.rule}) |`,
    ),
  ].join("\n");
}
