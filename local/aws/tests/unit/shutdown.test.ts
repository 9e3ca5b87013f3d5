import { stopOnSignals } from '../../src/shutdown';

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

// A human's next press: later than the echo of the same one (a parent forwarding it), which counts once.
const pressAgain = async (signal: NodeJS.Signals) => {
  await new Promise((resolve) => setTimeout(resolve, 600));
  process.emit(signal);
};

describe('Ctrl-C on a local command', () => {
  const existing = new Map(SIGNALS.map((signal) => [signal, process.listeners(signal)]));
  let exit: jest.SpyInstance;
  let log: jest.SpyInstance;

  beforeEach(() => {
    exit = jest.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  });
  afterEach(() => {
    for (const signal of SIGNALS) {
      process
        .listeners(signal)
        .filter((listener) => !existing.get(signal)?.includes(listener))
        .forEach((listener) => process.off(signal, listener));
    }
    exit.mockRestore();
    log.mockRestore();
  });

  it('stops on the first, cuts the wait short on the second (not on an echo of the first), and exits 0 once stopped', async () => {
    const calls: string[] = [];
    let stopped!: () => void;
    const done = new Promise<void>((resolve) => (stopped = resolve));
    stopOnSignals(async (skipWait) => {
      calls.push('stop');
      await new Promise((resolve) => skipWait.addEventListener('abort', resolve));
      calls.push('wait skipped');
      stopped();
    }, 'the system');

    process.emit('SIGINT');
    process.emit('SIGINT');
    const skippedByTheEcho = calls.includes('wait skipped');
    await pressAgain('SIGINT');
    await done;
    await new Promise(setImmediate);

    expect(skippedByTheEcho).toBe(false);
    expect(calls).toEqual(['stop', 'wait skipped']);
    expect(exit).toHaveBeenCalledWith(0);
  });

  it('exits 1, with the error, when the stop fails', async () => {
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    stopOnSignals(() => Promise.reject(new Error('could not save')), 'the system');

    process.emit('SIGINT');
    await new Promise(setImmediate);

    expect(error).toHaveBeenCalledWith(new Error('could not save'));
    expect(exit).toHaveBeenCalledWith(1);
    error.mockRestore();
  });

  it('exits at once on a third signal, whatever the stop is still doing', async () => {
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    stopOnSignals(() => new Promise<void>(() => undefined), 'the system');

    process.emit('SIGTERM');
    await pressAgain('SIGTERM');
    await pressAgain('SIGTERM');

    expect(exit).toHaveBeenCalledWith(130);
    error.mockRestore();
  });
});
