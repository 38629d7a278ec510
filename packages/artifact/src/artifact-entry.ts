/** The kinds of entry an artifact may hold. */
export type ArtifactEntryType = "file" | "directory" | "symlink";

/** One entry, as listed or restored; enough for turbo's `<hash>-manifest.json`. */
export interface ArtifactEntry {
  /** Anchor-relative path with `/` separators and no trailing slash. */
  readonly path: string;
  readonly type: ArtifactEntryType;
  /** Bytes of content (0 for directories and symlinks). */
  readonly size: number;
  /** Permission bits applied (`header mode & 0o777`; files are also subject to the umask). */
  readonly mode: number;
  /** The symlink target exactly as stored, for symlinks only. */
  readonly linkTarget?: string;
}
