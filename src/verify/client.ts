import { Agent, Headers, getSetCookies, request } from "undici";
import { parsePage, type Observation, type PageKind } from "./page.js";

/** One simulated user: its own cookie jar, requests made one after another. */
export class ProbeClient {
  private readonly cookies = new Map<string, string>();
  readonly observations: Observation[] = [];
  pageKind: PageKind = "unknown";

  constructor(
    private readonly url: string,
    private readonly dispatcher: Agent,
    private readonly timeoutMs = 5000,
  ) {}

  /** Forgets the cookies, so the next request starts a new session (the console's `n`). */
  newSession(): void {
    this.cookies.clear();
  }

  async get(): Promise<Observation> {
    const index = this.observations.length + 1;
    const started = performance.now();
    const headers: Record<string, string> = { "user-agent": "sessionlab-verify" };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    let obs: Observation;
    let retried: string | undefined;
    const send = () =>
      request(this.url, {
        dispatcher: this.dispatcher,
        headers,
        headersTimeout: this.timeoutMs,
        bodyTimeout: this.timeoutMs,
      });
    try {
      // Like a browser, send a GET once more when the connection closed before any answer: nginx
      // closes idle kept-alive connections on reload, and that is no fault of the sessions.
      const res = await send().catch((e: unknown) => {
        if ((e as { code?: string }).code !== "UND_ERR_SOCKET") throw e;
        retried = (e as Error).message;
        return send();
      });
      const body = await res.body.text();
      const setCookie = this.remember(res.headers["set-cookie"]);
      const ms = performance.now() - started;
      if (res.statusCode !== 200) {
        // An error page is evidence, not a page to read a node or session from.
        obs = {
          index,
          status: res.statusCode,
          setCookie,
          ms,
          error: `HTTP ${res.statusCode}${errorTitle(body)}`,
        };
      } else {
        const { kind, ...page } = parsePage(body);
        this.pageKind = this.pageKind === "unknown" ? kind : this.pageKind;
        obs = { index, status: res.statusCode, ...page, setCookie, ms };
      }
    } catch (e) {
      obs = { index, status: 0, ms: performance.now() - started, error: (e as Error).message };
    }
    if (retried) obs.retried = retried;
    this.observations.push(obs);
    return obs;
  }

  /** Stores Set-Cookie values (parsed by undici) and returns the new JSESSIONID, if any. */
  private remember(raw: string | string[] | undefined): string | undefined {
    if (!raw) return undefined;
    const h = new Headers();
    for (const v of Array.isArray(raw) ? raw : [raw]) h.append("set-cookie", v);
    let session: string | undefined;
    for (const c of getSetCookies(h)) {
      if (c.maxAge !== undefined && c.maxAge <= 0) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
      if (c.name.toUpperCase() === "JSESSIONID") session = c.value;
    }
    return session;
  }
}

/** The first heading or title of an error page, e.g. " (HTTP Status 500 - java.net.ConnectException)". */
function errorTitle(body: string): string {
  const t = /<(?:h1|title)[^>]*>([^<]{1,160})</i.exec(body)?.[1]?.trim();
  return t ? ` (${t})` : "";
}
