import type { Rule } from "../types.js";

export const redisExposed: Rule = {
  meta: {
    id: "redis-exposed",
    severity: "error",
    kinds: ["redis"],
    layer: "meaning",
    description: "Redis listening beyond loopback without a password (bind 0.0.0.0, bind *, or no bind)",
    why: "With protected-mode no, or Redis < 7, or the official Docker image (which compiles protected-mode off), anyone who reaches port 6379 can read every session; with protected-mode yes and no password, Redis 7 refuses remote Tomcats with -DENIED.",
    fix: "Set requirepass (and put the password in the session manager's config), keep protected-mode yes, and bind to the private interface.",
    example: "bind 0.0.0.0 / protected-mode no / (no requirepass)",
    fixable: false,
  },
  check(ctx) {
    const conf = ctx.file.redis;
    if (!conf) return;
    const last = (name: string) => [...conf.directives].reverse().find((d) => d.name === name);
    const bind = last("bind");
    const password = last("requirepass");
    const hasAcl = conf.directives.some(
      (d) => d.name === "aclfile" || (d.name === "user" && d.args.some((a) => a.value.startsWith(">"))),
    );
    const isPublic = !bind || bind.args.some((a) => !/^-?(127\.|::1$|localhost$)/.test(a.value));
    if (!isPublic) return;
    if (password && (password.args[0]?.value ?? "") !== "") return;
    if (hasAcl) return;
    const protectedOff = last("protected-mode")?.args[0]?.value.toLowerCase() === "no";
    const where = password?.offset ?? bind?.offset ?? 0;
    const bindText = bind ? `bind ${bind.args.map((a) => a.value).join(" ")}` : "no bind (all interfaces)";
    ctx.report({
      offset: where,
      severity: protectedOff ? "error" : "warning",
      message: protectedOff
        ? `${bindText} with protected-mode no and no password: anyone who reaches the port can read and change sessions.`
        : `${bindText} without a password: Redis ≥ 7 refuses remote Tomcats (-DENIED protected mode); Redis < 7 and the Docker image accept anyone.`,
      fix: "Add requirepass <secret> and give the session manager the same password.",
    });
  },
};
