/**
 * A TCP proxy in front of a test server that breaks chosen HTTP responses off: after
 * `afterBytes` bytes of the response to a request whose first line matches, both
 * sockets are destroyed, as a network failure mid-download would. `times` limits how
 * many responses are cut (a transient fault), Infinity cuts every one. It also counts
 * the requests it forwards, by method, to measure how chatty a client is.
 */
import net from 'node:net';

export interface CuttingProxyOptions {
  readonly targetPort: number;
  /** Tested against the request line, e.g. "GET /bucket/key.json?x-id=GetObject HTTP/1.1". */
  readonly match?: (requestLine: string) => boolean;
  readonly afterBytes: number;
  readonly times?: number;
}

export interface CuttingProxy {
  readonly endpoint: string;
  /** Responses cut so far. */
  cuts(): number;
  /** Requests forwarded so far, by method ("PUT", "GET", ...). */
  requests(): Readonly<Record<string, number>>;
  stop(): Promise<void>;
}

const REQUEST_LINE = /^(GET|PUT|POST|HEAD|DELETE) (\S+) HTTP\/1\.1/;

export async function startCuttingProxy(options: CuttingProxyOptions): Promise<CuttingProxy> {
  let cuts = 0;
  const requests: Record<string, number> = {};
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(options.targetPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    let armed = false;
    let cutting = false;
    let forwarded = 0;
    client.on('data', (chunk: Buffer) => {
      const line = REQUEST_LINE.exec(chunk.subarray(0, 2048).toString('latin1'));
      if (line) {
        const method = line[1] as string;
        requests[method] = (requests[method] ?? 0) + 1;
        armed = (options.match?.(line[0]) ?? false) && cuts < (options.times ?? Infinity);
        forwarded = 0;
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (!armed) return void client.write(chunk);
      const room = options.afterBytes - forwarded;
      forwarded += chunk.length;
      if (forwarded < options.afterBytes) return void client.write(chunk);
      cuts++;
      armed = false;
      cutting = true;
      upstream.destroy();
      // Deliver the bytes before the cut, so the client sees a response that breaks off.
      client.write(chunk.subarray(0, Math.max(room, 0)), () => client.destroy());
    });
    const closeBoth = () => {
      if (cutting && !client.destroyed) return;
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', closeBoth).on('close', closeBoth);
    upstream.on('error', closeBoth).on('close', closeBoth);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    cuts: () => cuts,
    requests: () => ({ ...requests }),
    stop: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
