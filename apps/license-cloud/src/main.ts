// Starts the license cloud from the command line: `node dist/main.js` or via `npm start` at the root.
import { serve } from '@hono/node-server';
import { createCloud, OPENAPI_PATH } from './app.js';
import { scheduleNotifications } from './notifications.js';

export interface ServeOptions {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string | undefined;
  publicUrl?: string | undefined;
}

/** Starts the HTTP server; resolves once it listens. */
export async function startCloudServer(options: ServeOptions) {
  const publicUrl = options.publicUrl ?? `http://${options.host}:${options.port}`;
  const smtpHost = process.env['SMTP_HOST'];
  const cloud = await createCloud({
    dataDir: options.dataDir,
    databaseUrl: options.databaseUrl,
    publicUrl,
    smtp: smtpHost ? { host: smtpHost, port: Number(process.env['SMTP_PORT'] ?? 25) } : undefined,
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: cloud.app.fetch, port: options.port, hostname: options.host }, () => resolve(s));
    s.once('error', reject);
  });
  const stopReminders = scheduleNotifications(cloud);
  return {
    cloud,
    server,
    url: publicUrl,
    openApiUrl: `${publicUrl}${OPENAPI_PATH}`,
    async close() {
      stopReminders();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await cloud.close();
    },
  };
}
