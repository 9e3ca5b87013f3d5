import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

// The `local` stage turns tracing off (POWERTOOLS_TRACE_ENABLED=false): no X-Ray daemon listens there, so
// the tracer must neither load nor touch the clients, with no local branch in the function code.
describe('tracing turned off by the stage', () => {
  const previous = process.env.POWERTOOLS_TRACE_ENABLED;
  beforeAll(() => {
    process.env.POWERTOOLS_TRACE_ENABLED = 'false';
  });
  afterAll(() => {
    if (previous === undefined) delete process.env.POWERTOOLS_TRACE_ENABLED;
    else process.env.POWERTOOLS_TRACE_ENABLED = previous;
  });

  it('never loads the Powertools Tracer or the X-Ray SDK, and hands clients back as they are', async () => {
    const loaded: string[] = [];
    jest.doMock('@aws-lambda-powertools/tracer', () => {
      loaded.push('@aws-lambda-powertools/tracer');
      return jest.requireActual('@aws-lambda-powertools/tracer');
    });
    const { traced, tracer, inSubsegment } = await import('../../src/observability/tracer');
    const client = new DynamoDBClient({ region: 'eu-west-1' });
    const middleware = client.middlewareStack.identify();

    const result = traced(client);
    const answer = await inSubsegment('## change event', { productId: 'p-1' }, async () => 42);

    expect(result).toBe(client);
    expect(client.middlewareStack.identify()).toEqual(middleware);
    expect(tracer()).toBeUndefined();
    expect(answer).toBe(42);
    expect(loaded).toEqual([]);
  });
});
