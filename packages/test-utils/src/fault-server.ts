import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** What the fault server does to one matching request instead of (or around) normal handling. */
export interface Fault {
  /** Answer with this status (and `body`) instead of the normal handler. */
  readonly status?: number;
  readonly body?: string | Buffer;
  /** Headers added to (or, with `undefined` values, removed from) the response. */
  readonly headers?: Readonly<Record<string, string | undefined>>;
  /** Wait this long before answering. */
  readonly delayMs?: number;
  /** Send the headers, then wait this long before sending the body. */
  readonly bodyDelayMs?: number;
  /** Destroy the socket without answering. */
  readonly reset?: boolean;
  /** Never answer (no status, no headers) until the client gives up or the server stops. */
  readonly hang?: boolean;
  /** Send only the first N bytes of the body, then destroy the socket. */
  readonly truncateAt?: number;
  /** Flip one byte of the body at this offset. */
  readonly flipByteAt?: number;
  /** Send the headers and only the first N bytes of the body, then nothing: the connection stays open, silent. */
  readonly stallAfter?: number;
  /** Send the headers, then `chunk` every `everyMs` (instead of the body), until the client gives up. */
  readonly trickle?: { readonly chunk: string | Buffer; readonly everyMs: number };
}

export interface FaultRule {
  readonly method?: string;
  /** Matched against the path without the query string. */
  readonly path?: string | RegExp;
  /** Apply to this many matching requests, then stop matching (default: every one). */
  readonly times?: number;
  readonly fault: Fault;
}

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** Header names in the order they arrived (lower-cased), for wire-order checks. */
  readonly headerOrder: readonly string[];
  readonly bodyLength: number;
  /** The request body (kept for small requests such as events and batch queries). */
  readonly body: Buffer;
  /** When the request arrived (`Date.now()`). */
  readonly at: number;
  /** Milliseconds from its arrival until the exchange ended (answered, or abandoned by either side). */
  closedAfterMs?: number;
}

interface StoredArtifact {
  readonly body: Buffer;
  readonly headers: Readonly<Record<string, string>>;
}

export interface FaultServer {
  readonly url: string;
  /** Every request received, in order. */
  readonly requests: RecordedRequest[];
  /** Stored artifacts by hash (PUT writes here; tests may seed it). */
  readonly artifacts: Map<string, StoredArtifact>;
  /** Replace the active rules. */
  setRules(rules: readonly FaultRule[]): void;
  /** Requests whose method and path match. */
  count(method: string, path?: string | RegExp): number;
  stop(): Promise<void>;
}

const ARTIFACT_HEADERS = [
  "x-artifact-duration",
  "x-artifact-tag",
  "x-artifact-sha",
  "x-artifact-dirty-hash",
];

/**
 * A `/v8/artifacts` server on 127.0.0.1, port 0, that stores artifacts in memory and injects the
 * faults a real server cannot produce. It stops by itself after `maxLifetimeMs` (default 5 minutes).
 */
export async function startFaultServer(
  options: { rules?: readonly FaultRule[]; maxLifetimeMs?: number } = {},
): Promise<FaultServer> {
  let rules = [...(options.rules ?? [])].map((rule) => ({ rule, used: 0 }));
  const requests: RecordedRequest[] = [];
  const artifacts = new Map<string, StoredArtifact>();

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const method = req.method ?? "GET";
      const url = req.url ?? "/";
      const headerOrder = req.rawHeaders
        .filter((_, i) => i % 2 === 0)
        .map((name) => name.toLowerCase());
      const record: RecordedRequest = {
        method,
        url,
        headers: { ...req.headers },
        headerOrder,
        bodyLength: body.length,
        body: body.length <= 1 << 20 ? body : Buffer.alloc(0),
        at: Date.now(),
      };
      requests.push(record);
      res.on("close", () => {
        record.closedAfterMs = Date.now() - record.at;
      });
      const pathname = url.split("?")[0] ?? url;
      const active = rules.find(
        (r) =>
          (r.rule.times === undefined || r.used < r.rule.times) &&
          (r.rule.method === undefined || r.rule.method === method) &&
          matchPath(r.rule.path, pathname),
      );
      if (active) active.used++;
      const fault = active?.rule.fault ?? {};
      if (fault.hang === true) return;
      const respond = (): void => {
        if (fault.reset) {
          req.socket.destroy();
          return;
        }
        const normal =
          fault.status === undefined
            ? handle(method, pathname, req, body, artifacts)
            : { status: fault.status, headers: {}, body: toBuffer(fault.body) };
        send(res, normal, fault);
      };
      if (fault.delayMs) setTimeout(respond, fault.delayMs);
      else respond();
    });
  });
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((resolve) => {
    server.listen(0, "127.0.0.1", resolve);
  });
  const lifetime = setTimeout(() => server.close(), options.maxLifetimeMs ?? 300_000);
  lifetime.unref();
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    artifacts,
    setRules(next) {
      rules = next.map((rule) => ({ rule, used: 0 }));
    },
    count(method, path) {
      return requests.filter(
        (r) => r.method === method && matchPath(path, r.url.split("?")[0] ?? r.url),
      ).length;
    },
    async stop() {
      clearTimeout(lifetime);
      server.closeAllConnections();
      await new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      );
    },
  };
}

interface Reply {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

function matchPath(pattern: string | RegExp | undefined, pathname: string): boolean {
  if (pattern === undefined) return true;
  return typeof pattern === "string" ? pattern === pathname : pattern.test(pathname);
}

function toBuffer(body: string | Buffer | undefined): Buffer {
  return typeof body === "string" ? Buffer.from(body) : (body ?? Buffer.alloc(0));
}

function json(status: number, value: unknown): Reply {
  return {
    status,
    headers: { "content-type": "application/json" },
    body: Buffer.from(JSON.stringify(value)),
  };
}

/** The well-behaved server: artifact GET/HEAD/PUT, batch query, status, events, preflight. */
function handle(
  method: string,
  pathname: string,
  req: IncomingMessage,
  body: Buffer,
  artifacts: Map<string, StoredArtifact>,
): Reply {
  if (method === "OPTIONS") {
    return {
      status: 200,
      headers: {
        "access-control-allow-headers":
          "Authorization, Content-Type, User-Agent, x-artifact-duration, x-artifact-tag",
        "access-control-allow-methods": "GET, HEAD, PUT, POST, OPTIONS",
      },
      body: Buffer.alloc(0),
    };
  }
  if (pathname.endsWith("/v8/artifacts/status")) return json(200, { status: "enabled" });
  if (pathname.endsWith("/v8/artifacts/events")) return json(200, {});
  if (method === "POST" && pathname.endsWith("/v8/artifacts")) {
    const { hashes } = JSON.parse(body.toString("utf8")) as { hashes: string[] };
    const result: Record<string, unknown> = {};
    for (const hash of hashes) {
      const stored = artifacts.get(hash);
      result[hash] = stored
        ? {
            size: stored.body.length,
            taskDurationMs: Number(stored.headers["x-artifact-duration"] ?? 0),
          }
        : null;
    }
    return json(200, result);
  }
  const match = /\/v8\/artifacts\/([^/]+)$/.exec(pathname);
  const hash = match?.[1];
  if (hash === undefined)
    return json(404, { error: { code: "not_found", message: "no such route" } });
  if (method === "PUT") {
    const headers: Record<string, string> = {};
    for (const name of ARTIFACT_HEADERS) {
      const value = req.headers[name];
      if (typeof value === "string") headers[name] = value;
    }
    artifacts.set(hash, { body, headers });
    return json(202, { urls: [hash] });
  }
  const stored = artifacts.get(hash);
  if (!stored) return json(404, { error: { code: "not_found", message: "Artifact not found" } });
  return {
    status: 200,
    headers: {
      "content-type": "application/octet-stream",
      "content-length": String(stored.body.length),
      ...stored.headers,
    },
    body: method === "HEAD" ? Buffer.alloc(0) : stored.body,
  };
}

function send(res: ServerResponse, reply: Reply, fault: Fault): void {
  let body = reply.body;
  if (fault.flipByteAt !== undefined && fault.flipByteAt < body.length) {
    body = Buffer.from(body);
    body[fault.flipByteAt] = (body[fault.flipByteAt] ?? 0) ^ 0xff;
  }
  const headers = new Map(Object.entries(reply.headers));
  for (const [name, value] of Object.entries(fault.headers ?? {})) {
    if (value === undefined) headers.delete(name);
    else headers.set(name, value);
  }
  if (fault.truncateAt !== undefined || fault.stallAfter !== undefined) {
    headers.set("content-length", String(body.length));
  }
  res.writeHead(reply.status, Object.fromEntries(headers));
  const finish = (): void => {
    if (fault.trickle !== undefined) {
      const { chunk, everyMs } = fault.trickle;
      res.flushHeaders();
      const timer = setInterval(() => res.write(chunk), everyMs);
      res.on("close", () => {
        clearInterval(timer);
      });
      return;
    }
    if (fault.stallAfter !== undefined) {
      res.write(body.subarray(0, fault.stallAfter));
      return;
    }
    if (fault.truncateAt !== undefined) {
      res.write(body.subarray(0, fault.truncateAt), () => res.socket?.destroy());
      return;
    }
    res.end(body);
  };
  if (fault.bodyDelayMs) {
    res.flushHeaders();
    setTimeout(finish, fault.bodyDelayMs);
  } else {
    finish();
  }
}

/** sha256 hex of a buffer; handy for comparing stored artifacts in tests. */
export function sha256(data: Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}
