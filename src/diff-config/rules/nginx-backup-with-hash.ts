import { walkNginx } from "../nginx.js";
import type { Rule } from "../types.js";

export const nginxBackupWithHash: Rule = {
  meta: {
    id: "nginx-backup-with-hash",
    severity: "error",
    kinds: ["nginx"],
    layer: "meaning",
    description: "An upstream server marked backup in an upstream balanced by ip_hash, hash or random",
    why: "nginx does not support backup servers with these methods ('balancing method does not support parameter \"backup\"' or the backup is never used).",
    fix: "Drop backup (use down to take a server out), or use round robin / least_conn.",
    example: "upstream t { ip_hash; server a:8080; server b:8080 backup; }",
    fixable: false,
  },
  check(ctx) {
    for (const up of walkNginx(ctx.file.nginx?.directives ?? [])) {
      if (up.name !== "upstream" || !up.block) continue;
      const method = up.block.find((d) => ["ip_hash", "hash", "random"].includes(d.name));
      if (!method) continue;
      for (const s of up.block) {
        const backup = s.name === "server" ? s.args.find((a) => a.value === "backup") : undefined;
        if (!backup) continue;
        ctx.report({
          offset: backup.offset,
          message: `"backup" cannot be used with ${method.name} in upstream ${up.args[0]?.value ?? ""}.`,
          fix: "Remove backup, or switch the upstream to round robin.",
        });
      }
    }
  },
};
