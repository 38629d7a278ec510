import {
  chmod,
  mkdir,
  mkdtemp,
  readFile,
  realpath,
  rm,
  symlink,
  writeFile,
} from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { execOk } from "./exec.js";
import { installLockfile, PACKAGE_MANAGER_FIELD, type TestPackageManager } from "./install.js";

export type { TestPackageManager } from "./install.js";

/** One workspace package of a generated monorepo. */
export interface PackageSpec {
  readonly name: string;
  /** Repo-relative directory; default `packages/<name without scope>`. */
  readonly dir?: string;
  readonly version?: string;
  readonly scripts?: Readonly<Record<string, string>>;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly devDependencies?: Readonly<Record<string, string>>;
  readonly optionalDependencies?: Readonly<Record<string, string>>;
  readonly peerDependencies?: Readonly<Record<string, string>>;
  /** Extra package.json keys. */
  readonly packageJson?: Readonly<Record<string, unknown>>;
  /** Files relative to the package directory. */
  readonly files?: Readonly<Record<string, string>>;
}

/** What a generated repo holds. Every part is optional: `{}` is an empty npm monorepo. */
export interface RepoSpec {
  readonly packageManager?: TestPackageManager;
  readonly packages?: readonly PackageSpec[];
  /** Keys merged into the root package.json (e.g. `dependencies`, `engines`, `workspaces`). */
  readonly root?: Readonly<Record<string, unknown>>;
  /** The root turbo.json; omitted when undefined. */
  readonly turbo?: unknown;
  /**
   * Extra files relative to the repo root. A `.gitignore` of `node_modules/` and `.turbo/` is
   * written unless this names one.
   */
  readonly files?: Readonly<Record<string, string>>;
  /** Write a real lockfile with the package manager (default true). */
  readonly install?: boolean;
  /** Kill the package manager after this many milliseconds (default 120 s). */
  readonly installTimeoutMs?: number;
  /** Commit everything after writing (default true). */
  readonly commit?: boolean;
}

/** git flags that make every test repo independent of the machine's git configuration. */
const GIT_FLAGS = [
  "-c",
  "user.name=Turbine Test",
  "-c",
  "user.email=test@turbine.invalid",
  "-c",
  "commit.gpgsign=false",
  "-c",
  "init.defaultBranch=main",
  "-c",
  "core.autocrlf=false",
];

/** A throwaway git repository in its own temp directory. */
export class TempRepo {
  private constructor(
    /** Absolute, symlink-free path of the repo root. */
    readonly root: string,
    readonly packageManager: TestPackageManager,
  ) {}

  /** Creates an empty git repo (no files, no commit). */
  static async create(packageManager: TestPackageManager = "npm"): Promise<TempRepo> {
    const root = await realpath(await mkdtemp(path.join(tmpdir(), "turbine-test-")));
    const repo = new TempRepo(root, packageManager);
    await repo.git("init", "-q");
    return repo;
  }

  /** Absolute path of a repo-relative path. */
  path(rel: string): string {
    return path.join(this.root, rel);
  }

  async write(
    rel: string,
    content: string | Buffer,
    options: { mode?: number } = {},
  ): Promise<void> {
    const abs = this.path(rel);
    await mkdir(path.dirname(abs), { recursive: true });
    await writeFile(abs, content);
    if (options.mode !== undefined) await chmod(abs, options.mode);
  }

  async writeJson(rel: string, value: unknown): Promise<void> {
    await this.write(rel, `${JSON.stringify(value, null, 2)}\n`);
  }

  async read(rel: string): Promise<string> {
    return readFile(this.path(rel), "utf8");
  }

  /** Creates a symlink at `rel` whose target text is `target`. */
  async symlink(target: string, rel: string): Promise<void> {
    const abs = this.path(rel);
    await mkdir(path.dirname(abs), { recursive: true });
    await symlink(target, abs);
  }

  async remove(rel: string): Promise<void> {
    await rm(this.path(rel), { recursive: true, force: true });
  }

  /** Runs git in the repo with a fixed identity and configuration; returns stdout. */
  async git(...args: string[]): Promise<string> {
    return execOk("git", [...GIT_FLAGS, ...args], { cwd: this.root });
  }

  /** Stages everything and commits; a commit with nothing to record is allowed. */
  async commit(message = "commit"): Promise<void> {
    await this.git("add", "-A");
    await this.git("commit", "-q", "--allow-empty", "-m", message);
  }

  /**
   * Writes a real lockfile with the repo's package manager (no scripts, no node_modules). External
   * dependencies come from the npm registry; workspace-only repos need no network.
   */
  async install(options: { readonly timeoutMs?: number } = {}): Promise<void> {
    await installLockfile(this.root, this.packageManager, options);
  }

  async cleanup(): Promise<void> {
    await rm(this.root, { recursive: true, force: true });
  }
}

function packageDir(spec: PackageSpec): string {
  return spec.dir ?? `packages/${spec.name.replace(/^@[^/]+\//, "")}`;
}

/** Writes the files of a RepoSpec into `repo` (package.jsons, turbo.json, extra files). */
export async function writeRepoSpec(repo: TempRepo, spec: RepoSpec): Promise<void> {
  const pm = spec.packageManager ?? "npm";
  const packages = spec.packages ?? [];
  const globs = [...new Set(packages.map((p) => path.posix.dirname(packageDir(p))))].map(
    (d) => `${d}/*`,
  );
  const rootJson: Record<string, unknown> = {
    name: "test-monorepo",
    private: true,
    packageManager: PACKAGE_MANAGER_FIELD[pm],
    ...(pm === "pnpm" ? {} : { workspaces: globs }),
    ...spec.root,
  };
  await repo.writeJson("package.json", rootJson);
  if (pm === "pnpm" && globs.length > 0) {
    await repo.write(
      "pnpm-workspace.yaml",
      `packages:\n${globs.map((g) => `  - "${g}"`).join("\n")}\n`,
    );
  }
  if (spec.turbo !== undefined) await repo.writeJson("turbo.json", spec.turbo);
  for (const p of packages) {
    const dir = packageDir(p);
    await repo.writeJson(`${dir}/package.json`, {
      name: p.name,
      version: p.version ?? "1.0.0",
      ...(p.scripts ? { scripts: p.scripts } : {}),
      ...(p.dependencies ? { dependencies: p.dependencies } : {}),
      ...(p.devDependencies ? { devDependencies: p.devDependencies } : {}),
      ...(p.optionalDependencies ? { optionalDependencies: p.optionalDependencies } : {}),
      ...(p.peerDependencies ? { peerDependencies: p.peerDependencies } : {}),
      ...p.packageJson,
    });
    for (const [rel, content] of Object.entries(p.files ?? {})) {
      await repo.write(`${dir}/${rel}`, content);
    }
  }
  const files = { ".gitignore": "node_modules/\n.turbo/\n", ...spec.files };
  for (const [rel, content] of Object.entries(files)) await repo.write(rel, content);
}

/** Creates a temp git monorepo from a spec: files, a real lockfile, and a first commit. */
export async function createTempRepo(spec: RepoSpec = {}): Promise<TempRepo> {
  const repo = await TempRepo.create(spec.packageManager ?? "npm");
  try {
    await writeRepoSpec(repo, spec);
    if (spec.install ?? true) {
      await repo.install(
        spec.installTimeoutMs === undefined ? {} : { timeoutMs: spec.installTimeoutMs },
      );
    }
    if (spec.commit ?? true) await repo.commit("initial");
    return repo;
  } catch (error) {
    await repo.cleanup();
    throw error;
  }
}
