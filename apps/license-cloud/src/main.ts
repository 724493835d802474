// Starts the license cloud as an HTTP server (used by its command line and by `npm start`).
import { listen } from '@smartserver-licensing/server-kit';
import { createCloud, OPENAPI_PATH } from './app.js';
import { scheduleNotifications } from './notifications.js';

export interface ServeOptions {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string | undefined;
  publicUrl?: string | undefined;
}

/** Starts the HTTP server; resolves once it listens and the cloud is ready behind it. */
export async function startCloudServer(options: ServeOptions) {
  // Listen first: with port 0 the public URL (which is also the token issuer) needs the real port.
  type Handler = (request: Request, env: unknown) => Response | Promise<Response>;
  let handler: Handler = () =>
    new Response('{"error":{"code":"UNAVAILABLE","message":"starting"}}', { status: 503 });
  const { server, port } = await listen((request, env) => handler(request, env), options.port, options.host);
  const publicUrl = options.publicUrl ?? `http://${options.host}:${port}`;
  const smtpHost = process.env['SMTP_HOST'];
  let cloud;
  try {
    cloud = await createCloud({
      dataDir: options.dataDir,
      databaseUrl: options.databaseUrl,
      publicUrl,
      smtp: smtpHost ? { host: smtpHost, port: Number(process.env['SMTP_PORT'] ?? 25) } : undefined,
    });
  } catch (error) {
    server.close();
    throw error;
  }
  handler = cloud.app.fetch as Handler;
  const stopReminders = scheduleNotifications(cloud);
  const running = cloud;
  return {
    cloud: running,
    server,
    url: publicUrl,
    openApiUrl: `${publicUrl}${OPENAPI_PATH}`,
    async close() {
      stopReminders();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await running.close();
    },
  };
}
