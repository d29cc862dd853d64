import { describe, expect, it } from "vitest";
import { upstreamServers } from "../../src/kinds/nginx.js";
import { patchContextXml, patchServerXml, renderTemplate } from "../../src/labs/render.js";

// Shaped like Tomcat 9's distribution server.xml: a commented example Engine, then the live one.
const SERVER_XML = `<Server port="8005" shutdown="SHUTDOWN">
  <Service name="Catalina">
    <!-- You should set jvmRoute to support load-balancing via AJP ie :
    <Engine name="Catalina" defaultHost="localhost" jvmRoute="jvm1">
    -->
    <Engine name="Catalina" defaultHost="localhost">
      <Host name="localhost" appBase="webapps"/>
    </Engine>
  </Service>
</Server>`;

describe("patchServerXml", () => {
  it("adds jvmRoute to the live Engine only", () => {
    const out = patchServerXml(SERVER_XML, "tomcat1");
    expect(out).toContain('<Engine name="Catalina" defaultHost="localhost" jvmRoute="tomcat1">');
    expect(out).toContain('jvmRoute="jvm1"'); // the comment is untouched
    expect(out.match(/jvmRoute="tomcat1"/g)).toHaveLength(1);
  });
  it("refuses a server.xml without the expected Engine", () => {
    expect(() => patchServerXml("<Server/>", "tomcat1")).toThrow(/found 0/);
  });
});

describe("patchContextXml", () => {
  const ctx = "<Context>\n    <WatchedResource>WEB-INF/web.xml</WatchedResource>\n</Context>\n";
  it("inserts the manager before </Context>", () => {
    const out = patchContextXml(ctx, '    <Manager className="x"/>\n');
    expect(out).toMatch(/<\/WatchedResource>\n\n {4}<Manager className="x"\/>\n<\/Context>/);
  });
  it("leaves the file alone without a manager", () => {
    expect(patchContextXml(ctx, null)).toBe(ctx);
  });
});

describe("renderTemplate", () => {
  it("fills placeholders", () => {
    expect(renderTemplate("<h1>{{node}} page</h1>", { node: "tomcat2" })).toBe("<h1>tomcat2 page</h1>");
  });
  it("throws on a placeholder without a value", () => {
    expect(() => renderTemplate("{{nope}}", {})).toThrow(/nope/);
  });
  it("renders nginx upstream servers", () => {
    expect(upstreamServers(["tomcat1", "tomcat2"])).toBe(
      "        server tomcat1:8080;\n        server tomcat2:8080;",
    );
  });
});
