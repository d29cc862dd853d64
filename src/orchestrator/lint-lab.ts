import { relative } from "node:path";
import { SessionlabError } from "../core/errors.js";

/**
 * diff-config's rules over a lab folder's configs (as the user may have edited them), before any
 * container starts: an error there would only show later as a Tomcat that dies or a session that is
 * not shared, so `up` stops at once and names it at file:line:column.
 */
export async function lintLabFolder(root: string): Promise<void> {
  const { lintFiles } = await import("../diff-config/index.js");
  const report = await lintFiles([root], { diff: false });
  const errors = report.files.flatMap((f) =>
    f.findings
      .filter((x) => x.severity === "error")
      .map((x) => `${relative(root, f.path)}:${x.line}:${x.column} ${x.message} (${x.rule}); fix: ${x.fix}`),
  );
  if (errors.length) {
    throw new SessionlabError(
      `the lab's configs have ${errors.length} error(s); no container was started`,
      `correct them, or run \`sessionlab diff-config ${root}\` for the full report (--reset-config restores sessionlab's files, keeping .bak copies)`,
      undefined,
      errors,
    );
  }
}
