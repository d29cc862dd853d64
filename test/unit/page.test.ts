import { describe, expect, it } from "vitest";
import { parsePage } from "../../src/verify/page.js";

describe("parsePage", () => {
  it("reads sessionlab's probe JSON", () => {
    const p = parsePage('\n{"node":"tomcat2","sessionId":"AB-n1.tomcat1","counter":3,"isNew":false}\n');
    expect(p).toEqual({
      kind: "probe",
      node: "tomcat2",
      sessionId: "AB-n1.tomcat1",
      counter: 3,
      isNew: false,
    });
  });
  it("reads the classic walkthrough index.jsp", () => {
    const html = `<html><body><h1>tomcat1 page</h1>\nSessionID:4F2A.tomcat1<br>\nSessionIP:172.18.0.3<br></body></html>`;
    expect(parsePage(html)).toEqual({ kind: "classic", node: "tomcat1", sessionId: "4F2A.tomcat1" });
  });
  it("reads a classic page whose heading is wrapped in <font> and whose id follows a tag", () => {
    const html = `<h1><font color="red">TomcatA</font></h1><table><tr><td>SessionID:</td><td>99AA-n1</td></tr></table>`;
    expect(parsePage(html)).toMatchObject({ kind: "classic", node: "TomcatA", sessionId: "99AA-n1" });
  });
  it("says unknown for anything else", () => {
    expect(parsePage("<html>It works!</html>").kind).toBe("unknown");
    expect(parsePage("{not json").kind).toBe("unknown");
  });
});
