export {
  sqsBatchHandler,
  type RecordOutcome,
  type ChangeEventOutcome,
  type ChangeEventResult,
  type ProcessChangeEvent,
  type SqsBatchHandlerOptions,
} from './sqs-batch-handler';
export {
  changeEventOf,
  changeRecordOf,
  deliveryOf,
  occurredAtUtc,
  type ChangeRecord,
  type Delivery,
} from './change-record';
export { NotYetApplicable, UnsupportedChangeEventVersion } from './errors';
