import { randomBytes } from 'node:crypto';

/** A fresh X-Ray trace header as Lambda and SNS pass it on: `Root=1-<epoch hex>-<96 random bits>;...`. */
export const traceHeader = () =>
  `Root=1-${Math.floor(Date.now() / 1000).toString(16)}-${randomBytes(12).toString('hex')};Parent=${randomBytes(8).toString('hex')};Sampled=1`;
