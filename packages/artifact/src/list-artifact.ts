import type { ArtifactEntry } from "./artifact-entry.js";
import { refused } from "./artifact-error.js";
import { type ArtifactSource, decodeArtifact } from "./decompress.js";
import { resolveLimits, type RestoreLimits } from "./restore-limits.js";
import { TarParser, type TarSink } from "./tar-parser.js";

const TYPES = { "0": "file", "5": "directory", "2": "symlink" } as const;

/**
 * Lists an artifact's entries in archive order without writing anything. Names are reported as
 * stored (trailing `/` removed) and are not judged: listing is how you inspect an archive that
 * restore would refuse. Other entry types, truncation and corruption still throw.
 */
export async function listArtifact(
  source: ArtifactSource,
  limits?: Partial<RestoreLimits>,
): Promise<ArtifactEntry[]> {
  const resolved = resolveLimits(limits);
  const entries: ArtifactEntry[] = [];
  const sink: TarSink = {
    entry(h) {
      const type = (TYPES as Record<string, ArtifactEntry["type"] | undefined>)[h.typeflag];
      if (type === undefined) {
        throw refused(
          "ERR_ARTIFACT_UNSUPPORTED_TYPE",
          `unsupported entry type ${JSON.stringify(h.typeflag)} for ${JSON.stringify(h.name)}`,
        );
      }
      if (entries.length >= resolved.maxEntries) {
        throw refused(
          "ERR_ARTIFACT_LIMIT",
          `the archive has more than ${resolved.maxEntries} entries`,
        );
      }
      const path = h.name.replace(/\/+$/, "");
      const mode = h.mode & 0o777;
      entries.push(
        type === "symlink"
          ? { path, type, size: 0, mode, linkTarget: h.linkname }
          : { path, type, size: type === "file" ? h.size : 0, mode },
      );
    },
    data() {},
    endEntry() {},
  };
  const metaMax = Math.max(64 * 1024, resolved.maxPathBytes + 1);
  const parser = new TarParser(sink, metaMax);
  await decodeArtifact(
    source,
    resolved,
    (chunk) => {
      parser.push(chunk);
    },
    metaMax,
  );
  parser.finish();
  return entries;
}
