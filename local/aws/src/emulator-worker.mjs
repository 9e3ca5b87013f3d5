// The emulators' thread. Plain ES module because it runs outside the caller's module system: jest's
// CommonJS registry cannot load fauxqs (ES modules only), and a thread also gives dynalite its own
// process.env, from which it reads the region and account id of table ARNs.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import dynalite from 'dynalite';
import { buildApp } from 'fauxqs';

const { host, dynamodbPort, awsPort, region, persistDir } = workerData;

// fauxqs's export map hides its stores; they are loaded by file to set the queue URL host (below). Its
// public buildApp({ host }) names queues sqs.<region>.<host>, which plain SDK clients cannot resolve; so
// fauxqs is pinned to 1.9.2 (the last release for Node 20), whose dist/ layout this relies on.
const fauxqsDist = path.dirname(fileURLToPath(import.meta.resolve('fauxqs')));
const loadStore = async (file) => import(pathToFileURL(path.join(fauxqsDist, file)).href);

const startDynalite = async () => {
  if (persistDir) mkdirSync(persistDir, { recursive: true });
  // Tables turn ACTIVE at once instead of staying CREATING for half a second.
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0, path: persistDir });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(dynamodbPort, host, resolve);
  });
  const stop = () =>
    new Promise((resolve, reject) => {
      // SDK clients keep connections alive; close would wait for them.
      server.closeAllConnections();
      server.close((error) => (error ? reject(error) : resolve()));
    });
  return { port: server.address().port, stop };
};

// `startFauxqs` listens on 0.0.0.0 and names queues sqs.<region>.localhost; built here it binds `host`
// only, and an empty store host makes queue URLs use the address the client called
// (http://127.0.0.1:<port>/000000000000/<name>), so SDK clients need no DNS tricks.
const startFauxqs = async () => {
  const [{ SqsStore }, { SnsStore }, { S3Store }] = await Promise.all(
    ['sqs/sqsStore.js', 'sns/snsStore.js', 's3/s3Store.js'].map(loadStore),
  );
  const sqsStore = new SqsStore();
  sqsStore.host = '';
  const app = buildApp({
    logger: false,
    defaultRegion: region,
    stores: { sqsStore, snsStore: new SnsStore(), s3Store: new S3Store() },
  });
  await app.listen({ host, port: awsPort });
  return { port: app.server.address().port, stop: () => app.close() };
};

const messageOf = (error) => (error instanceof Error ? (error.stack ?? error.message) : String(error));

const run = async () => {
  const dynamodb = await startDynalite();
  const fauxqs = await startFauxqs().catch(async (error) => {
    await dynamodb.stop();
    throw error;
  });
  parentPort.once('message', async () => {
    try {
      await Promise.all([dynamodb.stop(), fauxqs.stop()]);
      process.exit(0);
    } catch (error) {
      parentPort.postMessage({ type: 'failed', message: messageOf(error) });
      process.exit(1);
    }
  });
  parentPort.postMessage({ type: 'ready', dynamodbPort: dynamodb.port, awsPort: fauxqs.port });
};

run().catch((error) => {
  parentPort.postMessage({ type: 'failed', message: messageOf(error) });
  process.exit(1);
});
