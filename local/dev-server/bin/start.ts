import path from 'node:path';
import { parseArgs } from 'node:util';
import { createAwsClients, portNumber, stopOnSignals } from '@bbws/local-aws';
import {
  ACCESS_LOG_GROUP,
  accessLogLine,
  describeStop,
  logGroupWriter,
  queueDepthsOf,
  readLogGroups,
  REFERENCE_PATH,
  startChangesPage,
  startSystem,
  type RunningSystem,
} from '../src';

const USAGE = `The whole product API on this machine: the five HTTP functions behind one endpoint, product-creator
and audit-logger polling their queues, on embedded AWS emulators provisioned from the packaged
infrastructure template. Packages the services first when their packaged output is missing, stale, or
packaged for another stage.

Usage: npm start -- [options]

  --port N              HTTP port (default 3000, or PORT); 0 for a free one
  --persist DIR         keep everything across a stop in DIR: the table, the messages in every queue and
                        DLQ (with their receive counts), the audit objects, the API key and the secrets;
                        a start with the same DIR puts them back before serving
  --drain-timeout S     on Ctrl-C, wait up to S seconds (default 15) for the consumers to empty their
                        queues before stopping them; a second Ctrl-C stops at once (still saving)
  --aws-endpoint URL    use this AWS backend (e.g. moto_server) instead of the embedded emulators
                        (default: LOCAL_AWS_ENDPOINT)
  --package             package every service first, stale or not
  --no-package          never package (start from what is in <service>/.serverless/)
  --function-logs       print every line the functions log (default: errors only)
  --changes-port N      port of the "where is my change?" page (default 3001); 0 for a free one
  -h, --help            show this help`;

const { values: flags } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT ?? '3000' },
    persist: { type: 'string' },
    'drain-timeout': { type: 'string', default: '15' },
    'aws-endpoint': { type: 'string', default: process.env.LOCAL_AWS_ENDPOINT },
    package: { type: 'boolean', default: false },
    'no-package': { type: 'boolean', default: false },
    'function-logs': { type: 'boolean', default: false },
    'changes-port': { type: 'string', default: '3001' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

const root = path.resolve(__dirname, '../../..');
const persistDir = flags.persist && path.resolve(flags.persist);
// What each function writes, as its log group would hold it: read by npm run local:timeline.
const logsDir = path.join(root, '.local/logs');
const logGroups = logGroupWriter(logsDir);
const print = (line: string) => console.log(`${new Date().toTimeString().slice(0, 8)} ${line}`);

const printRestored = ({ restored }: RunningSystem) => {
  if (!restored) return;
  const total = (counts: Record<string, number>) =>
    Object.values(counts).reduce((sum, count) => sum + count, 0);
  const queues = Object.entries(restored.messages).filter(([, count]) => count > 0);
  console.log(
    `Restored from ${persistDir} in ${restored.durationMs} ms: ${total(restored.messages)} messages${
      queues.length > 0 ? ` (${queues.map(([queue, count]) => `${queue} ${count}`).join(', ')})` : ''
    }, ${total(restored.objects)} audit objects`,
  );
};

const printBanner = (system: RunningSystem) => {
  const products = `${system.url}/v1.0/products`;
  const bucket = system.aws.resources.AuditBucket?.name ?? '<audit bucket>';
  const s3 = system.aws.env.AWS_ENDPOINT_URL_S3;
  console.log(`
Product API ready in ${(system.startupMs / 1000).toFixed(1)} s (stage ${system.stage}, AWS backend: ${system.aws.backend})
  URL      ${products}
  API key  ${system.apiKey}   (${flags.persist ? `kept in ${flags.persist}` : 'infrastructure/outputs/api-keys-local.txt'})
  Try      curl -s -H "x-api-key: ${system.apiKey}" "${products}?limit=5"
  Docs     ${system.url}${REFERENCE_PATH}   (interactive: Authorize with the API key, then Try it out)
  Audit    npm run -s local:audit   (or: aws s3 ls --recursive s3://${bucket}/audit/ --endpoint-url ${s3})
  Debug    eval "$(npm run -s local:env)" && cd get-product && npx serverless invoke local -f getProduct --path events/existing-product.json --stage local
  Stack    .local/stack.json
Ctrl-C to stop.
`);
};

const main = async () => {
  if (flags.help) return console.log(USAGE);
  // Lambda runs nodejs24.x; an older local Node makes the AWS SDK warn about something that never deploys.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  // Bad values are refused now, before anything starts (--drain-timeout's would show only at Ctrl-C).
  const port = portNumber(flags.port, '--port');
  const changesPort = portNumber(flags['changes-port'], '--changes-port');
  const drainSeconds = Number(flags['drain-timeout']);
  if (!Number.isFinite(drainSeconds) || drainSeconds < 0)
    throw new Error(`--drain-timeout must be seconds, not ${flags['drain-timeout']}`);
  const system = await startSystem({
    port,
    persistDir,
    awsEndpoint: flags['aws-endpoint'],
    packaging: flags.package ? 'always' : flags['no-package'] ? 'never' : 'if-stale',
    stackFile: path.join(root, '.local/stack.json'),
    log: (line) => console.log(line),
    onRequest: (request) => {
      logGroups.write(ACCESS_LOG_GROUP, accessLogLine(request));
      print(`${request.method} ${request.path} ${request.statusCode} ${request.durationMs} ms`);
    },
    onBatch: ({ functionName, queueName, messageIds, failedMessageIds, error, durationMs }) =>
      print(
        `${functionName} <- ${queueName}: ${messageIds.length} messages, ${failedMessageIds.length} failed, ${durationMs} ms${error ? ` (${error})` : ''}`,
      ),
    onFunctionOutput: (service, line) => {
      logGroups.write(service, line);
      // Powertools writes JSON lines; without --function-logs only errors (and anything not JSON) get through.
      if (flags['function-logs'] || !line.startsWith('{') || line.includes('"level":"ERROR"'))
        print(`[${service}] ${line}`);
    },
  });
  // A busy --changes-port stops what has started (and removes the stack file) before the error is shown.
  const changesPage = await startChangesPage({
    port: changesPort,
    logGroups: () => readLogGroups(logsDir),
    queueDepths: queueDepthsOf(createAwsClients(system.aws.env).sqs, Object.values(system.aws.resources)),
  }).catch(async (error: unknown) => {
    await system.stop();
    throw error;
  });
  printRestored(system);
  printBanner(system);
  console.log(
    `Where is my change? ${changesPage.url}   (or: npm run -s local:timeline -- <productId|request id>)`,
  );
  stopOnSignals(async (skipDrain) => {
    console.log(
      `New requests get 503. Waiting up to ${drainSeconds} s for the consumers to empty their queues; Ctrl-C again to stop now (what is left is ${persistDir ? `saved to ${persistDir}` : 'dropped: use --persist DIR to keep it'}).`,
    );
    const report = await system.stop({ drainTimeoutMs: drainSeconds * 1000, skipDrain, log: print });
    describeStop(report).forEach((line) => console.log(line));
  }, 'the system');
};

main().catch((error: unknown) => {
  const changesPage = String(error).includes(`:${flags['changes-port']}`);
  const [port, flag] = changesPage
    ? [`${flags['changes-port']} (the changes page)`, '--changes-port']
    : [flags.port, '--port'];
  const inUse = (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
  const message = error instanceof Error ? error.message : String(error);
  console.error(inUse ? `Port ${port} is in use: npm start -- ${flag} <another>` : message);
  process.exit(1);
});
