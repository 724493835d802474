// A tiny HTTP proxy, run as its own process, between a SmartServer and the license cloud. It
// forwards every request; when told, it lets the cloud handle a request and then drops the
// answer (the client's connection is cut), or replaces the answer with a wrongly shaped one.
//
//   node drop-proxy.mjs <cloud-url>          prints "listening on http://127.0.0.1:<port>"
//
// Control (never forwarded):
//   PUT  /__proxy/rules  {"drop": ["POST /api/v2/smartserver/returns"], "garble": ["GET /api/v2/…"]}
//        a rule is "<METHOD> <path prefix>"; {} heals everything
//   GET  /__proxy/log    every proxied exchange: { method, path, status, outcome: forwarded|dropped|garbled }
import { Buffer } from 'node:buffer';
import { createServer, request } from 'node:http';

const target = new URL(process.argv[2] ?? '');
let rules = { drop: [], garble: [] };
const log = [];

const matches = (list, method, path) =>
  list.some((rule) => {
    const [m, prefix] = rule.split(' ');
    return m === method && path.startsWith(prefix);
  });

function readAll(stream) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    stream.on('data', (c) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

const server = createServer(async (req, res) => {
  const path = req.url ?? '/';
  const body = await readAll(req);
  if (path.startsWith('/__proxy/')) {
    if (req.method === 'PUT' && path === '/__proxy/rules') {
      const given = JSON.parse(body.toString('utf8') || '{}');
      rules = { drop: given.drop ?? [], garble: given.garble ?? [] };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(rules));
      return;
    }
    if (req.method === 'GET' && path === '/__proxy/log') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(log));
      return;
    }
    res.writeHead(404).end();
    return;
  }
  const headers = { ...req.headers, host: target.host };
  const upstream = request(
    {
      protocol: target.protocol,
      hostname: target.hostname,
      port: target.port,
      method: req.method,
      path,
      headers,
    },
    async (answer) => {
      const content = await readAll(answer);
      const entry = { method: req.method, path, status: answer.statusCode, outcome: 'forwarded' };
      log.push(entry);
      if (matches(rules.drop, req.method, path)) {
        // The cloud has handled the request and answered: the SmartServer never hears it.
        entry.outcome = 'dropped';
        req.socket.destroy();
        return;
      }
      if (matches(rules.garble, req.method, path)) {
        entry.outcome = 'garbled';
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"unexpected":["shape"]}');
        return;
      }
      const out = { ...answer.headers };
      delete out['transfer-encoding'];
      out['content-length'] = String(content.length);
      res.writeHead(answer.statusCode ?? 502, out).end(content);
    },
  );
  upstream.on('error', () => {
    log.push({ method: req.method, path, status: 0, outcome: 'unreachable' });
    req.socket.destroy();
  });
  upstream.end(body);
});

server.listen(0, '127.0.0.1', () => {
  process.stdout.write(
    `drop-proxy: listening on http://127.0.0.1:${server.address().port} -> ${target.origin}\n`,
  );
});
process.on('SIGTERM', () => process.exit(0));
