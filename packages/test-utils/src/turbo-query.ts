import { runTurbo, turboDryJson } from "./turbo.js";

/** Normalises turbo's miette error output to one line: no frame characters, single spaces. */
export function turboErrorText(stderr: string): string {
  return stderr
    .split("\n")
    .map((line) => line.replace(/^\s*(?:x|`->|\||[│├╰─×]+)\s?/u, "").trim())
    .filter((line) => line !== "" && !line.startsWith("•") && !line.startsWith("WARNING"))
    .join(" ")
    .replace(/\s+/g, " ");
}

/** `turbo ls --output json` as { packageManager, packages: name -> path }. */
export async function turboLs(
  cwd: string,
): Promise<{ packageManager: string; packages: Record<string, string> }> {
  const result = await runTurbo(cwd, ["ls", "--output", "json"]);
  if (result.code !== 0) throw new Error(`turbo ls failed: ${result.stderr}`);
  const json = JSON.parse(result.stdout.slice(result.stdout.indexOf("{"))) as {
    packageManager: string;
    packages: { items: { name: string; path: string }[] };
  };
  const packages: Record<string, string> = {};
  for (const item of json.packages.items) packages[item.name] = item.path;
  return { packageManager: json.packageManager, packages };
}

/** Runs a GraphQL query through `turbo query` and returns `data`. */
export async function turboQuery<T>(cwd: string, query: string): Promise<T> {
  const result = await runTurbo(cwd, ["query", query]);
  const json = JSON.parse(result.stdout.slice(result.stdout.indexOf("{"))) as {
    data: T | null;
    errors?: unknown;
  };
  if (json.data === null) throw new Error(`turbo query failed: ${JSON.stringify(json.errors)}`);
  return json.data;
}

/**
 * Each package's direct internal dependencies according to `turbo query`. turbo also lists "//"
 * for its synthetic root node, which the root package and every package without internal
 * dependencies point at; that node is not a package dependency and is dropped here.
 */
export async function turboEdges(cwd: string): Promise<Record<string, string[]>> {
  const data = await turboQuery<{
    packages: { items: { name: string; directDependencies: { items: { name: string }[] } }[] };
  }>(cwd, "{ packages { items { name directDependencies { items { name } } } } }");
  const out: Record<string, string[]> = {};
  for (const item of data.packages.items) {
    out[item.name] = item.directDependencies.items
      .map((d) => d.name)
      .filter((d) => d !== "//")
      .sort();
  }
  return out;
}

/** taskId -> hashOfExternalDependencies from `turbo run build --dry=json`. */
export async function turboExternalHashes(cwd: string): Promise<Record<string, string>> {
  const dry = await turboDryJson(cwd, ["run", "build"]);
  const out: Record<string, string> = {};
  for (const task of dry.tasks) out[task.taskId] = task.hashOfExternalDependencies;
  out["<global>"] = dry.globalCacheInputs.hashOfExternalDependencies;
  return out;
}
