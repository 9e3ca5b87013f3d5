// Endpoints, region and credentials come from the SDK's own environment variables (AWS_ENDPOINT_URL,
// AWS_ENDPOINT_URL_<SERVICE>, AWS_REGION), so the same code runs against AWS and a local emulator.
// One file per service: a bundle then holds only the SDK clients its function uses.

export const MAX_ATTEMPTS = 3;

/** A client made on first use and kept for the life of the execution environment. */
export const once = <T>(create: () => T): (() => T) => {
  let client: T | undefined;
  return () => (client ??= create());
};
