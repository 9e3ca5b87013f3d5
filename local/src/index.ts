export { applyEnv } from './env';
export { useLocalStack, type UseLocalStackOptions } from './testing';
// Until the workspaces' tests import them from the packages that own them.
export { createAwsClients, type AwsClients, type EmulatorEndpoints } from '@bbws/local-aws';
export { apiGatewayEvent, sqsRecord, type HttpRequest } from '@bbws/dev-server';
export { sampleSqsEvents } from './sample-sqs-events';
export { aProduct, fakeLambdaContext } from './test-fixtures';
