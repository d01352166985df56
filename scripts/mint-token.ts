import { parseArgs } from "node:util";
import { mintDevelopmentToken } from "../platform/auth/development-token.ts";
import { isRole, ROLES } from "../platform/auth/identity.ts";
import { ConfigError, readConfig } from "../platform/config.ts";
import { runMain } from "../platform/cli.ts";

// Prints a development token: `npm run token -- editor [--subject alice] [--expires 8h]`.
// Send it as `Authorization: Bearer <token>`.

runMain(async () => {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { subject: { type: "string" }, expires: { type: "string", default: "8h" } },
  });
  const role = positionals[0];
  if (!isRole(role)) throw new ConfigError(`Name a role: ${ROLES.join(", ")}.`);
  const { auth } = readConfig();
  const token = await mintDevelopmentToken(auth, {
    subject: values.subject ?? `dev-${role}`,
    roles: [role],
    expiresAt: values.expires,
  });
  console.log(token);
});
