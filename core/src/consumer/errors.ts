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
