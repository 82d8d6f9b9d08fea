/**
 * A small static server for out/ on localhost that reloads open pages after
 * each rebuild. The files on disk have no script and a strict CSP; only the
 * served copy of an HTML page gets a reload script (/__briefpack/reload.js,
 * listening to server-sent events) and a CSP that allows it.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json',
  '.pdf': 'application/pdf',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xlf': 'application/xliff+xml',
  '.pot': 'text/plain; charset=utf-8',
  '.po': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.zip': 'application/zip',
};

const RELOAD_JS = "new EventSource('/__briefpack/events').addEventListener('reload', () => location.reload());\n";

export interface LiveServer {
  server: Server;
  url: string;
  /** Tell every open page to reload. */
  reload(): void;
  close(): Promise<void>;
}

export function injectReload(html: string): string {
  const withCsp = html.replace(
    /<meta http-equiv="Content-Security-Policy" content="[^"]*">/i,
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'self'; connect-src 'self'">`,
  );
  return withCsp.replace(/<\/body>/i, '<script src="/__briefpack/reload.js"></script></body>');
}

/** The served root when out/ has no index.html: a list of the HTML pages in the manifest. */
async function indexPage(root: string): Promise<string> {
  let pages: string[] = [];
  try {
    const manifest = JSON.parse(await readFile(join(root, 'manifest.json'), 'utf8')) as { artifacts?: Array<{ path: string }> };
    pages = (manifest.artifacts ?? []).map((a) => a.path).filter((p) => p.endsWith('.html'));
  } catch {
    // No manifest yet: an empty list.
  }
  const escape = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const items = pages.map((p) => `<li><a href="/${p.split('/').map(encodeURIComponent).join('/')}">${escape(p)}</a></li>`).join('\n');
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'"><title>briefpack</title></head><body><h1>Briefing packs</h1><ul>\n${items}\n</ul></body></html>\n`;
}

export async function startServer(out: string, port: number, host = '127.0.0.1'): Promise<LiveServer> {
  const root = resolve(out);
  const clients = new Set<ServerResponse>();
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/__briefpack/events') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.write(': connected\n\n');
      clients.add(res);
      req.on('close', () => clients.delete(res));
      return;
    }
    if (url.pathname === '/__briefpack/reload.js') {
      res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' });
      res.end(RELOAD_JS);
      return;
    }
    try {
      const path = resolve(join(root, decodeURIComponent(url.pathname)));
      if (path !== root && !path.startsWith(root + sep)) {
        res.writeHead(403, { 'content-type': 'text/plain' }).end('forbidden');
        return;
      }
      const s = await stat(path);
      const file = s.isDirectory() ? join(path, 'index.html') : path;
      let body: Buffer | string;
      try {
        body = await readFile(file);
      } catch (error) {
        if (path !== root) throw error;
        body = await indexPage(root);
      }
      if (extname(file) === '.html') body = injectReload(body.toString('utf8'));
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(body);
    } catch {
      // Missing file, or a path that does not decode (%zz).
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      ok();
    });
  });
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  return {
    server,
    url: `http://${host}:${actual}/`,
    reload() {
      for (const client of clients) client.write('event: reload\ndata: {}\n\n');
    },
    close() {
      for (const client of clients) client.end();
      return new Promise((ok) => server.close(() => ok()));
    },
  };
}
