import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { publishCreate } from './publish-create';

/** Bare create-product: one Publish of the parsed body. */
export const handler = async (event: APIGatewayProxyEvent) => publishCreate(randomUUID(), event.body ?? '{}');
