import { tidyTemplate } from '../../config/plugins/tidy-template';

const functionWithOwnRole = () => ({
  Resources: {
    IamRoleLambdaExecution: { Type: 'AWS::IAM::Role' },
    GetProductIamRoleLambdaExecution: { Type: 'AWS::IAM::Role' },
    GetProductLogGroup: { Type: 'AWS::Logs::LogGroup' },
    GetProductLambdaFunction: {
      Type: 'AWS::Lambda::Function',
      DependsOn: ['GetProductIamRoleLambdaExecution', 'GetProductLogGroup'],
      Properties: { Role: { 'Fn::GetAtt': ['GetProductIamRoleLambdaExecution', 'Arn'] } },
    },
  },
});

describe('the tidy-template plugin', () => {
  it('drops a DependsOn that a Fn::GetAtt already implies and keeps the others', () => {
    const template = tidyTemplate(functionWithOwnRole());
    expect(template.Resources.GetProductLambdaFunction.DependsOn).toEqual(['GetProductLogGroup']);
  });

  it('removes the shared role when no function uses it', () => {
    const template = tidyTemplate(functionWithOwnRole());
    expect(template.Resources).not.toHaveProperty('IamRoleLambdaExecution');
  });

  it('keeps the shared role while a resource still references it', () => {
    const template = functionWithOwnRole();
    template.Resources.GetProductLambdaFunction.Properties.Role['Fn::GetAtt'] = [
      'IamRoleLambdaExecution',
      'Arn',
    ];
    expect(tidyTemplate(template).Resources).toHaveProperty('IamRoleLambdaExecution');
  });

  it('removes DependsOn entirely when every entry was implied', () => {
    const template = functionWithOwnRole();
    template.Resources.GetProductLambdaFunction.DependsOn = ['GetProductIamRoleLambdaExecution'];
    expect(tidyTemplate(template).Resources.GetProductLambdaFunction).not.toHaveProperty('DependsOn');
  });
});
