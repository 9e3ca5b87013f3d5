export { httpHandler, MAX_BODY_BYTES } from './handler';
export {
  entityTag,
  matchesWeakly,
  parseEntityTags,
  versionsMatchedStrongly,
  type EntityTag,
  type EntityTagCondition,
} from './conditional';
export {
  bodyLimit,
  cors,
  CORS_EXPOSED_HEADERS,
  emptyParameters,
  errorResponses,
  mediaTypeCase,
  requestContext,
} from './middleware';
export {
  actorOf,
  changeTargetOf,
  headerValues,
  ifMatchVersions,
  ifNoneMatch,
  productLocation,
  type HttpEvent,
} from './request';
export { accepted, noContent, notModified, ok, type HttpResponse } from './responses';
