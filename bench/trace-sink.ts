import { createSocket } from 'node:dgram';
import { setTimeout as delay } from 'node:timers/promises';

/**
 * A stand-in for the X-Ray daemon Lambda runs beside a traced function: a UDP socket that takes the
 * segment documents the X-Ray SDK sends and counts them, so the report shows that tracing really ran.
 */
export interface TraceSink {
  /** For AWS_XRAY_DAEMON_ADDRESS. */
  address: string;
  /** Segment documents received during `run`. */
  countDuring: <T>(run: () => Promise<T>) => Promise<{ result: T; segments: number }>;
  close: () => Promise<void>;
}

// Datagrams sent just before a probe exits are read by this process's event loop a moment later.
const SETTLE_MS = 20;

export const startTraceSink = async (): Promise<TraceSink> => {
  const socket = createSocket('udp4');
  let segments = 0;
  socket.on('message', () => (segments += 1));
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address();
  return {
    address: `127.0.0.1:${port}`,
    countDuring: async (run) => {
      const before = segments;
      const result = await run();
      await delay(SETTLE_MS);
      return { result, segments: segments - before };
    },
    close: () => new Promise((resolve) => socket.close(() => resolve())),
  };
};
