import { SNSClient } from '@aws-sdk/client-sns';
import { MAX_ATTEMPTS, once } from './config';

export const snsClient = once(() => new SNSClient({ maxAttempts: MAX_ATTEMPTS }));
