import { RemoteCacheError } from "./errors.js";
import { header, type HttpResponse } from "./transport.js";

/** What a GET or HEAD response says about the artifact besides its bytes. */
export interface ArtifactMetadata {
  /** `x-artifact-duration`: the task's run time in ms (0 when absent). */
  readonly durationMs: number;
  readonly tag: string | undefined;
  readonly sha: string | undefined;
  readonly dirtyHash: string | undefined;
  /** `Content-Length`, when the server sent one. */
  readonly contentLength: number | undefined;
}

function parseLength(value: string | undefined): number | undefined {
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
}

/**
 * Reads the artifact headers. A duration that is not a decimal integer (e.g. `12.5`) is an error,
 * as in turbo (`get_duration_from_response`), which turns the hit into a miss.
 */
export function readArtifactMetadata(response: HttpResponse): ArtifactMetadata | RemoteCacheError {
  const duration = header(response, "x-artifact-duration");
  if (duration !== undefined && !/^\d+$/.test(duration)) {
    return new RemoteCacheError(
      "ERR_REMOTE_CACHE_DURATION_INVALID",
      `x-artifact-duration is not a whole number of milliseconds (got ${JSON.stringify(duration)})`,
      { hint: "The server must echo the duration the client uploaded, as a decimal integer." },
    );
  }
  return {
    durationMs: duration === undefined ? 0 : Number(duration),
    tag: header(response, "x-artifact-tag"),
    sha: header(response, "x-artifact-sha"),
    dirtyHash: header(response, "x-artifact-dirty-hash"),
    contentLength: parseLength(header(response, "content-length")),
  };
}
