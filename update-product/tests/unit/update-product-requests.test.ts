import '../../../create-product/tests/support/env';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { MAX_BODY_BYTES } from '@bbws/core';
import { apiGatewayEvent } from '@bbws/dev-server';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { handler } from '../../src/handler';
import { errorOf, fieldsNamedBy, invoke } from '../../../create-product/tests/support/http';
import {
  invalidProductInputs,
  productInputWith,
  storedProduct,
  validProductInput,
} from '../../../create-product/tests/support/products';
import { malformedProductIds } from '../../../create-product/tests/support/requests';
import { tableHolds } from '../../../create-product/tests/support/table';

const sns = mockClient(SNSClient);
const dynamodb = mockClient(DynamoDBDocumentClient);

interface PutRequest {
  productId?: string;
  body?: string | null;
  headers?: Record<string, string>;
}

const existing = storedProduct();

const putProduct = ({
  productId = existing.productId,
  body = JSON.stringify(validProductInput),
  headers = { 'Content-Type': 'application/json' },
}: PutRequest) =>
  invoke(
    handler,
    apiGatewayEvent({
      method: 'PUT',
      resource: '/v1.0/products/{productId}',
      path: `/v1.0/products/${productId}`,
      pathParameters: { productId },
      headers,
      body,
    }),
  );

const expectNothingDone = () => {
  expect(dynamodb).not.toHaveReceivedCommand(GetCommand);
  expect(sns).not.toHaveReceivedCommand(PublishCommand);
};

beforeEach(() => {
  sns.reset();
  dynamodb.reset();
  tableHolds(dynamodb, existing);
  sns.on(PublishCommand).resolves({ MessageId: 'message-1' });
});

describe('PUT /v1.0/products/{productId} path validation', () => {
  it.each(malformedProductIds)(
    'refuses %s as productId with a 400 naming productId',
    async (_, productId) => {
      const response = await putProduct({ productId });

      expect(response.statusCode).toBe(400);
      expect(errorOf(response).code).toBe('VALIDATION_FAILED');
      expect(fieldsNamedBy(response)).toEqual(['productId']);
      expectNothingDone();
    },
  );
});

describe('PUT /v1.0/products/{productId} body validation', () => {
  it.each(invalidProductInputs)(
    'refuses %s with a 400 naming the field and publishes nothing',
    async (_, body, fields) => {
      const response = await putProduct({ body: JSON.stringify(body) });

      expect(response.statusCode).toBe(400);
      expect(errorOf(response).code).toBe('VALIDATION_FAILED');
      expect(new Set(fieldsNamedBy(response))).toEqual(new Set(fields));
      expectNothingDone();
    },
  );

  it('accepts a replacement without the optional fields', async () => {
    const response = await putProduct({ body: JSON.stringify({ name: 'Moka', price: 0, currency: 'USD' }) });

    expect(response.statusCode).toBe(202);
  });

  it('refuses a body that is not JSON with a 400 MALFORMED_JSON', async () => {
    const response = await putProduct({ body: '{"name":' });

    expect(response.statusCode).toBe(400);
    expect(errorOf(response).code).toBe('MALFORMED_JSON');
    expectNothingDone();
  });

  it.each([
    ['text/plain', { 'Content-Type': 'text/plain' }],
    ['no content type', {}],
  ])('refuses %s with a 415', async (_, headers) => {
    const response = await putProduct({ headers });

    expect(response.statusCode).toBe(415);
    expect(errorOf(response).code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expectNothingDone();
  });

  it('reads the content type whatever the case of its header name', async () => {
    const response = await putProduct({ headers: { 'CONTENT-TYPE': 'application/json' } });

    expect(response.statusCode).toBe(202);
  });

  it('refuses a body over 64 KiB with a 413', async () => {
    const body = JSON.stringify(productInputWith({ description: 'd'.repeat(MAX_BODY_BYTES) }));

    const response = await putProduct({ body });

    expect(response.statusCode).toBe(413);
    expect(errorOf(response).code).toBe('PAYLOAD_TOO_LARGE');
    expectNothingDone();
  });
});
