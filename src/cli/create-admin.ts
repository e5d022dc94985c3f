import 'reflect-metadata';
import { createApp } from '../app';
import { DirectoryService } from '../accounts/directory.service';
import { loadConfig } from '../config/app-config';
import { passwordProblem } from '../accounts/password-policy';

/**
 * The first administrator of a deployment (production never seeds):
 *   ADMIN_PASSWORD='…' npm run create-admin -- <username> [display name]
 * The password comes from the environment, never the command line (it would land in the
 * shell history and the process list).
 */
async function main() {
  const [username, displayName = username] = process.argv.slice(2);
  const password = process.env.ADMIN_PASSWORD;
  if (!username || !password) throw new Error("usage: ADMIN_PASSWORD='…' npm run create-admin -- <username> [display name]");
  // said before the app starts; DirectoryService.addPerson checks it again, as for every account
  const weak = passwordProblem(password, [username, displayName]);
  if (weak) throw new Error(weak);
  const config = loadConfig({ ...process.env, SWEEP_INTERVAL_MS: '0', PUBLICATION_POLL_MS: '0' });
  const app = await createApp(config);
  await app.init();
  try {
    const admin = await app.get(DirectoryService).addPerson({ username, displayName, role: 'admin', password });
    console.log(`created admin ${admin.username} (${admin.id})`);
  } finally {
    await app.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
