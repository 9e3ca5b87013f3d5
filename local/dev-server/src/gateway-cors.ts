import {
  evaluateConditions,
  parameterValues,
  type CloudFormationTemplate,
  type TemplateResource,
} from '@bbws/local-aws';
import type { IncomingHttpHeaders } from 'node:http';
import { literalContext } from './services';

// What the deployed REST API does for browsers, read from the packaged infrastructure template: the
// preflight MOCK methods (routes.ts) and the CORS headers of its own 4xx and 5xx answers (here).

/** The resources CloudFormation would create: those without a Condition or whose Condition holds. */
export const deployedResources = (template: CloudFormationTemplate, region: string): TemplateResource[] => {
  const conditions = evaluateConditions(template.Conditions ?? {}, {
    ...literalContext(region),
    parameters: parameterValues(template),
  });
  return Object.values(template.Resources).filter(
    (resource) => resource.Condition === undefined || conditions[resource.Condition] === true,
  );
};

/**
 * Headers mapped by a `<prefix><name>: <expression>` response parameter map, each expression a `'literal'`
 * or `method.request.header.Name`.
 */
export const mappedHeaders = (
  parameters: Record<string, unknown> | undefined,
  prefix: string,
  requestHeaders: IncomingHttpHeaders,
): Record<string, string> => {
  const headers: Record<string, string> = {};
  for (const [name, expression] of Object.entries(parameters ?? {})) {
    const [, literal, header] = /^(?:'(.*)'|method\.request\.header\.(.+))$/.exec(String(expression)) ?? [];
    const value = literal ?? (header && [requestHeaders[header.toLowerCase()]].flat()[0]);
    if (name.startsWith(prefix) && value) headers[name.slice(prefix.length)] = value;
  }
  return headers;
};

/** Headers the template's DEFAULT_4XX and DEFAULT_5XX gateway responses add to the gateway's own answers. */
export const gatewayResponseHeaders = (template: CloudFormationTemplate, region: string) => {
  const byType = new Map(
    deployedResources(template, region)
      .filter(({ Type }) => Type === 'AWS::ApiGateway::GatewayResponse')
      .map(({ Properties = {} }) => [String(Properties.ResponseType), Properties.ResponseParameters]),
  );
  return (statusCode: number, requestHeaders: IncomingHttpHeaders) =>
    mappedHeaders(
      byType.get(statusCode >= 500 ? 'DEFAULT_5XX' : 'DEFAULT_4XX') as Record<string, unknown> | undefined,
      'gatewayresponse.header.',
      requestHeaders,
    );
};
