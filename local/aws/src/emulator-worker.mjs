// The emulators' thread. Plain ES module because it runs outside the caller's module system: jest's
// CommonJS registry cannot load fauxqs (ES modules only), and a thread also gives dynalite its own
// process.env, from which it reads the region and account id of table ARNs.
import { once } from 'node:events';
import { mkdirSync } from 'node:fs';
import { promisify } from 'node:util';
import { parentPort, workerData } from 'node:worker_threads';
import dynalite from 'dynalite';
import { buildApp } from 'fauxqs';

const { host, dynamodbPort, awsPort, persistDir } = workerData;

const startDynalite = async () => {
  if (persistDir) mkdirSync(persistDir, { recursive: true });
  // Tables turn ACTIVE at once instead of staying CREATING for half a second.
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0, path: persistDir });
  await once(server.listen(dynamodbPort, host), 'listening');
  const stop = () => {
    // SDK clients keep connections alive; close would wait for them.
    server.closeAllConnections();
    return promisify(server.close.bind(server))();
  };
  return { port: server.address().port, stop };
};

// Built rather than `startFauxqs`, which listens on 0.0.0.0: this binds `host` only. Queue URLs are
// fauxqs's own, http://sqs.<region>.localhost:<port>/000000000000/<name>; SDK clients send to their
// configured endpoint (an explicit `endpoint`, or `useQueueUrlAsEndpoint: false`), so that host needs no DNS.
const startFauxqs = async () => {
  const app = buildApp({ logger: false, defaultRegion: process.env.AWS_REGION });
  await app.listen({ host, port: awsPort });
  return { port: app.server.address().port, stop: () => app.close() };
};

const fail = (error) => {
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  parentPort.postMessage({ type: 'failed', message });
  process.exit(1);
};

const run = async () => {
  const dynamodb = await startDynalite();
  const fauxqs = await startFauxqs().catch(async (error) => {
    await dynamodb.stop();
    throw error;
  });
  parentPort.once('message', () =>
    Promise.all([dynamodb.stop(), fauxqs.stop()]).then(() => process.exit(0), fail),
  );
  parentPort.postMessage({ type: 'ready', dynamodbPort: dynamodb.port, awsPort: fauxqs.port });
};

run().catch(fail);
