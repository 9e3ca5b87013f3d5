import { createSocket, type Socket } from 'node:dgram';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { sqsRecord } from '@bbws/dev-server';
import type { SQSRecord } from 'aws-lambda';
import createEvent from '../../events/change-event-create.json';

// X-Ray as Lambda runs it, for real: the Powertools Tracer and the X-Ray SDK in their Lambda mode, an
// invocation trace header in _X_AMZN_TRACE_ID, and a UDP socket standing in for the X-Ray daemon that
// receives the segment documents the SDK sends. The AWS calls go to local HTTP stand-ins that record the
// headers they get. Everything is configured before the code under test is loaded (below, in beforeAll).

interface SegmentDocument {
  id: string;
  name: string;
  trace_id: string;
  parent_id?: string;
  type?: string;
  annotations?: Record<string, string>;
}

interface Received {
  method: string;
  headers: IncomingHttpHeaders;
  body: string;
}

const API_TRACE_ID = '1-6778a1a0-4f1e2d3c4b5a69788796a5b4';
const CONSUMER_TRACE_ID = '1-6778a1a2-0a1b2c3d4e5f60718293a4b5';
const traceHeader = (root: string, parent: string) => `Root=${root};Parent=${parent};Sampled=1`;

let daemon: Socket;
let segments: SegmentDocument[] = [];
let aws: Server;
let requests: Received[] = [];

// DynamoDB answers `{}` to PutItem; SNS (query protocol) a Publish result.
const answer = (request: Received): { type: string; body: string } =>
  request.body.includes('Action=Publish')
    ? {
        type: 'text/xml',
        body: '<PublishResponse><PublishResult><MessageId>m-1</MessageId></PublishResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></PublishResponse>',
      }
    : { type: 'application/x-amz-json-1.0', body: '{}' };

const listen = async () => {
  daemon = createSocket('udp4');
  daemon.on('message', (message) => {
    // `{"format":"json","version":1}\n{segment}`
    const [, document = '{}'] = message.toString().split('\n');
    segments.push(JSON.parse(document) as SegmentDocument);
  });
  await new Promise<void>((resolve) => daemon.bind(0, '127.0.0.1', resolve));
  aws = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const received = { method: request.method ?? '', headers: request.headers, body };
      requests.push(received);
      const { type, body: answerBody } = answer(received);
      response.writeHead(200, { 'content-type': type }).end(answerBody);
    });
  });
  await new Promise<void>((resolve) => aws.listen(0, '127.0.0.1', resolve));
  return { daemonPort: daemon.address().port, awsPort: (aws.address() as AddressInfo).port };
};

const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

type Modules = {
  batch: typeof import('../../src/consumer/sqs-batch-handler');
  clients: typeof import('../../src/clients');
  products: typeof import('../../src/products');
};
let modules: Modules;
let stdout: jest.SpyInstance;
const environment = { ...process.env };

beforeAll(async () => {
  const { daemonPort, awsPort } = await listen();
  Object.assign(process.env, {
    POWERTOOLS_TRACE_ENABLED: 'true',
    POWERTOOLS_LOG_LEVEL: 'INFO',
    POWERTOOLS_SERVICE_NAME: 'product-creator',
    AWS_LAMBDA_FUNCTION_NAME: 'bbws-product-creator-test',
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
    LAMBDA_TASK_ROOT: '/var/task',
    AWS_XRAY_DAEMON_ADDRESS: `127.0.0.1:${daemonPort}`,
    AWS_XRAY_CONTEXT_MISSING: 'LOG_ERROR',
    AWS_REGION: 'eu-west-1',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_ENDPOINT_URL: `http://127.0.0.1:${awsPort}`,
    _X_AMZN_TRACE_ID: traceHeader(CONSUMER_TRACE_ID, '53995c3f42cd8ad8'),
  });
  modules = {
    batch: await import('../../src/consumer/sqs-batch-handler'),
    clients: await import('../../src/clients'),
    products: await import('../../src/products'),
  };
});

afterAll(async () => {
  modules.clients.documentClient().destroy();
  modules.clients.snsClient().destroy();
  daemon.close();
  await new Promise((resolve) => aws.close(resolve));
  process.env = environment;
});

beforeEach(() => {
  segments = [];
  requests = [];
  stdout = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
});

afterEach(() => stdout.mockRestore());

const logLines = (): Record<string, unknown>[] =>
  stdout.mock.calls
    .map(([line]) => String(line))
    .filter((line) => line.startsWith('{"level"'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('a change traced from the API through SNS and SQS to a consumer', () => {
  it('sends the API trace on with the Publish request, so that SNS and SQS carry it to the consumers', async () => {
    process.env._X_AMZN_TRACE_ID = traceHeader(API_TRACE_ID, '7a8b9c0d1e2f3a4b');
    const publish = modules.products.changePublisher(
      'arn:aws:sns:eu-west-1:000000000000:bbws-product-events-test',
    );

    await publish({ eventType: 'DELETE', productId: createEvent.productId, actor: createEvent.actor });
    await settle();

    const publishRequest = requests.find(({ body }) => body.includes('Action=Publish'));
    const snsSubsegment = segments.find(({ name }) => name === 'SNS');
    expect(snsSubsegment).toMatchObject({ trace_id: API_TRACE_ID, type: 'subsegment' });
    expect(publishRequest?.headers['x-amzn-trace-id']).toBe(
      traceHeader(API_TRACE_ID, snsSubsegment?.id ?? 'no SNS subsegment'),
    );
  });

  it("hangs each record's SDK calls from a subsegment annotated with the API's trace and request id, and logs them", async () => {
    process.env._X_AMZN_TRACE_ID = traceHeader(CONSUMER_TRACE_ID, '53995c3f42cd8ad8');
    const built = sqsRecord(
      {
        MessageId: 'message-1',
        ReceiptHandle: 'handle-1',
        Body: JSON.stringify(createEvent),
        Attributes: { ApproximateReceiveCount: '1' },
      },
      'arn:aws:sqs:eu-west-1:000000000000:bbws-product-change-test',
      'eu-west-1',
    );
    // The system attribute SNS with active tracing gives the message, as Lambda's SQS event source hands it over.
    const record: SQSRecord = {
      ...built,
      attributes: { ...built.attributes, AWSTraceHeader: traceHeader(API_TRACE_ID, '7a8b9c0d1e2f3a4b') },
    };
    const handler = modules.batch.sqsBatchHandler(async ({ productId }) => {
      await modules.clients
        .documentClient()
        .send(new PutCommand({ TableName: 'products', Item: { PK: `PRODUCT#${productId}`, SK: 'PRODUCT' } }));
      return { outcome: 'applied' };
    });

    const response = await handler({ Records: [record] }, { awsRequestId: 'consumer-invocation-1' });
    await settle();

    expect(response.batchItemFailures).toEqual([]);
    const change = segments.find(({ name }) => name === '## change event');
    expect(change).toMatchObject({
      trace_id: CONSUMER_TRACE_ID,
      annotations: {
        upstreamTraceId: API_TRACE_ID,
        apiRequestId: createEvent.actor.requestId,
        eventId: createEvent.eventId,
        productId: createEvent.productId,
        eventType: 'CREATE',
      },
    });
    expect(segments.find(({ name }) => name === 'DynamoDB')).toMatchObject({
      trace_id: CONSUMER_TRACE_ID,
      parent_id: change?.id,
    });
    expect(logLines()).toContainEqual(
      expect.objectContaining({
        message: 'change event processed',
        outcome: 'applied',
        requestId: 'consumer-invocation-1',
        apiRequestId: createEvent.actor.requestId,
        upstreamTraceId: API_TRACE_ID,
        xray_trace_id: CONSUMER_TRACE_ID,
      }),
    );
  });
});
