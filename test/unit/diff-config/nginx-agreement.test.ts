/**
 * Our nginx syntax verdict must equal `nginx -t` on every nginx fixture. Fixtures run from a temp
 * prefix (-p, -e stderr) so no root paths are needed; include fragments get a minimal wrapper; the lab
 * host names are mapped to loopback addresses so name resolution cannot mask a syntax error; and
 * failures that are about this machine (DNS, users, missing files) are not syntax verdicts.
 */
import { execa } from "execa";
import fc from "fast-check";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { CANONICAL_DIR } from "../../../src/diff-config/canonical.js";
import { loadFromBytes } from "../../../src/diff-config/load.js";
import { describeWithTool, fixtureFiles, hasTool } from "./tool-support.js";

// Looked up on PATH only (CI adds /usr/sbin), so a PATH without nginx really tests the skip.
const NGINX = "nginx";
const nginxPresent = await hasTool(NGINX, ["-v"]);
const SYNTAX =
  /unknown directive|unexpected|not terminated|has no opening|invalid number of arguments|invalid parameter|is not allowed here|is duplicate|no "events" section/;

const files = fixtureFiles((p) => !p.endsWith(".json") && !p.endsWith(".jar")).filter(
  (p) => loadFromBytes(p, readFileSync(p)).kind === "nginx",
);

/** nginx's -p prefix, made in beforeAll so a skipped suite leaves nothing behind. */
let prefix = "";
function makePrefix(): string {
  const dir = mkdtempSync(join(tmpdir(), "sessionlab-nginx-"));
  mkdirSync(join(dir, "conf"));
  mkdirSync(join(dir, "logs"));
  if (existsSync("/etc/nginx/mime.types"))
    copyFileSync("/etc/nginx/mime.types", join(dir, "conf", "mime.types"));
  return dir;
}

async function nginxVersion(): Promise<number[]> {
  const { stderr } = await execa(NGINX, ["-v"], { reject: false });
  return (/nginx\/(\d+)\.(\d+)\.(\d+)/.exec(stderr)?.slice(1) ?? ["0", "0", "0"]).map(Number);
}

/** The lab's known-good nginx.conf, its upstream host names mapped to loopback addresses. */
function labNginxConf(): string {
  const path = join(CANONICAL_DIR, "memcached", "msm@tomcat9", "nginx.conf");
  return readFileSync(path, "utf8")
    .replace(/tomcat1:8080/g, "127.0.0.1:8080")
    .replace(/tomcat2:8080/g, "127.0.0.2:8080");
}

/** nginx -t on the text: "ok", its syntax error, or "environment" when something else stopped it first. */
async function nginxTest(conf: string): Promise<string> {
  const r = await execa(NGINX, ["-t", "-q", "-p", `${prefix}/`, "-e", "stderr", "-c", conf], {
    reject: false,
    timeout: 20_000,
  });
  if (r.exitCode === 0) return "ok";
  const emerg = r.stderr.split("\n").find((l) => l.includes("[emerg]")) ?? r.stderr;
  return SYNTAX.test(emerg) ? emerg : "environment";
}

/** nginx -t on a copy of the fixture: "ok", or its syntax error. */
async function nginxVerdict(path: string, n: number): Promise<string> {
  const bytes = readFileSync(path);
  const file = loadFromBytes(path, bytes);
  // Byte-level substitution keeps BOMs, invalid bytes and invisible characters exactly as they are.
  const body = Buffer.from(
    bytes
      .toString("latin1")
      .replace(/tomcat1:8080/g, "127.0.0.1:8080")
      .replace(/tomcat2:8080/g, "127.0.0.2:8080"),
    "latin1",
  );
  const conf = join(prefix, "conf", `case${n}.conf`);
  if (file.nginx?.fragment && !file.hasBom) {
    writeFileSync(join(prefix, "conf", `frag${n}.conf`), body);
    writeFileSync(conf, `events {}\nhttp {\n    include frag${n}.conf;\n}\n`);
  } else writeFileSync(conf, body);
  const verdict = await nginxTest(conf);
  return verdict === "environment" ? "ok" : verdict;
}

function ourVerdict(path: string): "ok" | "error" {
  const file = loadFromBytes(path, readFileSync(path));
  // nginx reads a BOM as part of the first directive's name.
  return (file.nginx?.errors.length ?? 0) > 0 || file.hasBom ? "error" : "ok";
}

const nginx = { name: "nginx", present: nginxPresent, install: "apt-get install nginx-light" };

describeWithTool("agreement with nginx -t", nginx, () => {
  let ossSticky = false;
  beforeAll(async () => {
    prefix = makePrefix();
    const [major = 0, minor = 0, patch = 0] = await nginxVersion();
    ossSticky = major * 1_000_000 + minor * 1000 + patch >= 1_029_006;
  });
  afterAll(() => rmSync(prefix, { recursive: true, force: true }));

  it("covers the nginx fixtures", () => {
    expect(files.length).toBeGreaterThan(15);
  });

  it.each(files.map((f, n) => [f.slice(f.indexOf("fixtures/")), f, n] as const))(
    "%s",
    async (_name, path, n) => {
      const theirs = await nginxVerdict(path, n);
      const ours = ourVerdict(path);
      if (!ossSticky && /^\s*sticky\s/m.test(readFileSync(path, "utf8"))) {
        // Before 1.29.6 open-source nginx has no sticky (nor server route=); we accept it and warn (nginx-sticky-version).
        expect(theirs).toMatch(/unknown directive "sticky"|invalid parameter "route=/);
        expect(ours).toBe("ok");
        return;
      }
      expect(ours, `nginx -t said: ${theirs}`).toBe(theirs === "ok" ? "ok" : "error");
    },
  );

  it("agrees on 150 random edits of the lab's nginx.conf (deleted or inserted ; { } quotes, NBSP, #)", async () => {
    const base = labNginxConf();
    const chars = [";", "{", "}", '"', "'", " ", "\u00a0", "#", "\n", "x", "\\", "$"];
    const edit = fc.record({ at: fc.nat(), del: fc.boolean(), ch: fc.constantFrom(...chars) });
    const conf = join(prefix, "conf", "fuzz.conf");
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 3 }), async (edits) => {
        let text = base;
        for (const e of edits) {
          const at = e.at % text.length;
          text = e.del ? text.slice(0, at) + text.slice(at + 1) : text.slice(0, at) + e.ch + text.slice(at);
        }
        writeFileSync(conf, text);
        const theirs = await nginxTest(conf);
        // A value error (bad port, missing include) stops nginx before it reaches any syntax error.
        if (theirs === "environment") return;
        const ours =
          (loadFromBytes(conf, Buffer.from(text), "nginx").nginx?.errors.length ?? 0) > 0 ? "error" : "ok";
        expect(ours, `nginx -t: ${theirs}`).toBe(theirs === "ok" ? "ok" : "error");
      }),
      { numRuns: 150, seed: 20261126 },
    );
  }, 120_000);

  it("agrees on 200 directives dropped into random blocks (contexts: not allowed here)", async () => {
    const base = labNginxConf();
    // After the start of the file and after every '{': main, events, http, upstream, server, location.
    const spots = [0, ...[...base.matchAll(/\{\n/g)].map((m) => (m.index ?? 0) + 2)];
    const lines = [
      "log_format l '$remote_addr';",
      "proxy_pass http://tomcats;",
      "listen 8081;",
      "server_name example;",
      "worker_connections 512;",
      "least_conn;",
      "ip_hash;",
      "keepalive_timeout 30s;",
      "return 200;",
      "root /tmp;",
      "alias /tmp/;",
      "try_files $uri =404;",
      "proxy_set_header X-A b;",
      "add_header X-A b;",
      "allow all;",
      "access_log off;",
      "sendfile on;",
      "upstream u2 { server 127.0.0.3:8080; }",
      "map $uri $m { default 1; }",
      "location /x { return 204; }",
      "if ($uri) { return 204; }",
      "if ($uri) { proxy_set_header X-A b; }",
      "if ($uri) { root /tmp; }",
      "limit_except GET { deny all; }",
      "server { listen 8082; }",
      "pcre_jit on;",
      "client_max_body_size 1m;",
      "ssl_protocols TLSv1.2;",
    ];
    const conf = join(prefix, "conf", "contexts.conf");
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...spots), fc.constantFrom(...lines), async (at, line) => {
        const text = `${base.slice(0, at)}${line}\n${base.slice(at)}`;
        writeFileSync(conf, text);
        const theirs = await nginxTest(conf);
        if (theirs === "environment") return;
        const ours =
          (loadFromBytes(conf, Buffer.from(text), "nginx").nginx?.errors.length ?? 0) > 0 ? "error" : "ok";
        expect(ours, `${line} at ${at}; nginx -t: ${theirs}`).toBe(theirs === "ok" ? "ok" : "error");
      }),
      { numRuns: 200, seed: 20261127 },
    );
  }, 120_000);
});
