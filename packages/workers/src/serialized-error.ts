import { RemoteError } from './errors';

/** An error as it crosses the process boundary (structured-clone data). */
export interface SerializedError {
  name: string;
  message: string;
  code?: string;
  stack?: string;
}

/** Keeps what identifies an error: class name, `code` and message. */
export function serializeError(e: unknown): SerializedError {
  if (e instanceof Error) {
    const code = (e as { code?: unknown }).code;
    return {
      name: e.name || e.constructor?.name || 'Error',
      message: e.message,
      code: typeof code === 'string' ? code : undefined,
      stack: e.stack,
    };
  }
  return { name: 'Error', message: String(e) };
}

/** The parent's side of serializeError: a RemoteError carrying the original name, code and message. */
export function deserializeError(s: SerializedError): RemoteError {
  return new RemoteError(s.name, s.message, s.code, s.stack);
}
