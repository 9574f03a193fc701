/**
 * This machine's public IPv4 address, for the default `--allow-cidr` (address/32). Asked of
 * AWS's own echo service; any failure returns undefined and `up` then asks for --allow-cidr.
 */
const CHECKIP_URL = 'https://checkip.amazonaws.com/';

export async function lookupPublicIp(fetchImpl: typeof fetch = fetch, timeoutMs = 5_000): Promise<string | undefined> {
  try {
    const response = await fetchImpl(CHECKIP_URL, { signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) return undefined;
    const ip = (await response.text()).trim();
    return /^\d{1,3}(\.\d{1,3}){3}$/.test(ip) ? ip : undefined;
  } catch {
    return undefined;
  }
}
