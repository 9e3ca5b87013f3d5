import { DependencyUnavailable } from '../errors';

/** The API's view of a failed call to the table: 503, the SDK error kept as the cause. */
export const tableUnavailable = (error: unknown): never => {
  throw new DependencyUnavailable('products table', { cause: error });
};

export const isConditionFailure = (error: unknown): boolean =>
  error instanceof Error && error.name === 'ConditionalCheckFailedException';
