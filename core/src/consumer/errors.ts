import { CHANGE_EVENT_SCHEMA_VERSION } from '../schemas/change-event';

/**
 * The change depends on one that has not been applied yet (an UPDATE before its CREATE, an
 * expectedVersion not reached yet). Thrown by a processor, it fails the record so that SQS retries it;
 * it is logged as a warning, since standard queues reorder as a matter of course.
 */
export class NotYetApplicable extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/**
 * The event is of a major version this consumer does not read: a producer is ahead of it (docs/change-events.md).
 * The record fails on every receive, so SQS parks it in the DLQ and the DLQ alarm fires; once a consumer
 * that reads the version is deployed, a redrive (`npm run redrive`) applies it.
 */
export class UnsupportedChangeEventVersion extends Error {
  constructor(schemaVersion: unknown) {
    super(
      `schemaVersion ${JSON.stringify(schemaVersion)} is not read by this consumer, which reads ` +
        `${CHANGE_EVENT_SCHEMA_VERSION}.x: the record goes to the DLQ. Deploy a consumer that reads it, then redrive the DLQ`,
    );
    this.name = new.target.name;
  }
}
