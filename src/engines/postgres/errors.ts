/**
 * PostgreSQL's errors mapped to sparkify's, in one place, by SQLSTATE (the `code` pg
 * puts on a server error) or by Node's errno code for network failures; never by
 * message text, which the server translates. Shared with the Redshift engine.
 *
 * Every message is one line, says what to do, and has every known secret scrubbed
 * out of it, in case a server or driver ever echoes one back.
 */
import { ConnectionError, LoadError, SparkifyError } from '../../errors.js';
import { describeConnection, type PgConnection } from './connection.js';

/** What an error message may say about the warehouse (no password here). */
export interface ErrorContext {
  /** The server's kind as messages name it: "PostgreSQL", or "Redshift" for an engine that reuses this code. */
  readonly product?: string;
  /** `describeConnection(...)`: where we were talking to. */
  readonly where: string;
  readonly user: string;
  readonly database: string;
  /** Values that must never appear in a message: the password. */
  readonly secrets: readonly string[];
}

/** The context of a resolved connection; `scheme` names it in messages, `product` names the server. */
export function errorContextOf(connection: PgConnection, scheme: string, product = 'PostgreSQL'): ErrorContext {
  return {
    product,
    where: describeConnection(connection, scheme),
    user: connection.user,
    database: connection.database,
    secrets: connection.password ? [connection.password, encodeURIComponent(connection.password)] : [],
  };
}

interface ServerError {
  readonly code: string;
  readonly message: string;
  readonly detail?: string;
  readonly hint?: string;
  readonly where?: string;
}

/** The SQLSTATE of a server error, if `error` is one. */
export function sqlStateOf(error: unknown): string | undefined {
  return isServerError(error) ? error.code : undefined;
}

/** A failure while opening the session (connect, schema, session settings): exit 2. */
export function connectionError(error: unknown, context: ErrorContext): ConnectionError {
  const text = redact(connectionProblem(error, context), context.secrets);
  return new ConnectionError(text, { cause: error });
}

function connectionProblem(error: unknown, context: ErrorContext): string {
  const at = `${productOf(context)} at ${context.where}`;
  const network = errnoOf(error);
  switch (network) {
    case 'ECONNREFUSED':
      return `cannot connect to ${at}: connection refused; is the server running, and are the host and port right?`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `cannot connect to ${at}: the host name does not resolve; check the host in the URL, [CLUSTER] HOST or PGHOST`;
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `cannot connect to ${at}: the server did not answer (${network}); check the host, port and any firewall or security group`;
    case 'ECONNRESET':
      return `cannot connect to ${at}: the server closed the connection; if it requires TLS, add ?sslmode=require to the URL`;
  }
  const code = sqlStateOf(error);
  switch (code) {
    case '28P01':
      return `cannot connect to ${at}: password authentication failed for user "${context.user}"; check the password (URL, [CLUSTER] DB_PASSWORD or PGPASSWORD)`;
    case '28000':
      return `cannot connect to ${at}: the server refused user "${context.user}" (${firstLine(error)}); if it requires TLS, add ?sslmode=require to the URL`;
    case '3D000':
      return `cannot connect to ${at}: database "${context.database}" does not exist; create it (CREATE DATABASE) or fix the database name`;
    case '42501':
      return `cannot prepare ${at}: user "${context.user}" lacks a privilege (${firstLine(error)}); grant it, or choose a schema the user owns`;
    case '53300':
      return `cannot connect to ${at}: the server has too many connections; try again later`;
    case '57P03':
      return `cannot connect to ${at}: the server is starting up or shutting down; try again in a moment`;
  }
  if (code !== undefined) return `cannot connect to ${at}: ${firstLine(error)} (SQLSTATE ${code})`;
  return `cannot connect to ${at}: ${firstLine(error)}`;
}

/**
 * A failure during work on an open session: exit 1. Sparkify's own errors (a rejected
 * record, an unreadable file) pass through untouched; `connectionLost` says the session
 * is gone, which the caller knows from the client's events rather than the message.
 */
export function loadError(error: unknown, context: ErrorContext, connectionLost: boolean): SparkifyError {
  if (error instanceof SparkifyError) return error;
  const code = sqlStateOf(error);
  const state = code === undefined ? '' : ` (SQLSTATE ${code})`;
  let text: string;
  if (connectionLost || code === '57P01' || code?.startsWith('08')) {
    text = `the connection to ${productOf(context)} at ${context.where} was lost during the load (${firstLine(error)})${state}; nothing was committed, run the load again`;
  } else if (code === '55P03') {
    text = `${productOf(context)} at ${context.where}: a lock is held by another session (${firstLine(error)}); wait for it to finish, or raise LOCK_TIMEOUT`;
  } else if (code === '57014') {
    text = `${productOf(context)} at ${context.where} cancelled the statement (${firstLine(error)}); check statement_timeout`;
  } else {
    text = `${productOf(context)} at ${context.where}: ${firstLine(error)}${state}${detailOf(error)}`;
  }
  return new LoadError(redact(text, context.secrets), { cause: error });
}

function productOf(context: ErrorContext): string {
  return context.product ?? 'PostgreSQL';
}

/** Replaces every secret in `text` with ***. */
export function redact(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length > 0) result = result.split(secret).join('***');
  }
  return result;
}

function isServerError(error: unknown): error is ServerError {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && 'severity' in error;
}

function errnoOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && !isServerError(error)) return code;
  // A connection to several addresses (localhost as ::1 and 127.0.0.1) fails as an AggregateError.
  if (error instanceof AggregateError) return errnoOf(error.errors[0]);
  return undefined;
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split('\n')[0] ?? '').trim() || 'unknown error';
}

/** The server's DETAIL and WHERE, which name the row and column a bad COPY line broke on. */
function detailOf(error: unknown): string {
  if (!isServerError(error)) return '';
  const parts = [error.detail, error.where?.split('\n')[0]].filter((part): part is string => Boolean(part));
  return parts.length > 0 ? `: ${parts.join('; ')}` : '';
}
