/** Stops what `stop` stops on Ctrl-C or SIGTERM, then exits: 0 when it stopped cleanly, 1 otherwise. */
export const stopOnSignals = (stop: () => Promise<void>, what: string): void => {
  const shutdown = (signal: string) => {
    console.log(`\n${signal}: stopping ${what}...`);
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
};
