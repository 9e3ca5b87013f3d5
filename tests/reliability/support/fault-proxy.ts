import {
  Agent,
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EmulatorEndpoints } from '@bbws/local-aws';

/** What the proxy tells apart, by the AWS protocol of each request. */
export type Dependency = 'table' | 'queue' | 'topic' | 'bucket';

/**
 * - `pass`: forward to the emulator.
 * - `refuse`: drop the connection without an answer, as an unreachable endpoint does.
 * - `fail`: answer 503 with the service's own error shape, as a failing endpoint does.
 */
export type FaultMode = 'pass' | 'refuse' | 'fail';

export interface FaultProxy {
  /** One endpoint for every AWS service: what `startSystem({ awsEndpoint })` takes. */
  url: string;
  set(dependency: Dependency, mode: FaultMode): void;
  /** Requests forwarded to the emulators so far, by dependency and action (`topic:Publish`). */
  forwarded(key: string): number;
  /** Requests the proxy refused or failed so far, by dependency. */
  faulted(dependency: Dependency): number;
  close(): Promise<void>;
}

const readBody = async (request: IncomingMessage): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

const headerText = (headers: IncomingHttpHeaders, name: string): string =>
  [headers[name] ?? ''].flat().join();

/** DynamoDB and SQS speak JSON with X-Amz-Target; SNS speaks the query protocol; the rest is S3. */
const classify = (headers: IncomingHttpHeaders, body: Buffer): { dependency: Dependency; action: string } => {
  const target = headerText(headers, 'x-amz-target');
  const [service = '', operation = ''] = target.split('.');
  if (service.startsWith('DynamoDB')) return { dependency: 'table', action: operation };
  if (service.startsWith('AmazonSQS')) return { dependency: 'queue', action: operation };
  if (headerText(headers, 'content-type').startsWith('application/x-www-form-urlencoded')) {
    const action = new URLSearchParams(body.toString('utf8')).get('Action') ?? '';
    return { dependency: 'topic', action };
  }
  return { dependency: 'bucket', action: '' };
};

const FAILURES: Record<Dependency, { contentType: string; body: string }> = {
  table: {
    contentType: 'application/x-amz-json-1.0',
    body: JSON.stringify({
      __type: 'com.amazonaws.dynamodb.v20120810#ServiceUnavailable',
      message: 'injected',
    }),
  },
  queue: {
    contentType: 'application/x-amz-json-1.0',
    body: JSON.stringify({ __type: 'com.amazonaws.sqs#ServiceUnavailable', message: 'injected' }),
  },
  topic: {
    contentType: 'text/xml',
    body: '<ErrorResponse><Error><Type>Receiver</Type><Code>ServiceUnavailable</Code><Message>injected</Message></Error></ErrorResponse>',
  },
  bucket: {
    contentType: 'application/xml',
    body: '<Error><Code>ServiceUnavailable</Code><Message>injected</Message></Error>',
  },
};

/**
 * An HTTP proxy on 127.0.0.1 in front of the embedded emulators, whose answers for each dependency
 * can be switched to `refuse` or `fail` while a system runs through it.
 */
export const startFaultProxy = async (endpoints: EmulatorEndpoints): Promise<FaultProxy> => {
  const modes: Record<Dependency, FaultMode> = {
    table: 'pass',
    queue: 'pass',
    topic: 'pass',
    bucket: 'pass',
  };
  const forwarded = new Map<string, number>();
  const faulted = new Map<Dependency, number>();
  const count = <K>(counts: Map<K, number>, key: K) => counts.set(key, (counts.get(key) ?? 0) + 1);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });

  const forward = (request: IncomingMessage, body: Buffer, response: ServerResponse, target: string) => {
    const url = new URL(target);
    const upstream = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        method: request.method,
        path: request.url,
        headers: request.headers,
        agent,
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.on('error', () => response.destroy());
    upstream.end(body);
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const body = await readBody(request);
    const { dependency, action } = classify(request.headers, body);
    const mode = modes[dependency];
    if (mode === 'pass') {
      count(forwarded, dependency);
      count(forwarded, `${dependency}:${action}`);
      forward(request, body, response, dependency === 'table' ? endpoints.dynamodb : endpoints.sqs);
      return;
    }
    count(faulted, dependency);
    if (mode === 'refuse') {
      request.socket.destroy();
      return;
    }
    const failure = FAILURES[dependency];
    response.writeHead(503, { 'Content-Type': failure.contentType });
    response.end(failure.body);
  };

  const server = createServer(
    (request, response) => void handle(request, response).catch(() => response.destroy()),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    set: (dependency, mode) => {
      modes[dependency] = mode;
    },
    forwarded: (key) => forwarded.get(key) ?? 0,
    faulted: (dependency) => faulted.get(dependency) ?? 0,
    close: () =>
      new Promise((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
