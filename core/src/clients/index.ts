export { documentClient } from './dynamodb';
export { snsClient } from './sns';
export { sqsClient } from './sqs';
export { s3Client } from './s3';
