export {
  sqsBatchHandler,
  type RecordOutcome,
  type ChangeEventOutcome,
  type ChangeEventResult,
  type ProcessChangeEvent,
  type SqsBatchHandlerOptions,
} from './sqs-batch-handler';
export { changeEventOf, deliveryOf, occurredAtUtc, type Delivery } from './change-record';
export { NotYetApplicable } from './errors';
