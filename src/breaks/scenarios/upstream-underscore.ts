import { validatesHost } from "../../diff-config/rules/nginx-upstream-name.js";
import type { LabPaths } from "../../labs/lab-paths.js";
import { type BreakScenario, replaceOnce } from "../scenario.js";

export const UNDERSCORE_UPSTREAM = "tomcat_servers";

/**
 * nginx.conf as many guides write it: `upstream tomcat_servers` and no `proxy_set_header Host`, so
 * nginx sends `Host: tomcat_servers` to Tomcat.
 */
export function underscoreUpstream(text: string): string {
  const renamed = replaceOnce(
    text,
    /upstream tomcats \{/,
    () => `upstream ${UNDERSCORE_UPSTREAM} {`,
    "upstream tomcats",
  );
  const proxied = replaceOnce(
    renamed,
    /proxy_pass http:\/\/tomcats;/,
    () => `proxy_pass http://${UNDERSCORE_UPSTREAM};`,
    "proxy_pass http://tomcats",
  );
  return replaceOnce(proxied, /^[ \t]*proxy_set_header Host [^\n]*\n/m, () => "", "proxy_set_header Host");
}

export const upstreamUnderscore: BreakScenario = {
  name: "upstream-underscore",
  summary: "nginx upstream named tomcat_servers, without proxy_set_header Host",
  appliesTo: "labs with nginx round robin in front of Tomcat 8.5.31+, 9.0.5+ or 10+ (which validate Host)",
  notApplicable: (f) =>
    f.balancing !== "round-robin"
      ? `nginx here balances ${f.balancing}; the slip is shown on a round-robin upstream`
      : validatesHost(f.tomcatVersion) !== true
        ? `Tomcat ${f.tomcatVersion} accepts a Host with '_': nothing would show`
        : undefined,
  edits: "nginx/nginx.conf: upstream tomcats renamed tomcat_servers, proxy_set_header Host removed",
  symptom: "Tomcat answers 400 Bad Request to every request (Host: tomcat_servers is not a valid host name)",
  expect: "verify-fails",
  rule: "nginx-upstream-name",
  plan: () => ({
    files: [{ path: (p: LabPaths) => p.nginxConf(), edit: underscoreUpstream }],
    exec: [],
    restart: ["nginx"],
  }),
};
