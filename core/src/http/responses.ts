/** What an API Gateway proxy integration expects back. */
export interface HttpResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

const json = (statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResponse => ({
  statusCode,
  headers: { 'Content-Type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

export const ok = (body: unknown, headers?: Record<string, string>): HttpResponse => json(200, body, headers);

export const accepted = (body: unknown, headers?: Record<string, string>): HttpResponse =>
  json(202, body, headers);

/** 204: no body, so no Content-Type either. */
export const noContent = (): HttpResponse => ({ statusCode: 204, headers: {}, body: '' });

/** 304 for a GET whose `If-None-Match` matched: no body; the validator headers of the 200 it stands for. */
export const notModified = (headers: Record<string, string>): HttpResponse => ({
  statusCode: 304,
  headers,
  body: '',
});

export const errorJson = (
  statusCode: number,
  body: unknown,
  headers?: Record<string, string>,
): HttpResponse => json(statusCode, body, headers);
