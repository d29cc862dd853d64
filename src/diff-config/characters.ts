/**
 * The characters that copy-pasting from blogs, chat apps and word processors smuggles into configs,
 * grouped by what they break, with the ASCII each one stands in for.
 */
export type CharClass = "unicode-space" | "zero-width" | "smart-quote" | "unicode-dash" | "control";

export interface CharInfo {
  cls: CharClass;
  name: string;
  /** The ASCII a safe fix puts in its place ("" removes it); undefined means no safe fix. */
  ascii?: string;
}

const NAMES: Record<number, [CharClass, string, string | undefined]> = {
  0x00a0: ["unicode-space", "NO-BREAK SPACE", " "],
  0x1680: ["unicode-space", "OGHAM SPACE MARK", " "],
  0x2000: ["unicode-space", "EN QUAD", " "],
  0x2001: ["unicode-space", "EM QUAD", " "],
  0x2002: ["unicode-space", "EN SPACE", " "],
  0x2003: ["unicode-space", "EM SPACE", " "],
  0x2004: ["unicode-space", "THREE-PER-EM SPACE", " "],
  0x2005: ["unicode-space", "FOUR-PER-EM SPACE", " "],
  0x2006: ["unicode-space", "SIX-PER-EM SPACE", " "],
  0x2007: ["unicode-space", "FIGURE SPACE", " "],
  0x2008: ["unicode-space", "PUNCTUATION SPACE", " "],
  0x2009: ["unicode-space", "THIN SPACE", " "],
  0x200a: ["unicode-space", "HAIR SPACE", " "],
  0x2028: ["unicode-space", "LINE SEPARATOR", " "],
  0x2029: ["unicode-space", "PARAGRAPH SEPARATOR", " "],
  0x202f: ["unicode-space", "NARROW NO-BREAK SPACE", " "],
  0x205f: ["unicode-space", "MEDIUM MATHEMATICAL SPACE", " "],
  0x3000: ["unicode-space", "IDEOGRAPHIC SPACE", " "],
  0x200b: ["zero-width", "ZERO WIDTH SPACE", ""],
  0x200c: ["zero-width", "ZERO WIDTH NON-JOINER", ""],
  0x200d: ["zero-width", "ZERO WIDTH JOINER", ""],
  0x200e: ["zero-width", "LEFT-TO-RIGHT MARK", ""],
  0x200f: ["zero-width", "RIGHT-TO-LEFT MARK", ""],
  0x2060: ["zero-width", "WORD JOINER", ""],
  0xfeff: ["zero-width", "ZERO WIDTH NO-BREAK SPACE (BOM)", ""],
  0x00ad: ["zero-width", "SOFT HYPHEN", ""],
  0x2018: ["smart-quote", "LEFT SINGLE QUOTATION MARK", "'"],
  0x2019: ["smart-quote", "RIGHT SINGLE QUOTATION MARK", "'"],
  0x201a: ["smart-quote", "SINGLE LOW-9 QUOTATION MARK", "'"],
  0x201c: ["smart-quote", "LEFT DOUBLE QUOTATION MARK", '"'],
  0x201d: ["smart-quote", "RIGHT DOUBLE QUOTATION MARK", '"'],
  0x201e: ["smart-quote", "DOUBLE LOW-9 QUOTATION MARK", '"'],
  0x2032: ["smart-quote", "PRIME", "'"],
  0x2033: ["smart-quote", "DOUBLE PRIME", '"'],
  0xff02: ["smart-quote", "FULLWIDTH QUOTATION MARK", '"'],
  0xff07: ["smart-quote", "FULLWIDTH APOSTROPHE", "'"],
  0x2010: ["unicode-dash", "HYPHEN", undefined],
  0x2011: ["unicode-dash", "NON-BREAKING HYPHEN", undefined],
  0x2012: ["unicode-dash", "FIGURE DASH", undefined],
  0x2013: ["unicode-dash", "EN DASH", undefined],
  0x2014: ["unicode-dash", "EM DASH", undefined],
  0x2015: ["unicode-dash", "HORIZONTAL BAR", undefined],
  0x2212: ["unicode-dash", "MINUS SIGN", undefined],
  0xff0d: ["unicode-dash", "FULLWIDTH HYPHEN-MINUS", undefined],
};

const C0_NAMES = [
  "NULL",
  "START OF HEADING",
  "START OF TEXT",
  "END OF TEXT",
  "END OF TRANSMISSION",
  "ENQUIRY",
  "ACKNOWLEDGE",
  "BELL",
  "BACKSPACE",
  "TAB",
  "LINE FEED",
  "VERTICAL TAB",
  "FORM FEED",
  "CARRIAGE RETURN",
  "SHIFT OUT",
  "SHIFT IN",
  "DATA LINK ESCAPE",
  "DEVICE CONTROL ONE",
  "DEVICE CONTROL TWO",
  "DEVICE CONTROL THREE",
  "DEVICE CONTROL FOUR",
  "NEGATIVE ACKNOWLEDGE",
  "SYNCHRONOUS IDLE",
  "END OF TRANSMISSION BLOCK",
  "CANCEL",
  "END OF MEDIUM",
  "SUBSTITUTE",
  "ESCAPE",
  "FILE SEPARATOR",
  "GROUP SEPARATOR",
  "RECORD SEPARATOR",
  "UNIT SEPARATOR",
];

export function charInfo(code: number): CharInfo | undefined {
  const known = NAMES[code];
  if (known) return { cls: known[0], name: known[1], ascii: known[2] };
  // TAB, LF and CR are ordinary; every other C0 control, DEL and C1 control is not.
  if ((code < 0x20 && code !== 9 && code !== 10 && code !== 13) || (code >= 0x7f && code <= 0x9f)) {
    const name = code < 0x20 ? C0_NAMES[code] : code === 0x7f ? "DELETE" : "C1 CONTROL";
    return { cls: "control", name: name ?? "CONTROL", ascii: undefined };
  }
  return undefined;
}

export function codePoint(code: number): string {
  return `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
}

/** "U+00A0 NO-BREAK SPACE" for a suspicious character. */
export function describeChar(code: number): string {
  const info = charInfo(code);
  return info ? `${codePoint(code)} ${info.name}` : codePoint(code);
}

// Control characters are exactly what this scan looks for.
const SUSPICIOUS =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u00a0\u00ad\u1680\u2000-\u2015\u2018-\u201e\u2028-\u202f\u2032\u2033\u205f\u2060\u2212\u3000\ufeff\uff02\uff07\uff0d\ufffd]/;
const SUSPICIOUS_G = new RegExp(SUSPICIOUS.source, "g");

/** Every suspicious character in text, with its offset. */
export function* scanChars(text: string): Generator<{ offset: number; code: number; info: CharInfo }> {
  SUSPICIOUS_G.lastIndex = 0;
  for (let m = SUSPICIOUS_G.exec(text); m; m = SUSPICIOUS_G.exec(text)) {
    const code = text.charCodeAt(m.index);
    const info = charInfo(code);
    if (info) yield { offset: m.index, code, info };
  }
}

/** Renders invisible and look-alike characters as ⟦U+00A0 NO-BREAK SPACE⟧ so a reader can see them. */
export function visible(text: string): string {
  if (!SUSPICIOUS.test(text)) return text;
  let out = "";
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code === 0xfffd) out += "⟦invalid byte⟧";
    else out += charInfo(code) ? `⟦${describeChar(code)}⟧` : ch;
  }
  return out;
}
