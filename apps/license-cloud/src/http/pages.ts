// The Partner Portal, Customer Portal and support pages: static files with a strict content security policy.
// A block the pages share is written once in portal/parts/ and placed by a line
// `<!--#part name.html {"key":"value"}-->`, whose `{{key}}`s it fills, at the line's indentation.
import { readFileSync } from 'node:fs';
import type { Hono } from 'hono';

const file = (name: string) => readFileSync(new URL(`./portal/${name}`, import.meta.url), 'utf8');

const PART = /^([ \t]*)<!--#part ([\w-]+\.html)(?: (\{.*\}))? *-->$/gm;
/** A page with its shared parts in place. */
function page(name: string): string {
  return file(name).replace(PART, (_line, indent: string, part: string, json?: string) => {
    const values = (json ? JSON.parse(json) : {}) as Record<string, string>;
    return file(`parts/${part}`)
      .trimEnd()
      .replace(/\{\{(\w+)\}\}/g, (_, key: string) => {
        const value = values[key];
        if (value === undefined) throw new Error(`${name}: part ${part} needs "${key}"`);
        return value;
      })
      .split('\n')
      .map((line) => (line ? indent + line : line))
      .join('\n');
  });
}

const ASSETS: Record<string, { type: string; body: string }> = {
  '/partner': { type: 'text/html; charset=utf-8', body: page('partner.html') },
  '/customer': { type: 'text/html; charset=utf-8', body: page('customer.html') },
  '/support': { type: 'text/html; charset=utf-8', body: page('support.html') },
  '/portal/portal.js': { type: 'text/javascript; charset=utf-8', body: file('portal.js') },
  '/portal/portal.css': { type: 'text/css; charset=utf-8', body: file('portal.css') },
};
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

export function pages(app: Hono): void {
  app.get('/', (c) => c.redirect('/partner'));
  app.get('/favicon.ico', (c) => c.body(null, 204));
  for (const [path, asset] of Object.entries(ASSETS)) {
    app.get(path, (c) => {
      c.header('Content-Type', asset.type);
      c.header('Content-Security-Policy', CSP);
      c.header('X-Frame-Options', 'DENY');
      return c.body(asset.body);
    });
  }
}
