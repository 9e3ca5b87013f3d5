import { apiGatewayEvent } from '@bbws/dev-server';
import { ValidationFailed } from '../../src/errors';
import { entityTag, matchesWeakly, parseEntityTags } from '../../src/http/conditional';
import { actorOf, ifMatchVersions, productLocation } from '../../src/http/request';

const headers = (values: Record<string, string[]>) => ({ headers: {}, multiValueHeaders: values });

describe('parseEntityTags', () => {
  it.each([
    ['"3"', [{ opaque: '3', weak: false }]],
    ['W/"12"', [{ opaque: '12', weak: true }]],
    [
      ' "4" , W/"5",, "x"',
      [
        { opaque: '4', weak: false },
        { opaque: '5', weak: true },
        { opaque: 'x', weak: false },
      ],
    ],
    ['""', [{ opaque: '', weak: false }]],
  ])('reads %s as a list of entity-tags', (value, tags) => {
    expect(parseEntityTags('If-Match', [value])).toEqual({ any: false, tags });
  });

  it('joins a list split over several header lines', () => {
    expect(parseEntityTags('If-Match', ['"1"', 'W/"2", "3"'])).toEqual({
      any: false,
      tags: [
        { opaque: '1', weak: false },
        { opaque: '2', weak: true },
        { opaque: '3', weak: false },
      ],
    });
  });

  it('reads * as matching every version', () => {
    expect(parseEntityTags('If-None-Match', [' * '])).toEqual({ any: true });
  });

  it('is undefined when the header is absent', () => {
    expect(parseEntityTags('If-Match', undefined)).toBeUndefined();
  });

  it.each([['7'], ['"3'], ['3"'], ['abc'], ['"3" "4"'], ['*, "3"'], ['w/"3"'], [' , ']])(
    'refuses %s with a 400 naming the header',
    (value) => {
      expect(() => parseEntityTags('If-None-Match', [value])).toThrow(ValidationFailed);
      try {
        parseEntityTags('If-None-Match', [value]);
      } catch (error) {
        expect((error as ValidationFailed).details).toEqual([
          expect.objectContaining({ field: 'If-None-Match' }),
        ]);
      }
    },
  );
});

describe('ifMatchVersions (strong comparison)', () => {
  it.each([
    ['"3"', [3]],
    ['"2", "3"', [2, 3]],
    ['W/"3"', []],
    ['W/"3", "4"', [4]],
    ['"0", "latest", "-1"', []],
  ])('accepts for %s the versions %j', (ifMatch, versions) => {
    expect(ifMatchVersions(headers({ 'if-match': [ifMatch] }))).toEqual(versions);
  });

  it.each([[{}], [{ 'if-match': ['*'] }]])('accepts any version for %j', (values) => {
    expect(ifMatchVersions(headers(values))).toBeUndefined();
  });

  it('reads the single-value header when API Gateway gives no multi-value one', () => {
    expect(ifMatchVersions({ headers: { 'if-match': '"5"' }, multiValueHeaders: {} })).toEqual([5]);
  });

  it('reads back the ETag it writes', () => {
    expect(ifMatchVersions(headers({ 'if-match': [entityTag(5)] }))).toEqual([5]);
  });
});

describe('matchesWeakly (If-None-Match)', () => {
  it.each([
    ['"7"', true],
    ['W/"7"', true],
    ['"6", "7"', true],
    ['*', true],
    ['"6"', false],
    ['"x"', false],
  ])('matches version 7 for %s: %s', (ifNoneMatch, matches) => {
    expect(matchesWeakly(parseEntityTags('If-None-Match', [ifNoneMatch]), 7)).toBe(matches);
  });

  it('never matches without the header', () => {
    expect(matchesWeakly(undefined, 7)).toBe(false);
  });
});

describe('productLocation', () => {
  const at = (path: string) => ({ requestContext: { path } }) as Parameters<typeof productLocation>[0];
  const productId = '0b7c4a7e-1d2f-4c3b-9a8e-5f6d7c8b9a01';

  it.each([
    ['/local/v1.0/products', `/local/v1.0/products/${productId}`],
    ['/local/v1.0/products/', `/local/v1.0/products/${productId}`],
    [`/dev/v1.0/products/${productId}`, `/dev/v1.0/products/${productId}`],
    [`/v1.0/products/${productId}/`, `/v1.0/products/${productId}`],
  ])('for a request to %s is %s', (path, location) => {
    expect(productLocation(at(path), productId)).toBe(location);
  });
});

describe('actorOf', () => {
  it('takes the API key id, source ip and request id from the request context', () => {
    const event = apiGatewayEvent({
      method: 'POST',
      resource: '/v1.0/products',
      path: '/v1.0/products',
      apiKeyId: 'key-7',
      sourceIp: '198.51.100.4',
    });

    expect(actorOf(event)).toEqual({
      apiKeyId: 'key-7',
      sourceIp: '198.51.100.4',
      requestId: event.requestContext.requestId,
    });
  });

  it('names a missing API key id and source ip rather than leaving them empty', () => {
    const event = apiGatewayEvent({ method: 'POST', resource: '/', path: '/', apiKeyId: '', sourceIp: '' });

    expect(actorOf(event)).toMatchObject({ apiKeyId: 'none', sourceIp: 'unknown' });
  });
});
