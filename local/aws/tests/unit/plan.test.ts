import { defaultTemplatePath, loadTemplate, planProvisioning, type CloudFormationTemplate } from '../../src';

const context = {
  accountId: '000000000000',
  region: 'eu-west-1',
  partition: 'aws',
  stackName: 'local',
  parameters: {},
};

const stepOrder = (template: CloudFormationTemplate): string[] =>
  planProvisioning(template, context).steps.map(({ logicalId }) => logicalId);

describe('planProvisioning', () => {
  it('creates each resource after the ones it refers to, whatever the template order', () => {
    const order = stepOrder({
      Resources: {
        Subscription: {
          Type: 'AWS::SNS::Subscription',
          Properties: {
            TopicArn: { Ref: 'Topic' },
            Protocol: 'sqs',
            Endpoint: { 'Fn::GetAtt': ['Queue', 'Arn'] },
          },
        },
        Queue: {
          Type: 'AWS::SQS::Queue',
          Properties: {
            RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': ['DeadLetterQueue', 'Arn'] } },
          },
        },
        DeadLetterQueue: { Type: 'AWS::SQS::Queue' },
        Topic: { Type: 'AWS::SNS::Topic' },
      },
    });

    expect(order).toEqual(['Topic', 'DeadLetterQueue', 'Queue', 'Subscription']);
  });

  it('waits for resources named in DependsOn', () => {
    const order = stepOrder({
      Resources: {
        Second: { Type: 'AWS::SNS::Topic', DependsOn: 'First' },
        First: { Type: 'AWS::SNS::Topic' },
      },
    });

    expect(order).toEqual(['First', 'Second']);
  });

  it('skips, with the reason, resources whose condition is false and types with no local meaning', () => {
    const { skipped } = planProvisioning(
      {
        Parameters: { AlertEmail: { Type: 'String', Default: '' } },
        Conditions: { HasAlertEmail: { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'AlertEmail' }, ''] }] } },
        Resources: {
          EmailSubscription: { Type: 'AWS::SNS::Subscription', Condition: 'HasAlertEmail' },
          Role: { Type: 'AWS::IAM::Role' },
          ServerlessDeploymentBucket: { Type: 'AWS::S3::Bucket' },
          Widget: { Type: 'Custom::Widget' },
        },
      },
      { ...context, parameters: { AlertEmail: '' } },
    );

    expect(skipped).toEqual([
      {
        logicalId: 'EmailSubscription',
        type: 'AWS::SNS::Subscription',
        reason: 'condition HasAlertEmail is false',
      },
      { logicalId: 'Role', type: 'AWS::IAM::Role', reason: 'IAM is not enforced by the emulators' },
      {
        logicalId: 'ServerlessDeploymentBucket',
        type: 'AWS::S3::Bucket',
        reason: 'the Serverless Framework deployment bucket: nothing is deployed locally',
      },
      { logicalId: 'Widget', type: 'Custom::Widget', reason: 'Custom::Widget is not emulated locally' },
    ]);
  });

  it('skips subscriptions of protocols other than sqs', () => {
    const { steps, skipped } = planProvisioning(
      { Resources: { Email: { Type: 'AWS::SNS::Subscription', Properties: { Protocol: 'email' } } } },
      context,
    );

    expect(steps).toEqual([]);
    expect(skipped[0]?.reason).toBe('fauxqs delivers to sqs subscriptions only, not email');
  });

  it('rejects a circular dependency', () => {
    expect(() =>
      stepOrder({
        Resources: {
          A: { Type: 'AWS::SNS::Topic', DependsOn: 'B' },
          B: { Type: 'AWS::SNS::Topic', DependsOn: 'A' },
        },
      }),
    ).toThrow('Circular dependency: A -> B -> A');
  });

  it('orders the packaged infrastructure template so every step follows what it refers to', () => {
    const { steps } = planProvisioning(loadTemplate(defaultTemplatePath()), context);
    const position = new Map(steps.map(({ logicalId }, index) => [logicalId, index]));

    const misplaced = steps.filter(({ logicalId, dependsOn }) =>
      dependsOn.some(
        (dependency) => (position.get(dependency) ?? Infinity) > (position.get(logicalId) ?? -1),
      ),
    );

    expect(steps.find(({ logicalId }) => logicalId === 'ProductChangeQueue')?.dependsOn).toEqual([
      'ProductChangeDeadLetterQueue',
    ]);
    expect(misplaced).toEqual([]);
  });
});

describe('loadTemplate', () => {
  it('tells how to package the template when the file is missing', () => {
    expect(() => loadTemplate('/nonexistent/cloudformation-template-update-stack.json')).toThrow(
      'npx serverless package --stage local',
    );
  });
});
