import type { ArtifactEntry } from "./artifact-entry.js";

/** A node of the archive's tree: every ancestor of an entry is a directory node. */
export interface TreeNode {
  readonly path: string;
  readonly kind: "file" | "directory" | "symlink";
  /** The archive entry, absent for directories the archive only implies. */
  entry: ArtifactEntry | undefined;
  readonly children: TreeNode[];
}

/** Builds the tree of archive paths (children in first-seen order); the root has path `""`. */
export function buildTree(entries: readonly ArtifactEntry[]): TreeNode {
  const root: TreeNode = { path: "", kind: "directory", entry: undefined, children: [] };
  const nodes = new Map<string, TreeNode>([["", root]]);
  const nodeFor = (p: string, kind: TreeNode["kind"]): TreeNode => {
    let node = nodes.get(p);
    if (node === undefined) {
      node = { path: p, kind, entry: undefined, children: [] };
      nodes.set(p, node);
      const i = p.lastIndexOf("/");
      nodeFor(i === -1 ? "" : p.slice(0, i), "directory").children.push(node);
    }
    return node;
  };
  for (const entry of entries) nodeFor(entry.path, entry.type).entry = entry;
  return root;
}
