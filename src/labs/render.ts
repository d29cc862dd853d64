/**
 * Fills `{{name}}` placeholders. An unknown placeholder is a bug in a lab file, so it throws
 * rather than leaving braces in a config that Tomcat or nginx would then reject.
 */
export function renderTemplate(template: string, vars: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => {
    const v = vars[key];
    if (v === undefined) throw new Error(`template placeholder {{${key}}} has no value`);
    return v;
  });
}

const ENGINE_TAG = /<Engine\s+name="Catalina"\s+defaultHost="localhost"\s*>/g;

/** Adds jvmRoute to the distribution's live `<Engine>` element (not the commented-out example). */
export function patchServerXml(serverXml: string, jvmRoute: string): string {
  const live = [...serverXml.matchAll(ENGINE_TAG)];
  if (live.length !== 1) {
    throw new Error(`expected one <Engine name="Catalina" defaultHost="localhost"> in server.xml, found ${live.length}`);
  }
  return serverXml.replace(ENGINE_TAG, `<Engine name="Catalina" defaultHost="localhost" jvmRoute="${jvmRoute}">`);
}

/** Inserts the session manager's elements just before `</Context>` of the distribution's context.xml. */
export function patchContextXml(contextXml: string, managerXml: string | null): string {
  if (!managerXml) return contextXml;
  const end = contextXml.lastIndexOf("</Context>");
  if (end < 0) throw new Error("context.xml has no </Context>");
  return `${contextXml.slice(0, end)}\n${managerXml.trimEnd()}\n${contextXml.slice(end)}`;
}
