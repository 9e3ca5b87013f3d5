// One Ctrl-C can arrive twice: from the terminal to the whole process group, and forwarded by a parent
// (npm, tsx). Signals this close together count once.
const SAME_PRESS_MS = 500;

/**
 * Stops on Ctrl-C or SIGTERM, then exits: 0 when it stopped cleanly, 1 otherwise. `stop` gets a signal
 * that a second Ctrl-C aborts, to cut a wait short; a third exits at once.
 */
export const stopOnSignals = (stop: (skipWait: AbortSignal) => Promise<void>, what: string): void => {
  const skipWait = new AbortController();
  let received = 0;
  let last = -Infinity;
  const onSignal = (signal: string) => {
    if (performance.now() - last < SAME_PRESS_MS) return;
    last = performance.now();
    received += 1;
    if (received === 2) return skipWait.abort();
    if (received > 2) {
      console.error(`\n${signal} a third time: exiting at once; whatever was not saved yet is lost`);
      process.exit(130);
    }
    console.log(`\n${signal}: stopping ${what}...`);
    stop(skipWait.signal).then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  ['SIGINT', 'SIGTERM'].forEach((signal) => process.on(signal, onSignal));
};

/** A command-line port number (0 for a free one), or an error naming the flag. */
export const portNumber = (value: string, flag: string): number => {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`${flag} must be a port number, not ${value}`);
  return port;
};
