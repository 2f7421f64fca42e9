// JetStream API error codes (nats-server `errors.json`) that provisioning treats as expected races.
export const JS_STREAM_NOT_FOUND = 10059;
export const JS_STREAM_NAME_IN_USE = 10058;
export const JS_CONSUMER_NOT_FOUND = 10014;
export const JS_CONSUMER_NAME_IN_USE = 10013;
export const JS_CONSUMER_ALREADY_EXISTS = 10148;

/** The JetStream API error code carried by an error from a JetStream manager call, if any. */
export function jetStreamErrorCode(err: unknown): number | undefined {
  const apiError = (err as { api_error?: { err_code?: number } } | undefined)?.api_error;
  return apiError?.err_code;
}
