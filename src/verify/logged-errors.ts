/**
 * The errors a Tomcat logged, in a line each, for verify's evidence: Tomcat's own log format
 * (`27-Nov-2026 17:52:27.401 SEVERE [thread] org.apache….Class.method message`), with the exception
 * from the stack trace that follows, as that usually says why.
 */
const ENTRY = /^\d{2}-\w{3}-\d{4} [\d:.]+ (SEVERE|ERROR) \[([^\]]*)\] (?:[\w$]+\.)*?([\w$]+\.[\w$]+) (.*)$/;
const EXCEPTION = /^\s*(?:[\w$]+\.)*([\w$]*(?:Exception|Error))(?::\s*(.*))?$/;

/** Errors logged while serving a request (an `http-…` thread) come first: they concern a user's request. */
export function loggedErrors(lines: readonly string[], max = 3): string[] {
  const found: Array<{ text: string; request: boolean }> = [];
  for (let i = 0; i < lines.length; i++) {
    const m = ENTRY.exec(lines[i]!);
    if (!m) continue;
    const [, level, thread, where, message] = m;
    const cause = lines
      .slice(i + 1, i + 4)
      .map((l) => EXCEPTION.exec(l))
      .find(Boolean);
    const because = cause ? ` — ${cause[1]}${cause[2] ? `: ${cause[2].trim()}` : ""}` : "";
    const text = clip(`${level} ${where} ${message!.trim()}${because}`, 300);
    if (!found.some((f) => f.text === text)) found.push({ text, request: thread!.startsWith("http-") });
  }
  return [...found.filter((f) => f.request), ...found.filter((f) => !f.request)]
    .slice(0, max)
    .map((f) => f.text);
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
