export { changeAcceptor, changeAcceptorFromEnvironment, type ChangeRequest } from './accept-change';
export { changePublisher } from './change-publisher';
export { productStore, type ProductStore } from './product-store';
export { idempotentCreations, requestFingerprint, type KeyedCreate } from './idempotency';
