/** Small queries over parsed configs that several rules share. */
import { attr, type XmlElement } from "../xml.js";
import { managerClass, type ManagerClass } from "../known-classes.js";
import { walkNginx } from "../nginx.js";
import type { LoadedFile } from "../types.js";

export function elementsNamed(file: LoadedFile, name: string): XmlElement[] {
  return file.xml?.elements.filter((e) => e.name === name) ?? [];
}

export interface ManagerInfo {
  el: XmlElement;
  className: string;
  cls: ManagerClass;
}

/** The element's className, trimmed as Tomcat's class loading would need it to be. */
export function classNameOf(el: XmlElement): string {
  return attr(el, "className")?.value.trim() ?? "";
}

/** Every <Manager> whose className is one the reference documents. */
export function knownManagers(file: LoadedFile): ManagerInfo[] {
  const out: ManagerInfo[] = [];
  for (const el of elementsNamed(file, "Manager")) {
    const className = classNameOf(el);
    const cls = managerClass(className);
    if (cls) out.push({ el, className, cls });
  }
  return out;
}

/** The value as the manager's setter receives it (digester passes it untrimmed). */
export function value(el: XmlElement, name: string): string | undefined {
  return attr(el, name)?.value;
}

/**
 * A value with a ${…} placeholder (msm's sample writes memcachedNodes="${memcachedNodes}"): Tomcat
 * substitutes a system property at start, so the linter does not know the value and judges nothing.
 */
export function hasPlaceholder(v: string | undefined): boolean {
  return v !== undefined && /\$\{[^}]*\}/.test(v);
}

/** The attribute's value when it is known, undefined when absent or a placeholder. */
export function known(el: XmlElement, name: string): string | undefined {
  const v = value(el, name);
  return hasPlaceholder(v) ? undefined : v;
}

/** msm's effective sticky flag: Boolean.valueOf, default true; undefined when a placeholder. */
export function msmStickyValue(el: XmlElement): boolean | undefined {
  const v = value(el, "sticky");
  if (hasPlaceholder(v)) return undefined;
  return v === undefined ? true : v.toLowerCase() === "true";
}

/** msm's effective sticky flag, taking an unknown (placeholder) value as msm's default, true. */
export function msmSticky(el: XmlElement): boolean {
  return msmStickyValue(el) ?? true;
}

export interface JvmRoute {
  file: LoadedFile;
  el: XmlElement;
  route: string;
  offset: number;
}

/** jvmRoute of every Engine across the server.xml files linted together. */
export function jvmRoutes(files: LoadedFile[]): JvmRoute[] {
  const out: JvmRoute[] = [];
  for (const file of files) {
    if (file.kind !== "server-xml") continue;
    for (const el of elementsNamed(file, "Engine")) {
      const a = attr(el, "jvmRoute");
      if (a) out.push({ file, el, route: a.value, offset: a.valueOffset });
    }
  }
  return out;
}

/** Where to point at an attribute's value, or at the element when the attribute is absent. */
export function at(el: XmlElement, name: string): number {
  return attr(el, name)?.valueOffset ?? el.offset;
}

/** A route nginx routes by: route= on an upstream server, or a ~\\.route$ key of a map on the session cookie/URI. */
export interface NginxRoute {
  route: string;
  offset: number;
  what: string;
}

/** The routes an nginx config routes sessions by (none: it does not route by jvmRoute). */
export function nginxRoutesUsed(file: LoadedFile): NginxRoute[] {
  const used: NginxRoute[] = [];
  for (const d of walkNginx(file.nginx?.directives ?? [])) {
    if (d.name === "server" && d.parent?.name === "upstream") {
      for (const a of d.args) {
        const route = /^route=(.*)$/.exec(a.value)?.[1];
        if (route !== undefined) used.push({ route, offset: a.offset, what: `route=${route}` });
      }
    }
    if (d.parent?.name === "map" && /jsessionid|route/i.test(d.parent.args.map((a) => a.value).join(" "))) {
      const route = /^~\*?\\\.(\w+)\$$/.exec(d.name)?.[1];
      if (route !== undefined) used.push({ route, offset: d.offset, what: `Route pattern ${d.name}` });
    }
  }
  return used;
}
