import { SessionlabError } from "../core/errors.js";

/**
 * Fills `{{name}}` placeholders. An unknown placeholder is a mistake in a lab file (a user's own lab
 * folder's templates are theirs to edit), so it stops with the file, the line and the known names
 * rather than leaving braces in a config that Tomcat or nginx would then reject.
 */
export function renderTemplate(template: string, vars: Record<string, string>, file = "a lab template"): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, key: string, offset: number) => {
    const v = vars[key];
    if (v === undefined) {
      const line = template.slice(0, offset).split("\n").length;
      throw new SessionlabError(
        `${file}:${line}: {{${key}}} is not a placeholder this lab fills`,
        `use one of: ${Object.keys(vars).sort().join(", ")}`,
      );
    }
    // A multi-line value alone on its line keeps that line's indentation on every line.
    const lineStart = template.lastIndexOf("\n", offset - 1) + 1;
    const lead = template.slice(lineStart, offset);
    return /^[ \t]+$/.test(lead) ? v.replace(/\n(?=.)/g, `\n${lead}`) : v;
  });
}

const ENGINE_TAG = /<Engine\s+name="Catalina"\s+defaultHost="localhost"\s*>/g;

/**
 * Adds jvmRoute to the distribution's live `<Engine>` element (not the commented-out example) and,
 * for Tomcat's own cluster, the `<Cluster>` elements as the Engine's first child.
 */
export function patchServerXml(serverXml: string, jvmRoute: string, engineXml?: string): string {
  const live = [...serverXml.matchAll(ENGINE_TAG)];
  if (live.length !== 1) {
    throw new Error(`expected one <Engine name="Catalina" defaultHost="localhost"> in server.xml, found ${live.length}`);
  }
  const inside = engineXml ? `\n${indent(engineXml.trimEnd(), "      ")}\n` : "";
  return serverXml.replace(
    ENGINE_TAG,
    `<Engine name="Catalina" defaultHost="localhost" jvmRoute="${jvmRoute}">${inside}`,
  );
}

const indent = (text: string, by: string) =>
  text
    .split("\n")
    .map((l) => (l ? by + l : l))
    .join("\n");

/** Inserts the session manager's elements just before `</Context>` of the distribution's context.xml. */
export function patchContextXml(contextXml: string, managerXml: string | null): string {
  if (!managerXml) return contextXml;
  const end = contextXml.lastIndexOf("</Context>");
  if (end < 0) throw new Error("context.xml has no </Context>");
  return `${contextXml.slice(0, end)}\n${managerXml.trimEnd()}\n${contextXml.slice(end)}`;
}
