import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { request } from "undici";
import { LABS_ROOT, nodesOfKind } from "../labs/definition.js";
import { imageSpec } from "../labs/images.js";
import { renderTemplate } from "../labs/render.js";
import type { Runtime } from "../runtime/runtime.js";
import { pollUntil } from "../runtime/wait.js";
import type { NodeKind } from "./kind.js";

export const TOMCAT_PORT = 8080;

export function upstreamServers(tomcats: readonly string[], port = TOMCAT_PORT): string {
  return tomcats.map((n) => `        server ${n}:${port};`).join("\n");
}

/**
 * Route stickiness in open-source nginx: a map from the session cookie's .<jvmRoute> suffix to an
 * upstream per Tomcat, which lists the others as backup so a down Tomcat fails over.
 * (The lab's node names are the jvmRoutes, so one name serves both.)
 */
export function routeSticky(tomcats: readonly string[], port = TOMCAT_PORT): Record<string, string> {
  return {
    routeMap: tomcats.map((t) => `        ~\\.${t}$ ${t}_route;`).join("\n"),
    routeUpstreams: tomcats
      .map((t) =>
        [
          `    upstream ${t}_route {`,
          `        server ${t}:${port};`,
          ...tomcats.filter((o) => o !== t).map((o) => `        server ${o}:${port} backup;`),
          "    }",
        ].join("\n"),
      )
      .join("\n\n"),
  };
}

/** nginx from Debian in front of every Tomcat of the lab, the only container published (on 127.0.0.1). */
export const nginxKind: NodeKind = {
  name: "nginx",
  role: "nginx",
  order: 30,
  async prepare(ctx, nodes) {
    const tomcats = nodesOfKind(ctx.variant, "tomcat").map((n) => n.params.jvmRoute ?? n.name);
    const sticky = nodes[0]?.params.balancing === "route-sticky";
    const tpl = await readFile(
      join(LABS_ROOT, "common", sticky ? "nginx-route-sticky.conf" : "nginx.conf"),
      "utf8",
    );
    const conf = renderTemplate(tpl, {
      ...ctx.vars,
      upstreamServers: upstreamServers(tomcats),
      ...(sticky ? routeSticky(tomcats) : {}),
    });
    return {
      image: await imageSpec("nginx", ctx.baseImage),
      render: () => new Map([[ctx.paths.nginxConf(), conf]]),
      container: () => ({
        binds: [{ host: ctx.paths.nginxConf(), container: "/etc/nginx/nginx.conf" }],
        publish: { containerPort: 80, hostPort: ctx.port },
      }),
    };
  },
  ready: (t) => nginxServesAll(t.url, t.tomcats),
  // nginx resolves upstream names when it (re)loads its config, so a restarted Tomcat with a new
  // address would stay unreachable through it until a reload.
  afterPeerRestart: (t) => reloadNginx(t.runtime, t.containerId),
};

const RELOAD_TIMEOUT_MS = 15_000;

/**
 * `nginx -s reload` in the lab's nginx container: it rereads its config and looks its upstreams up anew.
 * The signal only starts the reload: old workers keep accepting until the master replaces them, then
 * close their idle keep-alive connections. A client that connected in between sees "other side closed"
 * on its next request, so this returns only once every worker from before the reload is gone.
 */
export async function reloadNginx(runtime: Runtime, containerId: string): Promise<void> {
  const before = await nginxWorkers(runtime, containerId);
  const r = await runtime.exec(containerId, ["nginx", "-s", "reload"]);
  if (r.exitCode !== 0) throw new Error(`nginx -s reload failed: ${(r.stderr || r.stdout).trim()}`);
  await pollUntil(
    async () => {
      const now = await nginxWorkers(runtime, containerId);
      return now.length > 0 && !now.some((p) => before.includes(p)) ? true : undefined;
    },
    {
      timeoutMs: RELOAD_TIMEOUT_MS,
      intervalMs: 100,
      onTimeout: () =>
        new Error(
          `nginx -s reload: the workers from before the reload still run after ${RELOAD_TIMEOUT_MS / 1000}s`,
        ),
    },
  );
}

/** The pids of the nginx master's children (its workers), read from /proc: the image has no ps. */
export async function nginxWorkers(runtime: Runtime, containerId: string): Promise<number[]> {
  const script =
    'm=$(cat /tmp/nginx.pid) || exit 1; for s in /proc/[0-9]*/stat; do read -r pid comm state ppid rest < "$s" 2>/dev/null && [ "$ppid" = "$m" ] && echo "$pid"; done; true';
  const r = await runtime.exec(containerId, ["sh", "-c", script]);
  if (r.exitCode !== 0) throw new Error(`cannot list nginx workers: ${(r.stderr || r.stdout).trim()}`);
  return r.stdout
    .split("\n")
    .filter((l) => /^\d+$/.test(l.trim()))
    .map((l) => Number(l.trim()));
}

/** Through nginx: true once every Tomcat has answered the probe page. */
export async function nginxServesAll(url: string, tomcats: readonly string[]): Promise<boolean> {
  const seen = new Set<string>();
  for (let i = 0; i < tomcats.length * 3 && seen.size < tomcats.length; i++) {
    const res = await request(`${url}/probe.jsp`, { headersTimeout: 5000, bodyTimeout: 5000 });
    const text = await res.body.text();
    if (res.statusCode !== 200) return false;
    const node = (JSON.parse(text) as { node?: string }).node;
    if (node) seen.add(node);
  }
  return tomcats.every((n) => seen.has(n));
}
