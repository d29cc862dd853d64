import { describe, expect, it } from "vitest";
import { decodeUtf8, detectKind, loadFromBytes } from "../../../src/diff-config/load.js";

describe("loading a config", () => {
  it("decodes UTF-8 strictly and remembers where each undecodable byte was", () => {
    const gbk = Buffer.from([0x61, 0x0a, 0x62, 0xbb, 0xe1, 0x63]); // "a\nb" + GBK 会 + "c"
    const { text, invalid } = decodeUtf8(gbk);
    expect(text).toBe("a\nb\ufffd\ufffdc");
    expect(invalid).toEqual([3, 4]);
    const file = loadFromBytes("x.conf", gbk);
    expect(file.source.position(invalid[0] as number)).toEqual({ line: 2, column: 2 });
  });

  it("rejects overlong and surrogate encodings like a strict decoder", () => {
    expect(decodeUtf8(Buffer.from([0xc0, 0xaf])).invalid.length).toBe(2);
    expect(decodeUtf8(Buffer.from([0xed, 0xa0, 0x80])).invalid.length).toBe(3);
    expect(decodeUtf8(Buffer.from("né ⟦ok⟧ 😀")).invalid).toEqual([]);
  });

  it("detects the kind from content, whatever the file is called", () => {
    expect(detectKind('<?xml version="1.0"?>\n<!-- c -->\n<Context>')).toBe("context-xml");
    expect(detectKind('<Server port="8005">')).toBe("server-xml");
    expect(detectKind("<web-app>")).toBe("web-xml");
    expect(detectKind("<web-fragment>")).toBe("xml");
    expect(detectKind("# comment\nevents {}\nhttp {\n  server { listen 80; }\n}\n")).toBe("nginx");
    expect(detectKind("upstream t {\n  server a:8080;\n}\n")).toBe("nginx");
    expect(detectKind("# redis\nbind 0.0.0.0\nport 6379\nrequirepass x\n")).toBe("redis");
    expect(detectKind("hello world")).toBe("text");
    // A Java policy file ends lines with ; and braces too, but has none of nginx's words.
    expect(
      detectKind(
        'grant codeBase "file:${catalina.home}/bin/-" {\n  permission java.security.AllPermission;\n};\n',
      ),
    ).toBe("text");
  });

  it("reads a UTF-8 BOM and UTF-16 without putting them in the text", () => {
    const bom = loadFromBytes(
      "a.xml",
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("<Context/>")]),
    );
    expect(bom.hasBom).toBe(true);
    expect(bom.text).toBe("<Context/>");
    const utf16 = loadFromBytes("b.conf", Buffer.from("\ufeffport 6379\n", "utf16le"));
    expect(utf16.encoding).toBe("utf-16le");
    expect(utf16.text).toBe("port 6379\n");
    expect(utf16.kind).toBe("redis");
  });
});
