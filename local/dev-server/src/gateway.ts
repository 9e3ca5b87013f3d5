import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { apiGatewayEvent } from './api-gateway-event';
import { matchesApiKey, type ApiKey } from './api-keys';
import type { Invocation } from './function-runtime';
import { mappedHeaders, type gatewayResponseHeaders } from './gateway-cors';
import { REFERENCE_PATH, type SiteFile } from './reference-page';
import { matchRoute, type MockTarget, type Route } from './routes';
import type { UsageVerdict } from './usage-plan';

export interface RequestLog {
  /** API Gateway's request id (`x-amzn-RequestId`); the functions' log lines and change events carry it. */
  requestId: string;
  method: string;
  path: string;
  statusCode: number;
  durationMs: number;
}

export interface GatewayOptions {
  routes: Route[];
  apiKey: ApiKey;
  stage: string;
  invoke(functionName: string, event: unknown): Promise<Invocation>;
  onRequest?: (request: RequestLog) => void;
  /**
   * The interactive reference (reference-page.ts), served under REFERENCE_PATH, and its OpenAPI document at
   * GET /v1.0/openapi.json: local conveniences the deployed API does not offer.
   */
  referenceSite?: Map<string, SiteFile>;
  /** Headers the template's gateway responses add to the gateway's own 4xx and 5xx (CORS). */
  gatewayResponseHeaders?: ReturnType<typeof gatewayResponseHeaders>;
  /** The usage plan's verdict for one request of an API key (throttle and quota); none applies without. */
  meterUsage?: (apiKeyId: string) => UsageVerdict;
}

interface GatewayResponse {
  statusCode: number;
  headers: Record<string, string | string[]>;
  body: Buffer | string;
  /** An answer of API Gateway itself rather than of an integration: gateway responses apply. */
  ownError?: boolean;
}

// API Gateway's own limit on a request payload.
const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

// API Gateway's own answers: status, message and x-amzn-ErrorType.
const GATEWAY_ERRORS = {
  // For a path or method it has no route for, API key or not.
  missingToken: [403, 'Missing Authentication Token', 'MissingAuthenticationTokenException'],
  forbidden: [403, 'Forbidden', 'ForbiddenException'],
  badGateway: [502, 'Internal server error', 'InternalServerErrorException'],
  tooLarge: [413, 'Request Too Long', 'RequestTooLongException'],
  // The usage plan's THROTTLED and QUOTA_EXCEEDED.
  throttled: [429, 'Too Many Requests', 'TooManyRequestsException'],
  'quota-exceeded': [429, 'Limit Exceeded', 'LimitExceededException'],
  // While the system stops: what a gateway whose integration is going away answers, said plainly.
  draining: [503, 'Service Unavailable: the local API is stopping', 'ServiceUnavailableException'],
} as const;

const gatewayError = (name: keyof typeof GATEWAY_ERRORS): GatewayResponse => {
  const [statusCode, message, errorType] = GATEWAY_ERRORS[name];
  const headers = { 'Content-Type': 'application/json', 'x-amzn-ErrorType': errorType };
  return {
    statusCode,
    headers: name === 'draining' ? { ...headers, Connection: 'close' } : headers,
    body: JSON.stringify({ message }),
    ownError: true,
  };
};

const readBody = async (request: IncomingMessage): Promise<Buffer | undefined> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_PAYLOAD_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
};

// No prototype: a header or parameter may be called `toString` or `__proto__`.
const grouped = (pairs: Iterable<[string, string]>): Record<string, string[]> => {
  const groups: Record<string, string[]> = Object.create(null);
  for (const [name, value] of pairs) (groups[name] ??= []).push(value);
  return groups;
};

// Header names as the client sent them (API Gateway keeps their case).
const rawHeaderPairs = ({ rawHeaders }: IncomingMessage) =>
  rawHeaders.flatMap((name, index): Array<[string, string]> =>
    index % 2 === 0 ? [[name, rawHeaders[index + 1] ?? '']] : [],
  );

// A name in both takes its multiValueHeaders values.
const resultHeaders = ({ headers, multiValueHeaders }: Partial<APIGatewayProxyResult>) => ({
  ...Object.fromEntries(Object.entries(headers ?? {}).map(([name, value]) => [name, String(value)])),
  ...Object.fromEntries(
    Object.entries(multiValueHeaders ?? {}).map(([name, values]) => [name, values.map(String)]),
  ),
});

/** A Lambda proxy result as API Gateway turns it into a response; a malformed one is a 502. */
const proxyResponse = (invocation: Invocation): GatewayResponse => {
  const result = invocation.ok ? (invocation.result as Partial<APIGatewayProxyResult> | null) : undefined;
  if (!result || !Number.isInteger(result.statusCode)) return gatewayError('badGateway');
  const text = typeof result.body === 'string' ? result.body : '';
  return {
    statusCode: Number(result.statusCode),
    headers: resultHeaders(result),
    body: result.isBase64Encoded ? Buffer.from(text, 'base64') : text,
  };
};

/** A MOCK integration's answer: its template body and mapped headers, the Origin echoed if allowed. */
const mockResponse = (target: MockTarget, request: IncomingMessage): GatewayResponse => {
  const headers = mappedHeaders(target.responseParameters, 'method.response.header.', request.headers);
  const origin = request.headers.origin;
  if (origin !== undefined && target.echoedOrigins?.test(origin))
    headers['Access-Control-Allow-Origin'] = origin;
  return { statusCode: target.statusCode, headers, body: target.body };
};

/** Listens on `host` (port 0: any free one); resolves with the server's base URL. */
export const listen = async (server: Server, port: number, host: string) => {
  await once(server.listen(port, host), 'listening');
  return `http://${host}:${(server.address() as AddressInfo).port}`;
};

/** One HTTP endpoint in front of the functions, doing what the REST API's stage does before Lambda. */
export const createGateway = (options: GatewayOptions) => {
  // What the stage checks for a private method before any integration: the key, then the usage plan.
  const refusal = (request: IncomingMessage): GatewayResponse | undefined => {
    if (!matchesApiKey(options.apiKey, [request.headers['x-api-key']].flat()[0]))
      return gatewayError('forbidden');
    const verdict = options.meterUsage?.(options.apiKey.id) ?? 'allowed';
    return verdict === 'allowed' ? undefined : gatewayError(verdict);
  };

  const handle = async (request: IncomingMessage, url: URL, path: string): Promise<GatewayResponse> => {
    const method = request.method ?? 'GET';
    const match = matchRoute(options.routes, method, path);
    if (!match.found) return gatewayError('missingToken');
    const { route, pathParameters } = match;
    const refused = route.private ? refusal(request) : undefined;
    if (refused) return refused;
    const body = await readBody(request);
    if (body === undefined) return gatewayError('tooLarge');
    if (route.target.kind === 'mock') return mockResponse(route.target, request);
    const event = apiGatewayEvent({
      method,
      resource: route.resource,
      path,
      pathParameters,
      query: grouped(url.searchParams),
      headers: grouped(rawHeaderPairs(request)),
      body: body.length > 0 ? body.toString('utf8') : null,
      apiKeyId: route.private ? options.apiKey.id : undefined,
      sourceIp: request.socket.remoteAddress?.replace(/^::ffff:/, ''),
      stage: options.stage,
    });
    const response = proxyResponse(await options.invoke(route.target.functionName, event));
    response.headers['x-amzn-RequestId'] = event.requestContext.requestId;
    return response;
  };

  const localPage = (path: string): GatewayResponse | undefined => {
    const site = options.referenceSite;
    if (site && path === REFERENCE_PATH.slice(0, -1))
      return { statusCode: 301, headers: { Location: REFERENCE_PATH }, body: '' };
    const inSite = path.startsWith(REFERENCE_PATH) ? path.slice(REFERENCE_PATH.length) || 'index.html' : '';
    const file = site?.get(path === '/v1.0/openapi.json' ? 'openapi.json' : inSite);
    return file && { statusCode: 200, headers: { 'Content-Type': file.contentType }, body: file.body };
  };

  // Requests being answered, so that a drain can wait for them (each one may have published a change).
  const answering = new Set<Promise<GatewayResponse>>();
  let stopping = false;

  const answer = (request: IncomingMessage, url: URL, path: string): Promise<GatewayResponse> => {
    if (stopping) return Promise.resolve(gatewayError('draining'));
    const page = request.method === 'GET' ? localPage(path) : undefined;
    const reply = page
      ? Promise.resolve(page)
      : handle(request, url, path).catch(() => gatewayError('badGateway'));
    answering.add(reply);
    return reply.finally(() => answering.delete(reply));
  };

  const listener = async (request: IncomingMessage, response: ServerResponse) => {
    const startedAt = performance.now();
    const url = new URL(request.url ?? '/', 'http://localhost');
    // The deployed URL carries the stage (/local/v1.0/...); Location headers do too, so both are served.
    const path = url.pathname.replace(new RegExp(`^/${options.stage}(?=/)`), '');
    const reply = await answer(request, url, path);
    const cors = reply.ownError && options.gatewayResponseHeaders?.(reply.statusCode, request.headers);
    Object.assign(reply.headers, cors);
    // A 204 or 304 has no body, so no body type either (RFC 9110 §6.4.1, §15.4.5).
    const bodiless = reply.statusCode === 204 || reply.statusCode === 304;
    const typed = Object.keys(reply.headers).some((name) => name.toLowerCase() === 'content-type');
    const defaultType = typed || bodiless ? {} : { 'Content-Type': 'application/json' };
    response.writeHead(reply.statusCode, { ...defaultType, ...reply.headers }).end(reply.body);
    options.onRequest?.({
      // The gateway's own answers (403, 429...) reach no function and so carry no request id of one.
      requestId: String(reply.headers['x-amzn-RequestId'] ?? randomUUID()),
      method: request.method ?? '',
      path: url.pathname + url.search,
      statusCode: reply.statusCode,
      durationMs: Math.round(performance.now() - startedAt),
    });
  };

  const server = createServer((request, response) => void listener(request, response));
  return {
    listen: (port: number, host: string) => listen(server, port, host),
    /** From now on answers 503; resolves once every request already being handled has been answered. */
    drain: async () => {
      stopping = true;
      await Promise.all(answering);
    },
    close: async () => {
      server.closeAllConnections();
      await once(server.close(), 'close');
    },
  };
};
