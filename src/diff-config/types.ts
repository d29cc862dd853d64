/** Shared shapes of the diff-config layer: what a file is, what a rule sees, what it reports. */
import type { SourceText } from "./source-text.js";
import type { XmlDocument } from "./xml.js";
import type { NginxConfig } from "./nginx.js";
import type { RedisConfig } from "./redis-conf.js";
import type { CatalinaBase } from "./catalina-base.js";
import type { RedissonConfig } from "./redisson-yaml.js";

/** web-xml: a webapp descriptor (WEB-INF/web.xml, root <web-app>), read for cross-file rules such as <distributable/>. */
export const KINDS = [
  "context-xml",
  "server-xml",
  "web-xml",
  "xml",
  "nginx",
  "redis",
  "redisson",
  "text",
] as const;
export type Kind = (typeof KINDS)[number];

export type Severity = "error" | "warning" | "info";
/** Which of the four layers a rule belongs to; "syntax" rules mirror what the real tool rejects. */
export type Layer = "characters" | "syntax" | "meaning";

/** A replacement in the decoded text, applied by --fix only when the rule is fixable. */
export interface Edit {
  offset: number;
  length: number;
  text: string;
}

export interface Finding {
  rule: string;
  severity: Severity;
  line: number;
  column: number;
  message: string;
  fix: string;
  edit?: Edit;
  /** How many characters the finding spans on its line (for the caret); 1 when not given. */
  length?: number;
}

export interface LoadedFile {
  path: string;
  kind: Kind;
  bytes: Buffer;
  /** Decoded text without the byte-order mark; columns are counted in it. */
  text: string;
  source: SourceText;
  hasBom: boolean;
  /** "utf-8", or "utf-16le"/"utf-16be" for a file saved as Notepad's "Unicode". */
  encoding: string;
  /** Offsets (in text) where undecodable bytes were replaced by U+FFFD. */
  invalidBytes: number[];
  xml?: XmlDocument;
  nginx?: NginxConfig;
  redis?: RedisConfig;
  /** A Redisson config (YAML or JSON), whatever its file name. */
  redisson?: RedissonConfig;
  /**
   * Set when an XML file is a fragment of Context children (a README snippet with a Valve and a
   * Manager): its top-level elements are read as if inside a <Context>.
   */
  fragment?: { wrapper: "Context"; roots: string[] };
  /** Ranges of comments, where pasted characters are harmless. */
  comments: Array<[number, number]>;
}

export interface ReportInput {
  /** Offset into the text; or line/column directly. */
  offset?: number;
  line?: number;
  column?: number;
  message: string;
  fix?: string;
  severity?: Severity;
  edit?: Edit;
  length?: number;
}

/**
 * The Tomcat and Java versions a file runs with, when known: from its CATALINA_BASE, from another
 * CATALINA_BASE of the same deployment, or from --tomcat / --java. Rules whose finding depends on a
 * version they do not know say so and lower its severity.
 */
export interface Versions {
  tomcat?: string;
  tomcatMajor?: number;
  java?: number;
  /** Where the versions came from, for messages ("CATALINA_BASE /opt/tomcat", "--tomcat"). */
  tomcatFrom?: string;
  javaFrom?: string;
}

export interface RuleContext {
  file: LoadedFile;
  /**
   * The files of the same deployment linted together, for cross-file rules (jvmRoute uniqueness,
   * nginx routes, Redis passwords). Files from unrelated folders are never compared.
   */
  files: LoadedFile[];
  base?: CatalinaBase;
  versions: Versions;
  report(r: ReportInput): void;
}

export interface RuleMeta {
  id: string;
  severity: Severity;
  kinds: readonly Kind[];
  layer: Layer;
  description: string;
  why: string;
  fix: string;
  /** One short line showing a config that triggers the rule. */
  example: string;
  fixable: boolean;
}

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): void;
}

export interface FileReport {
  path: string;
  kind: Kind;
  findings: Finding[];
  /** Layer-4 diff against the known-good config, as display lines ("+", "-", " " prefixed). */
  diff?: DiffResult;
  /** Original source lines, for showing context under each finding. */
  source: SourceText;
  /** Set when the file could not be checked at all (missing, binary, too large): no findings then. */
  error?: { message: string; fix: string };
  /** The CATALINA_BASE the file came from, with what was read from it. */
  catalinaBase?: { dir: string; tomcatVersion?: string; javaMajor?: number; jars: number };
}

export interface DiffResult {
  against: string;
  /** why this known-good file was chosen (closest variant, or the one given with --against) */
  why?: string;
  lines: DiffLine[];
}

export interface DiffLine {
  op: "+" | "-" | " " | "~";
  text: string;
}

export interface Report {
  files: FileReport[];
  errorCount: number;
  warningCount: number;
  infoCount: number;
  /** Files that could not be checked; the command exits 2 when there is any. */
  unreadableCount: number;
}
