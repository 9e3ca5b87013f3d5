import { compose, functionServiceNames, loadTemplate, localParams, paramsUsedBy } from './support/templates';

const outputs = loadTemplate('infrastructure').Outputs ?? {};
/** Outputs for people and tools rather than services: read by `npm run api-key` and smoke tests. */
const operatorOutputs = ['ApiUrl', 'ApiKeySecretName'];
const frameworkOutputs = ['ServerlessDeploymentBucketName'];

const camelCase = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

const composeParams = (service: string) => Object.entries(compose.services[service]?.params ?? {});

/** `${infrastructure.ProductsTableName}` -> `ProductsTableName`. */
const outputNamed = (source: string) => /^\$\{infrastructure\.(\w+)\}$/.exec(source)?.[1];

describe.each(functionServiceNames)('compose params of %s', (service) => {
  it('each come from the infrastructure Output of the same name', () => {
    const params = composeParams(service);
    expect(params.length).toBeGreaterThan(0);
    for (const [param, source] of params) {
      const outputName = outputNamed(source);
      expect(outputName && outputs[outputName]).toBeTruthy();
      expect(param).toBe(camelCase(outputName ?? ''));
    }
  });

  it('are exactly the params its serverless.yml uses', async () => {
    const given = composeParams(service)
      .map(([param]) => param)
      .sort();
    expect(given).toEqual([...(await paramsUsedBy(service))].sort());
  });

  it('all have a stand-in value for the local stage', async () => {
    for (const param of await paramsUsedBy(service)) expect(localParams[param]).toEqual(expect.any(String));
  });
});

describe('infrastructure Outputs', () => {
  it('are each used by a service through compose, or listed as an operator Output', () => {
    const used = new Set(
      functionServiceNames.flatMap((service) =>
        composeParams(service).map(([, source]) => outputNamed(source)),
      ),
    );
    const unused = Object.keys(outputs).filter(
      (name) => !used.has(name) && !operatorOutputs.includes(name) && !frameworkOutputs.includes(name),
    );
    expect(unused).toEqual([]);
    for (const name of operatorOutputs) expect(outputs[name]).toBeDefined();
  });

  it('have local stand-ins only for Outputs that exist', () => {
    for (const param of Object.keys(localParams)) {
      expect(Object.keys(outputs).map(camelCase)).toContain(param);
    }
  });
});
