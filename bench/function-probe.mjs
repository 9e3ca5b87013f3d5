// One fresh Node process standing in for a Lambda execution environment: loads a bundle (the init phase),
// serves its first event, then, when asked, serves more for warm latency. Plain ES module run by `node`,
// not tsx, so that no loader hook sits between the process and the bundle it times.
// With a fourth argument, `cold:<file>` or `warm:<file>`, it writes a CPU profile of that phase (the load
// and first event, or the timed invocations) to <file>.
// Usage: node bench/function-probe.mjs <bundle.js> <events.json> <result.json> [cold|warm:<profile>]
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { traceHeader } from './trace-header.mjs';
import { randomUUID } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

const [bundle, eventsFile, resultFile, profileArgument = ''] = process.argv.slice(2);
const [profilePhase, profileFile] = profileArgument.split(/:(.*)/s);
const { events, warmup } = JSON.parse(readFileSync(eventsFile, 'utf8'));
const require = createRequire(import.meta.url);

const contextFor = () => {
  const deadline = Date.now() + 6000;
  return {
    awsRequestId: randomUUID(),
    functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: '$LATEST',
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
};

// An HTTP status, or `sqs:<failed records>` for a consumer: printed, so a misconfigured run shows.
const outcomeOf = (response) =>
  response?.statusCode !== undefined
    ? String(response.statusCode)
    : `sqs:${response?.batchItemFailures?.length ?? 'none'}`;

const outcomes = {};
const serve = async (handler, event) => {
  const context = contextFor();
  // Lambda with active tracing sets each invocation's trace header before calling the handler, for every
  // function alike: the X-Ray SDK (when a function loads it) hangs that invocation's subsegments from it.
  process.env._X_AMZN_TRACE_ID = traceHeader();
  const started = performance.now();
  let outcome;
  try {
    outcome = outcomeOf(await handler(event, context));
  } catch (error) {
    outcome = `threw ${error?.name}`;
  }
  const elapsed = performance.now() - started;
  outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
  return elapsed;
};

const session = new Session();
const startProfile = async (phase) => {
  if (phase !== profilePhase) return;
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
};
const stopProfile = async (phase) => {
  if (phase !== profilePhase) return;
  const { profile } = await session.post('Profiler.stop');
  writeFileSync(profileFile, JSON.stringify(profile));
};

// What the process keeps after its first event: the heap after a full collection, so that garbage the
// collector has not got round to yet does not count. `gc` is exposed only now, after the timed part,
// so no flag of ours touches the cold start.
const liveHeapBytes = () => {
  setFlagsFromString('--expose-gc');
  runInNewContext('gc')();
  return process.memoryUsage().heapUsed;
};

await startProfile('cold');
const started = performance.now();
const { handler } = require(bundle);
const loadMs = performance.now() - started;
const firstEventMs = await serve(handler, events[0]);
await stopProfile('cold');
const heapAfterFirstEvent = liveHeapBytes();
const latencies = [];
for (const [index, event] of events.slice(1).entries()) {
  if (index === warmup) await startProfile('warm');
  const elapsed = await serve(handler, event);
  if (index >= warmup) latencies.push(elapsed);
}
await stopProfile('warm');
writeFileSync(resultFile, JSON.stringify({ loadMs, firstEventMs, heapAfterFirstEvent, latencies, outcomes }));
// SDK keep-alive sockets would hold the process open.
process.exit(0);
