import { apiGatewayEvent } from '../../src/api-gateway-event';

describe('apiGatewayEvent', () => {
  it('keeps every value of a repeated header and query parameter, and the last one as the single value', () => {
    const event = apiGatewayEvent({
      method: 'GET',
      resource: '/v1.0/products',
      path: '/v1.0/products',
      headers: { 'X-Trace': ['a', 'b'] },
      query: { limit: ['5', '10'] },
    });
    expect(event.multiValueHeaders['X-Trace']).toEqual(['a', 'b']);
    expect(event.headers['X-Trace']).toBe('b');
    expect(event.multiValueQueryStringParameters).toEqual({ limit: ['5', '10'] });
    expect(event.queryStringParameters).toEqual({ limit: '10' });
  });

  it('gives null query and path parameters when there are none, as API Gateway does', () => {
    const event = apiGatewayEvent({ method: 'GET', resource: '/v1.0/products', path: '/v1.0/products' });
    expect(event.queryStringParameters).toBeNull();
    expect(event.multiValueQueryStringParameters).toBeNull();
    expect(event.pathParameters).toBeNull();
  });

  it('carries the stage in the request path, the API key id and source ip in the identity, and a fresh request id', () => {
    const request = {
      method: 'DELETE',
      resource: '/v1.0/products/{productId}',
      path: '/v1.0/products/abc',
      pathParameters: { productId: 'abc' },
      apiKeyId: 'key-1',
      sourceIp: '10.1.2.3',
      stage: 'dev',
    };
    const [first, second] = [apiGatewayEvent(request), apiGatewayEvent(request)];
    expect(first.requestContext).toMatchObject({
      path: '/dev/v1.0/products/abc',
      resourcePath: '/v1.0/products/{productId}',
      identity: { apiKeyId: 'key-1', sourceIp: '10.1.2.3' },
    });
    expect(first.requestContext.requestId).not.toBe(second?.requestContext.requestId);
  });
});
