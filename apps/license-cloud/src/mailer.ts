// Outgoing mail: a real SMTP server when one is configured, else .eml files in the data
// directory's outbox, so a mail is never silently dropped in the reference setup.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
  /** Where mail goes, for the start-up banner. */
  readonly describe: string;
  close(): void;
}

export interface SmtpConfig {
  host: string;
  port: number;
  /** Use TLS from the start (port 465); otherwise STARTTLS if the server offers it. */
  secure?: boolean;
  user?: string;
  password?: string;
}

export function createMailer(options: {
  from: string;
  smtp?: SmtpConfig | undefined;
  outboxDir?: string | undefined;
}): Mailer {
  const { from, smtp } = options;
  if (smtp) {
    const transport = nodemailer.createTransport({
      host: smtp.host,
      port: smtp.port,
      secure: smtp.secure ?? false,
      ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.password ?? '' } } : {}),
      connectionTimeout: 10_000,
    });
    return {
      describe: `SMTP ${smtp.host}:${smtp.port}`,
      async send(mail) {
        await transport.sendMail({ from, ...mail });
      },
      close: () => transport.close(),
    };
  }
  const dir = options.outboxDir;
  if (!dir) throw new Error('createMailer needs an SMTP server or an outbox directory');
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    describe: `files in ${dir}`,
    async send(mail) {
      const info = await transport.sendMail({ from, ...mail });
      await mkdir(dir, { recursive: true });
      await writeFile(
        join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomUUID()}.eml`),
        info.message as Buffer,
      );
    },
    close: () => transport.close(),
  };
}
