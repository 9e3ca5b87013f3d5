import { evaluateConditions } from '../../src';

const context = { accountId: '000000000000', region: 'eu-west-1', partition: 'aws', stackName: 'local' };

describe('evaluateConditions', () => {
  it('evaluates Fn::Equals, Fn::Not, Fn::And, Fn::Or and Condition against parameter values', () => {
    const conditions = evaluateConditions(
      {
        HasAlertEmail: { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'AlertEmail' }, ''] }] },
        OwnsAccount: { 'Fn::Equals': [{ Ref: 'ManageAccount' }, 'true'] },
        Both: { 'Fn::And': [{ Condition: 'HasAlertEmail' }, { Condition: 'OwnsAccount' }] },
        Either: { 'Fn::Or': [{ Condition: 'HasAlertEmail' }, { Condition: 'OwnsAccount' }] },
        InIreland: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'eu-west-1'] },
      },
      { ...context, parameters: { AlertEmail: '', ManageAccount: 'true' } },
    );

    expect(conditions).toEqual({
      HasAlertEmail: false,
      OwnsAccount: true,
      Both: false,
      Either: true,
      InIreland: true,
    });
  });

  it('rejects a condition that refers to itself', () => {
    expect(() => evaluateConditions({ Loop: { Condition: 'Loop' } }, { ...context, parameters: {} })).toThrow(
      'Condition Loop refers to itself',
    );
  });
});
