import { type BreakScenario } from "../scenario.js";

/** Where the lab's Tomcat image keeps its lib/ (labs/images/tomcat/Dockerfile). */
export const TOMCAT_LIB = "/opt/tomcat/lib";

export const missingJar: BreakScenario = {
  name: "missing-jar",
  summary: "the session manager's own jar missing from Tomcat's lib/",
  appliesTo: "labs whose session manager brings jars into lib/",
  notApplicable: (f) =>
    f.jars.length ? undefined : "this lab's Tomcats have no session manager jars in lib/",
  edits:
    "inside every Tomcat container (the image bakes lib/ in): the manager's jar removed from /opt/tomcat/lib",
  symptom: "ClassNotFoundException for the manager when the context starts: the webapp is not served",
  expect: "verify-fails",
  rule: "catalina-jars",
  plan: (f) => ({
    files: [],
    exec: f.tomcats.map((node) => ({ node, user: "root", cmd: ["rm", "-f", `${TOMCAT_LIB}/${f.jars[0]}`] })),
    restart: f.tomcats,
  }),
};
