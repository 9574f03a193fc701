/**
 * Settings as they may be shown to a person: passwords replaced by `***`, wherever they hide
 * (the [CLUSTER] password, a URL's user-info, a `?password=` query parameter).
 */
import { redactedMark, redactUrl } from '../redact-url.js';
import type { ClusterSettings, InfraSettings, Settings } from './settings.js';

export { redactedMark, redactUrl, redactUrlsIn } from '../redact-url.js';

export type RedactedSettings = Omit<Settings, 'cluster' | 'infra'> & {
  readonly cluster: Omit<ClusterSettings, 'dbPassword'> & { readonly dbPassword?: typeof redactedMark };
  readonly infra: InfraSettings;
};

/** A plain copy safe to print or serialise to JSON; unset settings are left out. */
export function redactedSettings(settings: Settings): RedactedSettings {
  const { dbPassword, ...cluster } = settings.cluster;
  return withoutUndefined({
    ...settings,
    warehouse: redactUrl(settings.warehouse),
    s3Endpoint: settings.s3Endpoint === undefined ? undefined : redactUrl(settings.s3Endpoint),
    cluster: withoutUndefined({ ...cluster, dbPassword: dbPassword === undefined ? undefined : redactedMark }),
    infra: withoutUndefined({ ...settings.infra }),
  });
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
