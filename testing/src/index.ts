export type { Schema, SchemaObject, ObjectSchema } from './schema';
export { arbitraryFor } from './valid-arbitrary';
export {
  invalidValuesFor,
  invalidFieldValues,
  nearlyValidArbitrary,
  type InvalidValue,
  type InvalidField,
} from './invalid-values';
export { sampleFor, type SampleOptions } from './sample-value';
export { fuzzedBodies } from './fuzzed-bodies';
export {
  productInputs,
  products,
  sampleProductInput,
  sampleProductInputs,
  optionalProductFields,
  aProduct,
} from './products';
export { fakeLambdaContext } from './test-fixtures';
export { sampleSqsEvents } from './sample-sqs-events';
export { sampleChangeEvents } from './sample-change-events';
export { sampleEventFiles, asJsonFile } from './sample-event-files';
export { applyEnv } from './env';
export { useLocalStack, type UseLocalStackOptions } from './local-stack';
export { withAlteredSignature } from './cursors';
export { consumeInProcess, type InProcessConsumerOptions } from './in-process-consumer';
export type { BatchLog } from '@bbws/dev-server';
