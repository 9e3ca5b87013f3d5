import { apiGatewayEvent } from '@bbws/local';
import { ValidationFailed } from '../../src/errors';
import { actorOf, entityTag, expectedVersionFrom } from '../../src/http/request';

describe('expectedVersionFrom', () => {
  it.each([
    ['"3"', 3],
    ['W/"12"', 12],
    ['7', 7],
    [' "4" ', 4],
  ])('reads If-Match %s as version %i', (ifMatch, version) => {
    expect(expectedVersionFrom({ 'if-match': ifMatch })).toBe(version);
  });

  it.each([[undefined], ['*']])('demands no version for If-Match %s', (ifMatch) => {
    expect(expectedVersionFrom({ 'if-match': ifMatch })).toBeUndefined();
  });

  it.each([['"0"'], ['abc'], ['"3", "4"'], ['-1'], ['"3'], ['3"']])(
    'refuses If-Match %s naming the header',
    (ifMatch) => {
      expect(() => expectedVersionFrom({ 'if-match': ifMatch })).toThrow(ValidationFailed);
      try {
        expectedVersionFrom({ 'if-match': ifMatch });
      } catch (error) {
        expect((error as ValidationFailed).details).toEqual([expect.objectContaining({ field: 'If-Match' })]);
      }
    },
  );

  it('writes the ETag that If-Match reads back', () => {
    expect(expectedVersionFrom({ 'if-match': entityTag(5) })).toBe(5);
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
