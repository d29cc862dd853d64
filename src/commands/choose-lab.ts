/**
 * A missing lab argument: on a terminal, ask (lab, then manager and Tomcat version where the lab
 * offers several, each with its one-line summary); elsewhere one sentence and a fix, as always.
 */
import { InterruptedError, SessionlabError } from "../core/errors.js";
import { MAX_TOMCATS, MIN_TOMCATS, listLabNamesSync } from "../labs/lab-names.js";

export interface Chosen {
  lab: string;
  manager?: string;
  tomcat?: string;
  /** only when asked for (`askTomcats`), so a --tomcats flag is never overridden */
  tomcats?: number;
}

export function interactive(json: boolean): boolean {
  return Boolean(process.stdin.isTTY && process.stdout.isTTY) && !json && !process.env.CI;
}

export async function chooseLab(
  given: string | undefined,
  flags: { manager?: string; tomcat?: string; tomcats?: number; json: boolean },
  verb: string,
  opts: { askTomcats?: boolean } = {},
): Promise<Chosen> {
  if (given) return { lab: given, manager: flags.manager, tomcat: flags.tomcat };
  const names = listLabNamesSync();
  if (!interactive(flags.json))
    throw new SessionlabError(
      `no lab given to ${verb}`,
      `name one: ${names.join(", ")}, or a lab folder made with \`sessionlab init\``,
    );
  const [p, { loadLab }] = await Promise.all([import("@clack/prompts"), import("../labs/definition.js")]);
  const picked = (v: string | symbol): string => {
    if (p.isCancel(v) || typeof v !== "string") throw new InterruptedError();
    return v;
  };
  const defs = await Promise.all(names.map((n) => loadLab(n)));
  const lab = picked(
    await p.select({
      message: `Which lab do you want to ${verb}?`,
      options: defs.map((d) => ({ value: d.name, label: d.name, hint: d.summary })),
    }),
  );
  const def = defs.find((d) => d.name === lab)!;
  let manager = flags.manager;
  if (!manager && Object.keys(def.managers).length > 1)
    manager = picked(
      await p.select({
        message: "Which session manager?",
        initialValue: def.defaultManager,
        options: Object.entries(def.managers).map(([name, m]) => ({
          value: name,
          label: name,
          hint: m.summary,
        })),
      }),
    );
  const m = def.managers[manager ?? def.defaultManager]!;
  let tomcat = flags.tomcat;
  if (!tomcat && Object.keys(m.tomcat).length > 1)
    tomcat = picked(
      await p.select({
        message: "Which Tomcat?",
        initialValue: m.defaultTomcat,
        options: Object.keys(m.tomcat).map((v) => ({ value: v, label: `Tomcat ${v}` })),
      }),
    );
  if (!opts.askTomcats || flags.tomcats !== undefined) return { lab, manager, tomcat };
  const group = Object.values(def.nodes).find((g) => g.kind === "tomcat");
  const initial = group && "count" in group && group.count ? group.count : MIN_TOMCATS;
  const tomcats = picked(
    await p.select({
      message: "How many Tomcats behind nginx?",
      initialValue: String(initial),
      options: Array.from({ length: MAX_TOMCATS - MIN_TOMCATS + 1 }, (_, i) => String(MIN_TOMCATS + i)).map(
        (n) => ({ value: n, label: n, hint: n === String(initial) ? "the lab's default" : undefined }),
      ),
    }),
  );
  return { lab, manager, tomcat, tomcats: Number(tomcats) };
}
