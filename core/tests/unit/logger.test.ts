const loadLogger = async () => {
  jest.resetModules();
  return import('../../src/logger');
};

// Powertools writes INFO and below to stdout, WARN and above to stderr; tests read both in call order.
const logLines = (...streams: jest.SpyInstance[]): Record<string, unknown>[] =>
  streams
    .flatMap((stream) =>
      stream.mock.calls.map(([line], call) => ({ line, order: stream.mock.invocationCallOrder[call] ?? 0 })),
    )
    .sort((a, b) => a.order - b.order)
    .map(({ line }) => JSON.parse(String(line)) as Record<string, unknown>);

describe('logger', () => {
  let stdout: jest.SpyInstance;
  let stderr: jest.SpyInstance;

  beforeEach(() => {
    process.env.POWERTOOLS_SERVICE_NAME = 'create-product';
    process.env.POWERTOOLS_LOG_LEVEL = 'INFO';
    stdout = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });

  afterEach(() => {
    stdout.mockRestore();
    stderr.mockRestore();
  });

  it('writes one JSON object per line with the level, message and service', async () => {
    const { logger } = await loadLogger();

    logger.info('product accepted', { productId: 'p-1' });

    expect(logLines(stdout, stderr)).toEqual([
      expect.objectContaining({
        level: 'INFO',
        message: 'product accepted',
        service: 'create-product',
        productId: 'p-1',
        timestamp: expect.any(String),
      }),
    ]);
  });

  it('adds the request and correlation ids to every line after withRequestContext', async () => {
    const { logger, withRequestContext } = await loadLogger();

    withRequestContext({ requestId: 'req-1', correlationId: 'corr-1' });
    logger.info('first');
    logger.warn('second');

    expect(logLines(stdout, stderr)).toEqual([
      expect.objectContaining({ message: 'first', requestId: 'req-1', correlationId: 'corr-1' }),
      expect.objectContaining({ message: 'second', requestId: 'req-1', correlationId: 'corr-1' }),
    ]);
  });

  it('drops the previous request’s ids when the next request sets its own', async () => {
    const { logger, withRequestContext } = await loadLogger();
    withRequestContext({ requestId: 'req-1', correlationId: 'corr-1' });

    withRequestContext({ requestId: 'req-2' });
    logger.info('next request');

    const [line] = logLines(stdout, stderr);
    expect(line).toMatchObject({ requestId: 'req-2' });
    expect(line).not.toHaveProperty('correlationId');
  });

  it('leaves out messages below the configured level', async () => {
    process.env.POWERTOOLS_LOG_LEVEL = 'WARN';
    const { logger } = await loadLogger();

    logger.info('not written');
    logger.error('written');

    expect(logLines(stdout, stderr).map((line) => line.message)).toEqual(['written']);
  });
});
