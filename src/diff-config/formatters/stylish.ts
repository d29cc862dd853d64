/** Human output in the ESLint/rustc manner: position, severity, message, rule; the line with a caret; the fix. */
import type { ChalkInstance } from "chalk";
import { visible } from "../characters.js";
import type { FileReport, Report, Severity } from "../types.js";

const WINDOW = 140;

/** The source line made visible and a caret under the column, trimmed to a window around it. */
export function excerpt(lineText: string, column: number, length = 1): { line: string; caret: string } {
  // Only the characters that can reach the window are made visible: a 3 MB line is not rewritten whole.
  const from = Math.max(0, column - 1 - WINDOW);
  const to = Math.min(lineText.length, column - 1 + Math.min(length, WINDOW) + WINDOW);
  const before = visible(lineText.slice(from, column - 1));
  const at = visible(lineText.slice(column - 1, Math.min(column - 1 + length, to)) || " ");
  const after = visible(lineText.slice(column - 1 + length, to));
  let line = before + at + after;
  let caretAt = before.length;
  const cutBefore = from > 0;
  const cutAfter = to < lineText.length;
  if (line.length > WINDOW || cutBefore || cutAfter) {
    const start = Math.max(0, caretAt - WINDOW / 2);
    const head = start > 0 || cutBefore;
    line =
      (head ? "…" : "") +
      line.slice(start, start + WINDOW) +
      (start + WINDOW < line.length || cutAfter ? "…" : "");
    caretAt = caretAt - start + (head ? 1 : 0);
  }
  return { line, caret: " ".repeat(caretAt) + "^".repeat(Math.max(1, Math.min(at.length, 60))) };
}

function paint(c: ChalkInstance, s: Severity): string {
  return s === "error" ? c.red("error") : s === "warning" ? c.yellow("warning") : c.blue("info");
}

function formatFile(f: FileReport, c: ChalkInstance, showDiff: boolean): string[] {
  const b = f.catalinaBase;
  const tomcat = b
    ? `, Tomcat ${b.tomcatVersion ?? "version unknown"}${b.javaMajor ? `, Java ${b.javaMajor}` : ""}, ${b.jars} jars in lib/`
    : "";
  if (f.error) return [c.underline(f.path) + c.dim("  (not checked)"), `  ${c.red("✖")} ${f.error.message}`];
  const out = [c.underline(f.path) + c.dim(`  (${f.kind}${tomcat})`)];
  if (f.findings.length === 0) out.push(`  ${c.green("✔")} no problems`);
  // A loop, not Math.max(...lines): a file can have more findings than the stack has room for arguments.
  let last = 1;
  for (const x of f.findings) last = Math.max(last, x.line);
  const gutter = String(last).length;
  for (const x of f.findings) {
    out.push(`  ${f.path}:${x.line}:${x.column}  ${paint(c, x.severity)}  ${x.message}  ${c.dim(x.rule)}`);
    // A run of pasted characters is underlined whole.
    const { line, caret } = excerpt(f.source.lineText(x.line), x.column, x.length);
    const num = String(x.line).padStart(gutter);
    out.push(c.dim(`    ${num} | `) + line);
    out.push(c.dim(`    ${" ".repeat(gutter)} | `) + c.red(caret));
    out.push(`    ${c.cyan("fix:")} ${x.fix}`);
  }
  if (showDiff && f.diff) {
    if (f.diff.lines.length === 0) {
      out.push(
        c.dim(
          `  same as ${f.diff.against} (ignoring order, indentation, comments and per-node values${f.diff.why ? `; ${f.diff.why}` : ""})`,
        ),
      );
    } else {
      out.push(
        "",
        `  ${c.bold("diff")} ${c.dim(`${f.diff.against} → ${f.path}`)}  ${c.red("- known-good")} ${c.green("+ yours")}`,
      );
      if (f.diff.why) out.push(c.dim(`  compared with ${f.diff.why}`));
      for (const l of f.diff.lines) {
        const text = `  ${l.op === "~" ? " " : l.op} ${l.text}`;
        out.push(l.op === "+" ? c.green(text) : l.op === "-" ? c.red(text) : c.dim(text));
      }
    }
  }
  return out;
}

export function formatStylish(report: Report, c: ChalkInstance, opts: { diff?: boolean } = {}): string {
  const out: string[] = [];
  for (const f of report.files) {
    for (const line of formatFile(f, c, opts.diff !== false)) out.push(line);
    out.push("");
  }
  const n = (count: number, word: string) => `${count} ${word}${count === 1 || word === "info" ? "" : "s"}`;
  const files = n(report.files.length, "file");
  const skipped = report.unreadableCount > 0 ? ` (${report.unreadableCount} not checked)` : "";
  const summary = `${n(report.errorCount, "error")}, ${n(report.warningCount, "warning")}, ${n(report.infoCount, "info")} in ${files}${skipped}`;
  // Info findings are notes, not problems: they never turn the summary yellow.
  out.push(
    report.errorCount > 0 || report.unreadableCount > 0
      ? c.red.bold(`✖ ${summary}`)
      : report.warningCount > 0
        ? c.yellow.bold(`⚠ ${summary}`)
        : c.green.bold(`✔ ${summary}`),
  );
  return out.join("\n") + "\n";
}
