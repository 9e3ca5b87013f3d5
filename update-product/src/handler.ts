// Placeholder until this function's issue lands: answers 501 so nothing mistakes it for a working handler.
export const handler = async () => ({
  statusCode: 501,
  body: JSON.stringify({ error: { code: 'NOT_IMPLEMENTED' } }),
});
