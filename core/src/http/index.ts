export { httpHandler, MAX_BODY_BYTES, type RequestValidators } from './handler';
export { bodyLimit, emptyParameters, errorResponses, mediaTypeCase, requestContext } from './middleware';
export { actorOf, entityTag, expectedVersionFrom, type HttpEvent } from './request';
export { accepted, noContent, ok, type HttpResponse } from './responses';
