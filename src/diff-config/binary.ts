/**
 * What diff-config refuses to read as a config: files over a size no config reaches, and binary
 * content (an archive, a class file, an executable, random bytes). Both are decided before decoding,
 * from the size and the first bytes, so a 120 MB heap dump is refused in milliseconds.
 */

/** The largest file diff-config reads; real server.xml/nginx.conf files are a few kilobytes. */
export const MAX_CONFIG_BYTES = 32 * 1024 * 1024;

/** How much of the file's start is examined for binary content. */
const SAMPLE = 64 * 1024;

/** weak: the signature is printable text, so it also needs a control byte in the sample to count. */
const SIGNATURES: Array<{ bytes: number[]; offset?: number; what: string; weak?: boolean }> = [
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: "a zip archive (jar, war, zip)" },
  { bytes: [0x50, 0x4b, 0x05, 0x06], what: "an empty zip archive" },
  { bytes: [0x1f, 0x8b], what: "a gzip archive" },
  { bytes: [0x42, 0x5a, 0x68], what: "a bzip2 archive", weak: true },
  { bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], what: "an xz archive" },
  { bytes: [0x28, 0xb5, 0x2f, 0xfd], what: "a zstd archive" },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], what: "a 7-zip archive" },
  { bytes: [0x75, 0x73, 0x74, 0x61, 0x72], offset: 257, what: "a tar archive", weak: true },
  { bytes: [0xca, 0xfe, 0xba, 0xbe], what: "a Java class file" },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], what: "an ELF executable or library" },
  { bytes: [0x4d, 0x5a], what: "a Windows executable", weak: true },
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: "a PNG image" },
  { bytes: [0xff, 0xd8, 0xff], what: "a JPEG image" },
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], what: "a PDF document", weak: true },
];

function startsWith(bytes: Uint8Array, sig: number[], offset = 0): boolean {
  if (bytes.length < offset + sig.length) return false;
  return sig.every((b, i) => bytes[offset + i] === b);
}

/**
 * Why these bytes are not a text config file, or undefined when they may be one. Text in any
 * 8-bit encoding passes (GBK and Latin-1 configs are reported by invalid-utf8, a stray pasted
 * control character by control-char); UTF-16 with a byte-order mark passes (reported by bom).
 */
export function binaryReason(bytes: Uint8Array): string | undefined {
  const utf16Bom = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (utf16Bom) return undefined;
  for (const s of SIGNATURES) {
    if (startsWith(bytes, s.bytes, s.offset) && (!s.weak || controlShare(bytes) > 0))
      return `it is ${s.what}`;
  }
  const n = Math.min(bytes.length, SAMPLE);
  let nul = 0;
  let nulEven = 0;
  for (let i = 0; i < n; i++) {
    if (bytes[i] === 0) {
      nul++;
      if (i % 2 === 0) nulEven++;
    }
  }
  // ASCII text saved as UTF-16 without a byte-order mark: every other byte is NUL.
  if (n >= 8 && nul >= n * 0.4 && (nulEven === nul || nulEven === 0))
    return "it looks like UTF-16 without a byte-order mark";
  // Mostly bytes above 0x7f that are not UTF-8: no ASCII-based config (GBK and Latin-1 ones included)
  // is written with under 30% ASCII.
  if (n >= 64 && asciiShare(bytes) < 0.3 && !isUtf8(bytes.subarray(0, n)))
    return `it holds binary data (only ${Math.round(asciiShare(bytes) * 100)}% of its first bytes are ASCII, and the rest is not UTF-8)`;
  const share = controlShare(bytes);
  if (share >= 0.01)
    return `it holds binary data (${(share * 100).toFixed(share >= 0.1 ? 0 : 1)}% of its first bytes are NUL or control bytes)`;
  return undefined;
}

/** Share of NUL and C0 control bytes (other than tab, LF, VT, FF, CR and ESC) in the sample. */
function controlShare(bytes: Uint8Array): number {
  const n = Math.min(bytes.length, SAMPLE);
  if (n === 0) return 0;
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i] ?? 0;
    if (b < 0x20 && !(b >= 0x09 && b <= 0x0d) && b !== 0x1b) bad++;
  }
  return bad / n;
}

function asciiShare(bytes: Uint8Array): number {
  const n = Math.min(bytes.length, SAMPLE);
  let ascii = 0;
  for (let i = 0; i < n; i++) if ((bytes[i] ?? 0) < 0x80) ascii++;
  return n === 0 ? 1 : ascii / n;
}

/** Whether the sample is UTF-8, allowing a sequence cut off by the sample's end. */
function isUtf8(sample: Uint8Array): boolean {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  for (let cut = 0; cut < 4 && cut < sample.length; cut++) {
    try {
      decoder.decode(sample.subarray(0, sample.length - cut));
      return true;
    } catch {
      // a multi-byte sequence may be cut at the sample's end: try a byte shorter
    }
  }
  return false;
}

/** "120 MB", "33.6 MB", "812 KB": sizes for a one-sentence message. */
export function humanSize(size: number): string {
  const mb = size / (1024 * 1024);
  if (mb >= 1) return `${mb >= 10 ? Math.round(mb) : mb.toFixed(1)} MB`;
  return `${Math.round(size / 1024)} KB`;
}
