import { resolveValue, type CloudFormationTemplate } from '@bbws/local-aws';
import { deployedResources } from './gateway-cors';
import { literalContext, resourcePath, type FunctionDefinition } from './services';

/** What a MOCK integration answers: status, body, headers mapped from literals or the request. */
export interface MockTarget {
  kind: 'mock';
  statusCode: number;
  body: string;
  /** `method.response.header.*` response parameters of the integration response. */
  responseParameters: Record<string, unknown>;
  /** Origins its response template echoes in Access-Control-Allow-Origin (CORS preflight). */
  echoedOrigins?: RegExp;
}

export interface Route {
  method: string;
  /** Resource template: `/v1.0/products/{productId}`. */
  resource: string;
  /** API key required (`private: true`, ApiKeyRequired). */
  private: boolean;
  /** What the method does: invoke a function (Lambda proxy) or answer from a MOCK integration. */
  target: { kind: 'function'; functionName: string } | MockTarget;
}

export type RouteMatch =
  { found: true; route: Route; pathParameters: Record<string, string> | undefined } | { found: false };

/** Routes of every http event of the packaged function services. */
export const functionRoutes = (functions: FunctionDefinition[]): Route[] =>
  functions.flatMap((definition) =>
    definition.http.map((event) => ({
      method: event.method,
      resource: event.path,
      private: event.private,
      target: { kind: 'function' as const, functionName: definition.functionName },
    })),
  );

interface IntegrationResponse {
  StatusCode?: string;
  ResponseTemplates?: Record<string, string>;
  ResponseParameters?: Record<string, unknown>;
}

// The one form of VTL the infrastructure echoes an Origin with: `#if($origin && $origin.matches('<expression>'))`
// then the Access-Control-Allow-Origin override.
const echoedOrigins = (vtl: string): RegExp | undefined => {
  const echoes = /responseOverride\.header\.Access-Control-Allow-Origin\s*=\s*\$origin/.test(vtl);
  const expression = echoes ? /\$origin\.matches\('([^']*)'\)/.exec(vtl)?.[1] : undefined;
  return expression ? new RegExp(expression) : undefined;
};

const mockTarget = (response: IntegrationResponse = {}): MockTarget => {
  const responseTemplate = response.ResponseTemplates?.['application/json'] ?? '';
  const isVtl = responseTemplate.trimStart().startsWith('#');
  return {
    kind: 'mock',
    statusCode: Number(response.StatusCode ?? 200),
    body: isVtl ? '' : responseTemplate,
    responseParameters: response.ResponseParameters ?? {},
    echoedOrigins: isVtl ? echoedOrigins(responseTemplate) : undefined,
  };
};

/**
 * MOCK methods a deployment of the template has (the health check, CORS preflights), with their first
 * response. A response template that is VTL (`#set`, `#if`) yields no body; the one VTL form it runs is
 * the preflight's echo of an allowed Origin.
 */
export const mockRoutes = (template: CloudFormationTemplate, region = 'eu-west-1'): Route[] =>
  deployedResources(template, region).flatMap(({ Type, Properties = {} }) => {
    const integration = Properties.Integration as {
      Type?: string;
      IntegrationResponses?: IntegrationResponse[];
    };
    if (Type !== 'AWS::ApiGateway::Method' || integration?.Type !== 'MOCK') return [];
    const resourceId = (Properties.ResourceId as { Ref?: string } | undefined)?.Ref ?? '';
    return {
      method: String(Properties.HttpMethod).toUpperCase(),
      resource: resourcePath(template.Resources, resourceId),
      private: Properties.ApiKeyRequired === true,
      target: mockTarget(integration.IntegrationResponses?.[0]),
    };
  });

/** The stage name of the template's AWS::ApiGateway::Stage (the path prefix of the deployed API). */
export const stageName = (template: CloudFormationTemplate, region: string): string => {
  const stage = Object.values(template.Resources).find(({ Type }) => Type === 'AWS::ApiGateway::Stage');
  return String(resolveValue(stage?.Properties?.StageName ?? 'local', literalContext(region)));
};

const decoded = (value: string): string => {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
};

const segmentsMatch = (resource: string, path: string): Record<string, string> | undefined => {
  const templates = resource.split('/');
  const values = path.split('/');
  if (templates.length !== values.length) return undefined;
  const parameters: Record<string, string> = {};
  for (const [index, template] of templates.entries()) {
    const value = values[index] ?? '';
    const name = /^\{(.+)\}$/.exec(template)?.[1];
    if (name !== undefined && value !== '') parameters[name] = decoded(value);
    else if (template !== value) return undefined;
  }
  return parameters;
};

const literalSegments = (resource: string) =>
  resource.split('/').filter((part) => !part.startsWith('{')).length;

/** The route for a method and path; a literal segment wins over a path parameter, as in API Gateway. */
export const matchRoute = (routes: Route[], method: string, path: string): RouteMatch => {
  const [best] = routes
    .filter((route) => route.method === method || route.method === 'ANY')
    .map((route) => ({ route, parameters: segmentsMatch(route.resource, path.replace(/(.)\/$/, '$1')) }))
    .filter(({ parameters }) => parameters !== undefined)
    .sort((a, b) => literalSegments(b.route.resource) - literalSegments(a.route.resource));
  if (!best?.parameters) return { found: false };
  const hasParameters = Object.keys(best.parameters).length > 0;
  return { found: true, route: best.route, pathParameters: hasParameters ? best.parameters : undefined };
};
