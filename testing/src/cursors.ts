/**
 * The cursor with its signature's first character changed. That character carries six significant bits;
 * the last one of a 32-byte HMAC in base64url carries only four, so changing it may decode to the same MAC.
 */
export const withAlteredSignature = (cursor: string): string => {
  const signatureStart = cursor.lastIndexOf('.') + 1;
  const first = cursor.charAt(signatureStart);
  return `${cursor.slice(0, signatureStart)}${first === 'A' ? 'B' : 'A'}${cursor.slice(signatureStart + 1)}`;
};
