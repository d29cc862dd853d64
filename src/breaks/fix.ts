import { sep } from "node:path";
import type { Progress } from "../core/output.js";
import { createProgress } from "../core/progress.js";
import { tomcatVersions } from "../kinds/tomcat.js";
import { type LabSettings, managerFlavor } from "../kinds/settings.js";
import type { LabVariant } from "../labs/definition.js";
import { baseImage } from "../labs/images.js";
import { countAsRendered, writeLabFolder } from "../labs/lab-folder.js";
import { LabPaths } from "../labs/lab-paths.js";
import { containerSpecs } from "../orchestrator/apply.js";
import { nginxServesAll } from "../kinds/nginx.js";
import { type LabInstance, labNodeOf, nodeOf, roleOf, tomcatNames } from "../orchestrator/discover.js";
import { type Prepared, prepareLab } from "../orchestrator/prepare.js";
import { startAndWait, waitUntilReady } from "../orchestrator/restart.js";
import type { LabContainer, Runtime } from "../runtime/runtime.js";
import { pollUntil } from "../runtime/wait.js";
import type { CheckResult } from "../verify/checks.js";
import { runningLab } from "./facts.js";
import { TOMCAT_LIB } from "./scenarios/missing-jar.js";

export interface FixOptions {
  lab?: string;
  /** run verify afterwards (default true) */
  verify?: boolean;
  runtime?: Runtime;
  signal?: AbortSignal;
  progress?: Progress;
}

export interface FixReport {
  /** the lab is whole again: verify passes (or, without verify, every node restarted ready) */
  ok: boolean;
  lab: string;
  dir: string;
  /** files re-rendered, relative to the lab folder */
  restored: string[];
  /** the user's differing files, kept as <file>.bak */
  backups: string[];
  /** Tomcats whose container was recreated (their lib/ had lost a jar) */
  recreated: string[];
  /** nodes restarted to read the restored files, or started because they were not running */
  restarted: string[];
  verify?: { ok: boolean; failedChecks: Array<Pick<CheckResult, "id" | "title" | "summary">> };
  seconds: number;
}

const quiet = createProgress({ quiet: true });

/**
 * The lab's files as `up` renders them, with the settings the running lab was made with: the
 * Redisson modes are not in its labels, so the candidate matching most of the folder's recorded
 * hashes wins (the Redis password is read back from redis.conf by the redis kind, as `up` does).
 */
async function renderAsUp(v: LabVariant, paths: LabPaths, port: number): Promise<Prepared> {
  const candidates: Array<Pick<LabSettings, "readMode" | "updateMode">> =
    managerFlavor(v) === "redisson"
      ? (["REDIS", "MEMORY"] as const).flatMap((readMode) =>
          (["DEFAULT", "AFTER_REQUEST"] as const).map((updateMode) => ({ readMode, updateMode })),
        )
      : [{ readMode: "REDIS", updateMode: "DEFAULT" }];
  let best: { prepared: Prepared; score: number } | undefined;
  for (const c of candidates) {
    const prepared = await prepareLab(v, paths, {
      serializer: "java",
      ...c,
      port,
      baseImage: baseImage(),
      progress: quiet,
    });
    const score = await countAsRendered(paths, prepared.files);
    if (!best || score > best.score) best = { prepared, score };
  }
  return best!.prepared;
}

/** Tomcats whose lib/ lacks a jar the lab's image put there. */
async function tomcatsMissingJars(
  runtime: Runtime,
  lab: LabInstance,
  jars: string[],
): Promise<LabContainer[]> {
  if (!jars.length) return [];
  const out: LabContainer[] = [];
  for (const c of lab.containers.filter((x) => labNodeOf(x).kind === "tomcat" && x.state === "running")) {
    const r = await runtime.exec(c.id, ["ls", TOMCAT_LIB]);
    const present = new Set(r.stdout.split("\n"));
    if (r.exitCode === 0 && jars.some((j) => !present.has(j))) out.push(c);
  }
  return out;
}

export async function fixLab(opts: FixOptions = {}): Promise<FixReport> {
  const started = performance.now();
  const progress = opts.progress ?? quiet;
  const { runtime, lab, variant, facts } = await runningLab(opts.lab, opts.runtime);
  const paths = new LabPaths(lab.dir);

  progress.step("restoring the lab's known-good files");
  const prepared = await renderAsUp(variant, paths, lab.port);
  const written = await writeLabFolder(paths, variant.def.name, prepared.files, {
    reset: true,
    versions: tomcatVersions(variant),
  });
  progress.done(
    written.written.length
      ? `${written.written.join(", ")}${written.backedUp.length ? `; yours kept as ${written.backedUp.map((f) => `${f}.bak`).join(", ")}` : ""}`
      : "all files were as rendered",
  );

  // Containers whose lib/ lost a jar come back from their image; the others restart to read their files.
  const broken = await tomcatsMissingJars(runtime, lab, facts.jars);
  const changedNodes = new Set(written.written.map((f) => f.split(sep)[0]!));
  const ROLES = ["store", "tomcat", "nginx"];
  const order = (c: LabContainer) => ROLES.indexOf(roleOf(c));
  const todo = lab.containers
    .filter((c) => !broken.includes(c))
    .filter((c) => changedNodes.has(nodeOf(c)) || c.state !== "running")
    .sort((a, b) => order(a) - order(b));
  const specs = broken.length
    ? containerSpecs(prepared.groups, { instance: lab.instance, labLabels: broken[0]!.labels })
    : [];
  if (broken.length || todo.length)
    progress.step(
      `restarting ${[...broken.map((c) => `${nodeOf(c)} (recreated)`), ...todo.map(nodeOf)].join(", ")}`,
    );
  await Promise.all(
    broken.map(async (c) => {
      const spec = specs.find((s) => s.aliases[0] === nodeOf(c))!;
      await runtime.removeContainer(c.id);
      const id = await runtime.createAndStart({ ...spec, image: c.image });
      await waitUntilReady(runtime, lab, { ...c, id });
    }),
  );
  for (const group of ROLES) {
    await Promise.all(
      todo
        .filter((c) => roleOf(c) === group)
        .map(async (c) => {
          if (c.state === "running") await runtime.stopContainer(c.id);
          await startAndWait(runtime, lab, c);
        }),
    );
  }
  if (broken.length || todo.length) {
    // nginx was reloaded as each Tomcat came back, while the others were still down: requests that
    // reached it meanwhile (the console's live client, anyone's traffic) mark those Tomcats failed for
    // its fail_timeout (10 s). Verify once nginx serves every Tomcat again; if it never does, verify says so.
    await pollUntil(async () => ((await nginxServesAll(lab.url, tomcatNames(lab))) ? true : undefined), {
      timeoutMs: 15_000,
      intervalMs: 250,
      signal: opts.signal,
      onTimeout: () => new Error("nginx does not serve every Tomcat"),
    }).catch(() => undefined);
    progress.done();
  }

  let verified: FixReport["verify"];
  if (opts.verify !== false) {
    progress.step("verify");
    const { verify } = await import("../verify/run.js");
    const r = await verify({
      lab: lab.instance,
      requests: 20,
      clients: 8,
      requestsPerClient: 5,
      signal: opts.signal,
    });
    verified = {
      ok: r.ok,
      failedChecks: r.checks
        .filter((c) => c.status === "fail")
        .map(({ id, title, summary }) => ({ id, title, summary })),
    };
    if (r.ok) progress.done("passes");
    else progress.fail("fails");
  }
  return {
    ok: verified?.ok ?? true,
    lab: lab.instance,
    dir: lab.dir,
    restored: written.written,
    backups: written.backedUp.map((f) => `${f}.bak`),
    recreated: broken.map(nodeOf),
    restarted: todo.map(nodeOf),
    ...(verified ? { verify: verified } : {}),
    seconds: (performance.now() - started) / 1000,
  };
}
