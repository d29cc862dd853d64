/**
 * One rule per class of pasted character, all sharing this scan. Where a character sits decides
 * how bad it is: inside a tag or a directive it changes a name or value; between XML elements it is
 * only noise; in a comment it is harmless and not reported.
 */
import { scanChars, describeChar, type CharClass } from "../characters.js";
import { inRanges } from "../ranges.js";
import { KINDS, type Rule, type RuleContext, type RuleMeta, type Severity } from "../types.js";

export interface CharRuleSpec extends Omit<RuleMeta, "kinds" | "layer"> {
  cls: CharClass;
  /** Severity in XML text between elements; undefined means not reported there. */
  betweenElements?: Severity;
  /** What goes wrong, appended to the character's name. */
  effect: string;
  /** Report it inside XML comments too (XML forbids control characters everywhere). */
  inXmlComments?: boolean;
}

export function charRule(spec: CharRuleSpec): Rule {
  const { cls, betweenElements, effect, inXmlComments, ...meta } = spec;
  return {
    meta: {
      ...meta,
      kinds: KINDS,
      layer: "characters",
    },
    check(ctx: RuleContext) {
      const { file } = ctx;
      // A run of the same character (four NO-BREAK SPACEs of indentation) is one finding.
      let run:
        { offset: number; code: number; length: number; severity: Severity; ascii?: string } | undefined;
      const flush = () => {
        if (!run) return;
        const { offset, code, length, severity, ascii } = run;
        const them = length > 1 ? "them" : "it";
        const replacement =
          ascii === undefined
            ? undefined
            : ascii === ""
              ? `Delete ${them}.`
              : `Replace ${them}: type '${ascii}'.`;
        ctx.report({
          offset,
          length,
          severity,
          message: `${length > 1 ? `${length} × ` : ""}${describeChar(code)} ${effect}.`,
          fix: replacement ?? meta.fix,
          edit: ascii === undefined ? undefined : { offset, length, text: ascii.repeat(length) },
        });
        run = undefined;
      };
      for (const { offset, code, info } of scanChars(file.text)) {
        if (info.cls !== cls) continue;
        if (inRanges(file.comments, offset) && !(inXmlComments && file.xml)) continue;
        let severity: Severity = meta.severity;
        if (file.xml && !inRanges(file.xml.tags, offset)) {
          if (!betweenElements) continue;
          severity = betweenElements;
        }
        if (run && run.code === code && run.offset + run.length === offset && run.severity === severity) {
          run.length++;
          continue;
        }
        flush();
        run = { offset, code, length: 1, severity, ascii: info.ascii };
      }
      flush();
    },
  };
}
