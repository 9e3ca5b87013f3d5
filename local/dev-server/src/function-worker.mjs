// One Lambda execution environment: a thread with its own process.env that loads one function's packaged
// bundle once (module scope runs as in Lambda's init phase) and then runs one invocation at a time.
// Plain ES module for the same reason as emulator-worker.mjs: it runs outside the caller's module system.
import { createRequire } from 'node:module';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';

const { bundleDir, handler, invokedFunctionArn } = workerData;

if ((process.env.NODE_OPTIONS ?? '').includes('--enable-source-maps')) process.setSourceMapsEnabled(true);

const serialiseError = (error) =>
  error instanceof Error
    ? { errorType: error.name, errorMessage: error.message, stack: error.stack }
    : { errorType: 'Error', errorMessage: String(error) };

const loadHandler = () => {
  const separator = handler.lastIndexOf('.');
  const requireFromBundle = createRequire(path.join(bundleDir, 'index.js'));
  const loaded = requireFromBundle(path.join(bundleDir, handler.slice(0, separator)))[
    handler.slice(separator + 1)
  ];
  if (typeof loaded !== 'function') throw new Error(`${handler} is not a function in the bundle`);
  return loaded;
};

// As Lambda's runtime builds it: from the variables the runtime set (function-runtime.ts).
const contextFor = ({ requestId, deadline }) => ({
  awsRequestId: requestId,
  functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
  functionVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION,
  invokedFunctionArn,
  memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
  logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
  logStreamName: `local/[$LATEST]${requestId}`,
  callbackWaitsForEmptyEventLoop: true,
  getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
});

// Async handlers return a promise; callback-style ones (three parameters) are adapted.
const invoke = (fn, event, context) =>
  fn.length >= 3
    ? new Promise((resolve, reject) =>
        fn(event, context, (error, result) => (error ? reject(error) : resolve(result))),
      )
    : Promise.resolve(fn(event, context));

let fn;
try {
  fn = loadHandler();
  parentPort.postMessage({ ok: true });
} catch (error) {
  parentPort.postMessage({ ok: false, error: serialiseError(error) });
}

parentPort.on('message', async (invocation) => {
  try {
    const result = await invoke(fn, invocation.event, contextFor(invocation));
    // Lambda hands back the JSON serialisation of the result.
    const json = result === undefined ? null : JSON.parse(JSON.stringify(result));
    parentPort.postMessage({ ok: true, result: json });
  } catch (error) {
    parentPort.postMessage({ ok: false, error: serialiseError(error) });
  }
});
