import { createServer } from 'node:http';
import { recentChanges } from './changes';
import { listen } from './gateway';

/** Messages in a queue: visible (waiting) and in flight (received, not yet deleted). */
export interface QueueDepth {
  queue: string;
  visible: number;
  inFlight: number;
}

export interface ChangesPageOptions {
  port: number;
  /** The functions' log lines by service (what .local/logs holds). */
  logGroups: () => Record<string, string[]>;
  queueDepths: () => Promise<QueueDepth[]>;
}

// The page polls /changes.json each second and redraws; no framework, no build step.
const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Where is my change? (local)</title>
<style>
body{font:14px system-ui,sans-serif;margin:1.5rem}table{border-collapse:collapse;margin-bottom:1rem}
td,th{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}
.applied{color:#075}.failed,.conflict{color:#b00}.pending{color:#888}code{font-size:12px}
</style></head><body>
<h1>Where is my change?</h1>
<p>Recent changes, from the API's access log and the functions' own log lines; queue depths from SQS. Updates every second.</p>
<h2>Queues</h2><table><thead><tr><th>queue</th><th>visible</th><th>in flight</th></tr></thead><tbody id="queues"></tbody></table>
<h2>Changes</h2><table><thead><tr><th>accepted</th><th>change</th><th>product-creator</th><th>audit-logger</th></tr></thead><tbody id="changes"></tbody></table>
<script>
const esc = (text) => String(text).replace(/[&<>"]/g, (c) => ({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'})[c]);
const steps = (list, label) => list && list.length
  ? list.map((s) => '<div class="' + esc(s.outcome) + '" data-step="' + esc(label + ' ' + s.outcome) + '">' + esc(s.at.slice(11, 23)) + ' ' + esc(s.outcome)
      + ' (receive ' + esc(s.receiveCount) + ')' + (s.key ? '<br><code>' + esc(s.key) + '</code>' : '') + '</div>').join('')
  : '<span class="pending">pending</span>';
const request = (r) => r
  ? '<div data-step="' + esc('request ' + r.status) + '">' + esc(r.method + ' ' + r.path + ' ' + r.status + ' (' + r.latencyMs + ' ms)') + '</div>'
  : '';
const draw = async () => {
  const { changes, queues } = await (await fetch('changes.json')).json();
  document.getElementById('queues').innerHTML = queues.map((q) => '<tr><td>' + esc(q.queue) + '</td><td>' + q.visible + '</td><td>' + q.inFlight + '</td></tr>').join('');
  document.getElementById('changes').innerHTML = changes.map((c) => '<tr data-change="' + esc(c.eventType + ' ' + c.productId) + '"><td>' + esc(c.acceptedAt.slice(11, 23)) + '<br>' + esc(c.acceptedBy) + request(c.request)
    + '</td><td>' + esc(c.eventType) + ' ' + esc(c.productId) + '<br>event ' + esc(c.eventId) + '<br>request ' + esc(c.apiRequestId || '?')
    + '</td><td>' + steps(c.consumers['product-creator'], 'applied-by') + '</td><td>' + steps(c.consumers['audit-logger'], 'audited-by') + '</td></tr>').join('');
};
const loop = () => draw().catch(() => undefined).finally(() => setTimeout(loop, 1000));
loop();
</script></body></html>`;

/** Serves the "where is my change?" page and its data on 127.0.0.1; a local tool, not part of the API. */
export const startChangesPage = async (options: ChangesPageOptions) => {
  const server = createServer(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path === '/') response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(PAGE);
    else if (path !== '/changes.json') response.writeHead(404).end();
    else
      try {
        const queues = await options.queueDepths();
        const body = JSON.stringify({ changes: recentChanges(options.logGroups()), queues });
        response.writeHead(200, { 'Content-Type': 'application/json' }).end(body);
      } catch (error) {
        response.writeHead(500).end(String(error));
      }
  });
  const url = await listen(server, options.port, '127.0.0.1');
  // It only watches: it never keeps a stopping system alive.
  server.unref();
  return {
    url: `${url}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
