/** What one response through the load balancer told us. */
export interface Observation {
  index: number;
  status: number;
  /** the serving Tomcat, from the page itself (probe JSON `node`, or the classic `<h1>tomcat1 page</h1>`) */
  node?: string;
  sessionId?: string;
  counter?: number;
  isNew?: boolean;
  /** JSESSIONID the response set, if it set one */
  setCookie?: string;
  ms: number;
  error?: string;
  /** set when the request was sent again on a new connection: why the kept-alive one failed */
  retried?: string;
}

/** Says, for a report, that requests were sent again (`which`: e.g. "#2, #5") and why. */
export function retriedSentence(count: number, why: string, which?: string): string {
  return (
    `${count} request(s)${which ? ` (${which})` : ""} sent again on a new connection, as a browser does, ` +
    `after the kept-alive one closed unanswered (${why})`
  );
}

export type PageKind = "probe" | "classic" | "unknown";

export interface ParsedPage {
  kind: PageKind;
  node?: string;
  sessionId?: string;
  counter?: number;
  isNew?: boolean;
}

/**
 * Reads either sessionlab's probe page (JSON) or the classic walkthrough index.jsp, which prints
 * `SessionID:<id>` and `<h1>tomcat1 page</h1>` (possibly wrapped in <font> or other inline tags).
 */
export function parsePage(body: string): ParsedPage {
  const trimmed = body.trim();
  if (trimmed.startsWith("{")) {
    try {
      const j = JSON.parse(trimmed) as Record<string, unknown>;
      return {
        kind: "probe",
        node: typeof j.node === "string" ? j.node : undefined,
        sessionId: typeof j.sessionId === "string" ? j.sessionId : undefined,
        counter: typeof j.counter === "number" ? j.counter : undefined,
        isNew: typeof j.isNew === "boolean" ? j.isNew : undefined,
      };
    } catch {
      return { kind: "unknown" };
    }
  }
  const id = /SessionID\s*:\s*(?:<[^>]*>\s*)*([A-Za-z0-9._-]+)/i.exec(body)?.[1];
  const h1 = /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(body)?.[1];
  const node = h1
    ?.replace(/<[^>]*>/g, "")
    .replace(/\s+page\s*$/i, "")
    .trim();
  if (!id && !node) return { kind: "unknown" };
  return { kind: "classic", sessionId: id, node: node || undefined };
}
