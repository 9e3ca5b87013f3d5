import type { SQSClient } from '@aws-sdk/client-sqs';
import type { Backend } from './backend';
import type { QueueRef } from './drain';
import type { Invocation } from './function-runtime';
import type { ResolvedOptions } from './options';
import type { FunctionDefinition } from './services';
import { startSqsPoller } from './sqs-poller';

interface ConsumerSetup {
  functions: FunctionDefinition[];
  /** Every queue of the template. */
  queues: QueueRef[];
  backend: Backend;
  sqs: SQSClient;
  invoke(functionName: string, event: unknown): Promise<Invocation>;
  options: ResolvedOptions;
}

/** product-creator and audit-logger polling their queues, as their event source mappings say. */
export const startConsumers = ({ functions, queues, backend, sqs, invoke, options }: ConsumerSetup) =>
  functions.flatMap((definition) =>
    definition.sqs.map((source) => {
      const name = source.queueArn.split(':').pop();
      const queue = queues.find((candidate) => candidate.name === name);
      if (!queue) throw new Error(`No queue ${name} in the infrastructure template for ${source.queueArn}`);
      const poller = startSqsPoller({
        sqs,
        queueUrl: queue.url,
        source,
        functionName: definition.functionName,
        region: backend.region,
        invoke: (event) => invoke(definition.functionName, event),
        onBatch: options.onBatch,
        onError: (error) => options.log(`${definition.service}: polling failed: ${String(error)}`),
        // Embedded emulators stop with the system; an external backend outlives it, so its receives are
        // shorter and finished, not abandoned, on stop.
        abortOnStop: backend.kind === 'embedded',
        waitTimeSeconds: backend.kind === 'embedded' ? 20 : 2,
      });
      return { queue, service: definition.service, stop: poller.stop };
    }),
  );
