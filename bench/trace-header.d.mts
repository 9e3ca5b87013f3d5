/** A fresh X-Ray trace header as Lambda and SNS pass it on: `Root=1-<epoch hex>-<96 random bits>;...`. */
export declare const traceHeader: () => string;
