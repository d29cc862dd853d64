/** Just enough of the ZIP format to read one entry from a jar: the central directory plus inflate. */
import { inflateRawSync } from "node:zlib";

interface CentralEntry {
  name: string;
  method: number;
  size: number;
  local: number;
}

/** The central directory's entries, or undefined when this is not a readable zip. */
function centralDirectory(zip: Buffer): CentralEntry[] | undefined {
  // End-of-central-directory record: signature 0x06054b50, within the last 64 KiB + 22 bytes.
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 65_557); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return undefined;
  const count = zip.readUInt16LE(eocd + 10);
  const entries: CentralEntry[] = [];
  let p = zip.readUInt32LE(eocd + 16);
  for (let k = 0; k < count && p + 46 <= zip.length; k++) {
    if (zip.readUInt32LE(p) !== 0x02014b50) return undefined;
    const nameLen = zip.readUInt16LE(p + 28);
    entries.push({
      name: zip.toString("utf8", p + 46, p + 46 + nameLen),
      method: zip.readUInt16LE(p + 10),
      size: zip.readUInt32LE(p + 20),
      local: zip.readUInt32LE(p + 42),
    });
    p += 46 + nameLen + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  }
  return entries;
}

export function zipEntryNames(zip: Buffer): string[] {
  return centralDirectory(zip)?.map((e) => e.name) ?? [];
}

export function readZipEntry(zip: Buffer, name: string): Buffer | undefined {
  const entry = centralDirectory(zip)?.find((e) => e.name === name);
  if (!entry || entry.local + 30 > zip.length) return undefined;
  const start = entry.local + 30 + zip.readUInt16LE(entry.local + 26) + zip.readUInt16LE(entry.local + 28);
  const data = zip.subarray(start, start + entry.size);
  if (entry.method === 0) return data;
  if (entry.method === 8) return inflateRawSync(data);
  return undefined;
}
