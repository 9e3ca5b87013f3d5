import { CreateBucketCommand, type BucketLocationConstraint } from '@aws-sdk/client-s3';
import type { ResourceHandler } from './handler';
import { isAwsError, physicalName } from './properties';

export const s3Bucket: ResourceHandler = {
  applies: ['BucketName'],
  skipReason: (logicalId, resource) =>
    logicalId === 'ServerlessDeploymentBucket' && resource.Properties?.BucketName === undefined
      ? 'the Serverless Framework deployment bucket: nothing is deployed locally'
      : undefined,
  provision: async (input) => {
    const bucketName = physicalName(input, 'BucketName').toLowerCase();
    const location =
      input.region === 'us-east-1'
        ? {}
        : { CreateBucketConfiguration: { LocationConstraint: input.region as BucketLocationConstraint } };
    try {
      await input.clients.s3.send(new CreateBucketCommand({ Bucket: bucketName, ...location }));
    } catch (error) {
      if (!isAwsError(error, 'BucketAlreadyOwnedByYou')) throw error;
    }
    const arn = `arn:${input.partition}:s3:::${bucketName}`;
    return {
      ref: bucketName,
      name: bucketName,
      arn,
      attributes: { Arn: arn, DomainName: `${bucketName}.s3.amazonaws.com` },
    };
  },
};
