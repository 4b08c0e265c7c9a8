/**
 * Client for the userspace WireGuard UAPI socket (wireguard-go and friends):
 * `/var/run/wireguard/<if>.sock`. Sends `get=1` and returns the raw answer text.
 */
import { createConnection } from 'node:net';

/** Where userspace implementations put their sockets. */
export const UAPI_SOCKET_DIR = '/var/run/wireguard';

/** The socket path of one interface. */
export function uapiSocketPath(interfaceName: string, dir: string = UAPI_SOCKET_DIR): string {
  return `${dir}/${interfaceName}.sock`;
}

/** Sends `get=1` to a socket path and resolves with the answer. Injected into the sampler. */
export type UapiQuery = (socketPath: string) => Promise<string>;

// The answer ends with an errno line followed by an empty line.
const COMPLETE = /(?:^|\n)errno=-?\d+\n\n$/;

/**
 * Ask the daemon behind `socketPath` for its state. Rejects with the socket error (its `code` is
 * `ENOENT` when there is no userspace daemon for that interface) or after `timeoutMs`.
 */
export function queryUapi(socketPath: string, timeoutMs = 2000): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    let settled = false;
    const socket = createConnection({ path: socketPath });
    const finish = (error: Error | undefined): void => {
      if (settled) return;
      settled = true;
      socket.destroy();
      if (error) reject(error);
      else resolve(text);
    };
    socket.setEncoding('utf8');
    socket.setTimeout(timeoutMs, () =>
      finish(new Error(`UAPI socket ${socketPath} did not answer in ${timeoutMs} ms`)),
    );
    socket.on('connect', () => socket.write('get=1\n\n'));
    socket.on('data', (chunk: string) => {
      text += chunk;
      if (COMPLETE.test(text)) finish(undefined);
    });
    socket.on('end', () =>
      finish(
        COMPLETE.test(text)
          ? undefined
          : new Error(`UAPI socket ${socketPath} closed before the answer ended`),
      ),
    );
    socket.on('error', (error) => finish(error));
  });
}
