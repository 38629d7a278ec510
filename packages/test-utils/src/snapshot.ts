import { createHash } from "node:crypto";
import { lstat, readdir, readFile, readlink } from "node:fs/promises";
import path from "node:path";

/**
 * A sorted description of every path under `root`: type, mode, content hash or link target. Tests
 * compare two of them to show that nothing changed (a refused restore, a hostile artifact).
 */
export async function snapshot(root: string): Promise<string[]> {
  const out: string[] = [];
  const visit = async (rel: string): Promise<void> => {
    const abs = path.join(root, rel);
    const st = await lstat(abs);
    const mode = (st.mode & 0o7777).toString(8);
    if (st.isSymbolicLink()) out.push(`${rel} -> ${await readlink(abs)}`);
    else if (st.isDirectory()) {
      if (rel !== "") out.push(`${rel}/ ${mode}`);
      for (const name of (await readdir(abs)).sort())
        await visit(rel === "" ? name : `${rel}/${name}`);
    } else {
      const hash = createHash("sha1")
        .update(await readFile(abs))
        .digest("hex")
        .slice(0, 12);
      out.push(`${rel} ${mode} ${hash}`);
    }
  };
  await visit("");
  return out;
}
