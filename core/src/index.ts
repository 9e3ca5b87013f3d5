export {
  productIdSchema,
  isProductId,
  idempotencyKeySchema,
  IDEMPOTENCY_KEY_TTL_SECONDS,
  MAX_PRICE,
  dateTimeSchema,
  priceSchema,
  wholeCentPrice,
  inWholeCents,
  productInputSchema,
  productSchema,
  type ProductInput,
  type Product,
} from './schemas/product';
export {
  CHANGE_EVENT_SCHEMA_VERSION,
  actorSchema,
  changeEventSchema,
  receivedChangeEventSchema,
  auditRecordSchema,
  type Actor,
  type ChangeEvent,
  type ChangeEventType,
  type ReceivedChangeEvent,
  type AuditRecord,
} from './schemas/change-event';
export { errorDetailSchema, errorBodySchema, type ErrorDetail, type ErrorBody } from './schemas/error-body';
export {
  DomainError,
  ValidationFailed,
  MalformedJson,
  InvalidCursor,
  ProductNotFound,
  VersionConflict,
  IdempotencyKeyReused,
  IdempotentProductDeleted,
  PayloadTooLarge,
  UnsupportedMediaType,
  DependencyUnavailable,
  ajvErrorsToDetails,
  toErrorResponse,
  type AjvErrorLike,
  type ErrorResponse,
} from './errors';
export {
  validatorFor,
  validateProductInput,
  validateProduct,
  validateChangeEvent,
  validateAuditRecord,
  isErrorBody,
  type CompiledSchema,
} from './validation';
export * from './products-table';
export { encodeCursor, decodeCursor, assertSigningKey, type CursorContext } from './cursor';
export { requireEnv } from './config';
export { documentClient, snsClient, sqsClient, s3Client } from './clients';
export { logger, withRequestContext, type RequestContext } from './logger';
export {
  newChangeEvent,
  idempotencyRecordId,
  productIdFromIdempotencyKey,
  type NewChangeEvent,
} from './events';
export {
  productPathSchema,
  listProductsQuerySchema,
  LIST_SORT_ORDERS,
  type ProductPath,
  type ListProductsQuery,
} from './schemas/requests';
export * from './http';
export * from './products';
export * from './consumer';
export {
  productPageSchema,
  acceptedChangeSchema,
  gatewayErrorSchema,
  type ProductPage,
  type AcceptedChange,
} from './schemas/responses';
export { openApiDocument } from './openapi';
export * from './contracts';
export * from './validators/generated/operations';
export * from './observability';
