import { referencedNames, resolveValue, type ResolveContext } from '../../src';

const context: ResolveContext = {
  accountId: '123456789012',
  region: 'eu-west-1',
  partition: 'aws',
  stackName: 'local',
  parameters: { Stage: 'local' },
  conditions: { IsProd: false },
  resources: {
    Queue: {
      ref: 'http://127.0.0.1:1/123456789012/orders',
      attributes: { Arn: 'arn:aws:sqs:eu-west-1:123456789012:orders', QueueName: 'orders' },
    },
    Topic: { ref: 'arn:aws:sns:eu-west-1:123456789012:events', attributes: { TopicName: 'events' } },
  },
  skipped: { Api: 'API Gateway is not emulated' },
};

describe('resolveValue', () => {
  it('resolves Ref to a pseudo parameter, a template parameter and a created resource', () => {
    const resolved = resolveValue([{ Ref: 'AWS::AccountId' }, { Ref: 'Stage' }, { Ref: 'Topic' }], context);

    expect(resolved).toEqual(['123456789012', 'local', 'arn:aws:sns:eu-west-1:123456789012:events']);
  });

  it('resolves Fn::GetAtt in its list and its dotted form', () => {
    const resolved = resolveValue(
      [{ 'Fn::GetAtt': ['Queue', 'Arn'] }, { 'Fn::GetAtt': 'Queue.QueueName' }],
      context,
    );

    expect(resolved).toEqual(['arn:aws:sqs:eu-west-1:123456789012:orders', 'orders']);
  });

  it('substitutes pseudo parameters, resource refs and attributes in Fn::Sub and keeps ${!Literal} literal', () => {
    const resolved = resolveValue(
      {
        'Fn::Sub':
          'arn:${AWS::Partition}:s3:::logs-${Stage}-${AWS::AccountId}/${Queue.QueueName}/${!Literal}',
      },
      context,
    );

    expect(resolved).toBe('arn:aws:s3:::logs-local-123456789012/orders/${Literal}');
  });

  it('substitutes the variables given to Fn::Sub before references', () => {
    const resolved = resolveValue(
      { 'Fn::Sub': ['${Prefix}-${Topic}', { Prefix: { Ref: 'AWS::Region' } }] },
      context,
    );

    expect(resolved).toBe('eu-west-1-arn:aws:sns:eu-west-1:123456789012:events');
  });

  it('joins resolved values with Fn::Join', () => {
    const resolved = resolveValue(
      { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::', 'bucket']] },
      context,
    );

    expect(resolved).toBe('arn:aws:s3:::bucket');
  });

  it('picks the Fn::If branch of the condition and drops properties that resolve to AWS::NoValue', () => {
    const resolved = resolveValue(
      {
        Retention: { 'Fn::If': ['IsProd', 1209600, 345600] },
        AlarmEmail: { 'Fn::If': ['IsProd', 'ops@example.com', { Ref: 'AWS::NoValue' }] },
      },
      context,
    );

    expect(resolved).toEqual({ Retention: 345600 });
  });

  it('names the skip reason when a value refers to a resource that is not created locally', () => {
    expect(() => resolveValue({ Ref: 'Api' }, context)).toThrow(
      'Api: the resource is not created locally (API Gateway is not emulated)',
    );
  });

  it('rejects an attribute the local resource does not have', () => {
    expect(() => resolveValue({ 'Fn::GetAtt': ['Topic', 'Fifo'] }, context)).toThrow(
      'Topic has no attribute Fifo locally',
    );
  });

  it('rejects intrinsic functions it does not implement rather than passing them through', () => {
    expect(() => resolveValue({ 'Fn::ImportValue': 'shared-vpc' }, context)).toThrow(
      'Fn::ImportValue is not supported',
    );
  });
});

describe('referencedNames', () => {
  it('lists the names used by Ref, Fn::GetAtt and Fn::Sub but not pseudo parameters or Fn::Sub variables', () => {
    const names = referencedNames({
      TopicArn: { Ref: 'Topic' },
      Endpoint: { 'Fn::GetAtt': ['Queue', 'Arn'] },
      Resource: { 'Fn::Sub': '${Bucket.Arn}/*' },
      Name: { 'Fn::Sub': ['${Prefix}-${AWS::Region}-${Table}', { Prefix: 'x' }] },
      Dotted: { 'Fn::GetAtt': 'Key.Arn' },
    });

    expect([...names].sort()).toEqual(['Bucket', 'Key', 'Queue', 'Table', 'Topic']);
  });
});
