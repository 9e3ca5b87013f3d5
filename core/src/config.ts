/** The value of a required environment variable; call at module scope so a missing one fails the cold start. */
export const requireEnv = (name: string): string => {
  const value = process.env[name];
  if (value === undefined || value.trim() === '') {
    throw new Error(`Environment variable ${name} is required but is not set`);
  }
  return value;
};
