import { SNSClient } from '@aws-sdk/client-sns';
import { traced } from '../observability/tracer';
import { MAX_ATTEMPTS, once } from './config';

export const snsClient = once(() => traced(new SNSClient({ maxAttempts: MAX_ATTEMPTS })));
