import {
  chmod,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rename,
  rm,
  symlink,
  writeFile,
} from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { Hasher, RepoIndex } from "@turbine/hasher";
import { packageInputFiles, parseTaskInputs } from "@turbine/hasher/internal";
import { turboDryJson, type TurboDryRun, useTempRepos } from "@turbine/test-utils";
import { beforeAll, describe, expect, it, onTestFinished } from "vitest";

// Per-task file maps (turbo's `tasks[].inputs`) compared with the real turbo 2.11.13.
const create = useTempRepos();
let hasher: Hasher;
beforeAll(async () => {
  hasher = await Hasher.create();
});

interface DryTask {
  readonly taskId: string;
  readonly task: string;
  readonly directory?: string;
  readonly inputs: Readonly<Record<string, string>>;
}

type TurboTasks = Readonly<Record<string, { readonly inputs?: readonly string[] }>>;

/** Computes every task's file map from the turbo.json `inputs` and compares with turbo's. */
async function expectFileMapsMatch(root: string, args = ["run", "build"]): Promise<void> {
  const dry: TurboDryRun = await turboDryJson(root, args);
  const turboJson = JSON.parse(await readFile(join(root, "turbo.json"), "utf8")) as {
    tasks: TurboTasks;
  };
  const tasks = turboJson.tasks;
  const index = await RepoIndex.create(root);
  for (const task of dry.tasks as unknown as DryTask[]) {
    const dir = task.directory ?? "";
    const rootId = task.taskId.replace(/^\/\/#/, "//#");
    const inputs = (tasks[rootId] ?? tasks[task.task])?.inputs ?? [];
    const spec = parseTaskInputs(inputs, dir);
    const files = await packageInputFiles(index, dir, spec);
    expect({ task: task.taskId, files: Object.fromEntries(files) }).toEqual({
      task: task.taskId,
      files: task.inputs,
    });
    // Hashing the entries as they are (no sort) also checks they come in byte order.
    expect(hasher.fileHashesSorted(files)).toBe(hasher.fileHashes(task.inputs));
  }
}

const build = { build: { outputs: ["dist/**"] } };

describe("default file sets match turbo", () => {
  it("includes dirty, untracked and tracked-but-ignored files and drops deleted ones", async () => {
    const repo = await create({
      packages: [
        {
          name: "a",
          scripts: { build: "echo a" },
          files: { "src/x.ts": "x\n", "gone.txt": "bye\n", "tracked.log": "kept\n" },
        },
        { name: "b", scripts: { build: "echo b" }, files: { "b.txt": "b\n" } },
      ],
      turbo: { tasks: build },
      files: { ".gitignore": "node_modules/\n.turbo/\n*.log\ndist/\n" },
    });
    await repo.git("add", "-f", "packages/a/tracked.log");
    await repo.commit("force-add an ignored file");
    await repo.write("packages/a/src/x.ts", "changed\n");
    await repo.remove("packages/a/gone.txt");
    await repo.write("packages/a/new.txt", "untracked\n");
    await repo.write("packages/a/ignored.log", "ignored\n");
    await repo.write("packages/a/dist/out.js", "built\n");
    await repo.write("packages/b/staged.txt", "staged\n");
    await repo.git("add", "packages/b/staged.txt");
    await expectFileMapsMatch(repo.root);
  });

  it("follows symlinks, committed or not, to their target's content", async () => {
    const repo = await create({
      packages: [{ name: "a", scripts: { build: "echo a" }, files: { "target.js": "t\n" } }],
      turbo: { tasks: build },
    });
    await symlink("target.js", join(repo.root, "packages/a/link.js"));
    await repo.commit("link");
    await symlink("target.js", join(repo.root, "packages/a/new-link.js"));
    await expectFileMapsMatch(repo.root);
  });

  it("orders keys by UTF-8 bytes and includes nested packages' files", async () => {
    const repo = await create({
      packages: [
        {
          name: "a",
          scripts: { build: "echo a" },
          files: {
            "x-y.txt": "1\n",
            "x/y.txt": "2\n",
            "é.txt": "3\n",
            "Z.txt": "4\n",
            "a.txt": "5\n",
          },
        },
        {
          name: "inner",
          dir: "packages/a/inner",
          scripts: { build: "echo i" },
          files: { "i.txt": "i\n" },
        },
      ],
      turbo: { tasks: build },
      root: { workspaces: ["packages/*", "packages/a/inner"] },
    });
    await repo.write("packages/a/ü.txt", "untracked\n");
    await expectFileMapsMatch(repo.root);
  });

  it("hashes names with spaces and non-ASCII characters, and ignores executable bits", async () => {
    const repo = await create({
      packages: [
        {
          name: "a",
          scripts: { build: "echo a", lint: "echo l" },
          files: { "my file.txt": "s\n", "dir with space/ü ñ.md": "u\n", "tool.sh": "#!/bin/sh\n" },
        },
      ],
      turbo: { tasks: { ...build, lint: { inputs: ["**/* *", "*.sh"] } } },
    });
    await chmod(join(repo.root, "packages/a/tool.sh"), 0o755);
    await repo.commit("executable");
    await chmod(join(repo.root, "packages/a/my file.txt"), 0o755);
    await repo.write("packages/a/new file ä.txt", "untracked\n");
    await expectFileMapsMatch(repo.root, ["run", "build", "lint"]);
  });

  it("lists a checked-out submodule's own files, as its repository lists them", async () => {
    const sub = await create({
      files: { "lib.txt": "in the submodule\n", ".gitignore": "*.log\n" },
    });
    const repo = await create({
      packages: [{ name: "a", scripts: { build: "echo a" }, files: { "a.txt": "a\n" } }],
      turbo: { tasks: build },
    });
    await repo.git(
      "-c",
      "protocol.file.allow=always",
      "submodule",
      "add",
      "-q",
      sub.root,
      "packages/a/vendor",
    );
    await repo.commit("submodule");
    await repo.write("packages/a/vendor/lib.txt", "modified\n");
    await repo.write("packages/a/vendor/untracked.txt", "untracked\n");
    await repo.write("packages/a/vendor/ignored.log", "ignored\n");
    await expectFileMapsMatch(repo.root);
  });

  it("normalises CRLF in dirty and untracked files under `* text=auto`", async () => {
    const repo = await create({
      packages: [{ name: "a", scripts: { build: "echo a" }, files: { "lf.txt": "one\ntwo\n" } }],
      turbo: { tasks: build },
      files: { ".gitattributes": "* text=auto\n" },
    });
    await repo.write("packages/a/crlf.txt", "one\r\ntwo\r\n");
    await repo.write("packages/a/lf.txt", "one\r\ntwo\r\nthree\r\n");
    await expectFileMapsMatch(repo.root);
  });
});

describe("`inputs` file sets match turbo", () => {
  it("walks globs without $TURBO_DEFAULT$, including gitignored files and config files", async () => {
    const repo = await create({
      packages: [
        {
          name: "web",
          scripts: { build: "echo w" },
          files: { "a.tsx": "a\n", "b.ts": "b\n", "gen/g.txt": "g\n", "src/deep/c.tsx": "c\n" },
        },
      ],
      turbo: {
        tasks: {
          build: {
            inputs: ["**/*.tsx", "gen", "b.ts", "!src/deep/**", "$TURBO_ROOT$/tsconfig.json"],
          },
        },
      },
      files: { ".gitignore": "node_modules/\n.turbo/\ngen/\n", "tsconfig.json": "{}\n" },
    });
    await repo.write("packages/web/gen/late.txt", "late\n");
    await expectFileMapsMatch(repo.root);
  });

  it("adds globs to the default set and removes negated keys with $TURBO_DEFAULT$", async () => {
    const repo = await create({
      packages: [
        {
          name: "a",
          scripts: { build: "echo a" },
          files: { "README.md": "r\n", "src/a.ts": "a\n", "docs/d.md": "d\n", "gen/g.txt": "g\n" },
        },
      ],
      turbo: {
        tasks: { build: { inputs: ["$TURBO_DEFAULT$", "gen/**", "!README.md", "!docs"] } },
      },
      files: { ".gitignore": "node_modules/\n.turbo/\ngen/\n" },
    });
    await expectFileMapsMatch(repo.root);
  });

  it("resolves root tasks against the whole repo", async () => {
    const repo = await create({
      packages: [{ name: "a", scripts: { build: "echo a" }, files: { "a.txt": "a\n" } }],
      root: { scripts: { lint: "echo lint" } },
      turbo: {
        tasks: {
          "//#lint": { inputs: ["$TURBO_ROOT$/tsconfig.json", "*.md"] },
          lint: {},
          build: {},
        },
      },
      files: { "tsconfig.json": "{}\n", "README.md": "r\n" },
    });
    await expectFileMapsMatch(repo.root, ["run", "lint"]);
    await expectFileMapsMatch(repo.root, ["run", "build"]);
  });
});

/**
 * A tree of symlinks: committed and untracked links to directories inside the repo (one to
 * another package, one back to its own package), to a file and a small directory outside the
 * repo, a dangling link, and a directory reached through two links.
 */
async function linkedRepo(tasks: TurboTasks): Promise<string> {
  const outside = await mkdtemp(join(tmpdir(), "turbine-outside-"));
  onTestFinished(() => rm(outside, { recursive: true, force: true }));
  await writeFile(join(outside, "o.txt"), "outside\n");
  const repo = await create({
    packages: [
      {
        name: "a",
        scripts: { build: "echo a", lint: "echo a", test: "echo a", check: "echo a" },
        files: { "src/locales/en.json": "{}\n", "x.txt": "x\n" },
      },
      { name: "b", scripts: { build: "echo b" }, files: { "b.txt": "b\n" } },
    ],
    turbo: { tasks },
    files: {
      "shared/config.txt": "v1\n",
      "shared/sub/n.txt": "n\n",
      "shared/.gitignore": "*.log\n",
      "loop/back/.keep": "",
    },
  });
  await repo.symlink("src/locales", "packages/a/locales");
  await repo.symlink("../../shared", "packages/a/shared");
  await repo.symlink("../b", "packages/a/b-pkg");
  await repo.symlink(".", "packages/a/self");
  await repo.symlink(outside, "packages/a/outside-dir");
  await repo.symlink("/etc/hosts", "packages/a/outside-file");
  await repo.symlink("missing", "packages/a/dangling");
  await repo.symlink("../../../shared", "packages/a/src/shared-again");
  await repo.symlink("../../loop", "shared/sub/loop");
  await repo.symlink("../shared", "loop/back/up");
  await repo.commit("links");
  await repo.symlink("../../shared", "packages/a/untracked-link");
  await repo.write("shared/ignored.log", "ignored but walked\n");
  await repo.write("shared/untracked.txt", "untracked\n");
  return repo.root;
}

describe("symlinks match turbo", () => {
  it("hashes a link to a directory as the link plus every file behind it, without inputs", async () => {
    const root = await linkedRepo({ build: {} });
    await expectFileMapsMatch(root);
  });

  it("keeps links through $TURBO_DEFAULT$ and removes negated keys behind them", async () => {
    const root = await linkedRepo({
      build: { inputs: ["$TURBO_DEFAULT$", "!shared/sub/**", "!self/**"] },
    });
    await expectFileMapsMatch(root);
  });

  it("enters each linked directory once per glob walk and keeps cycles as links", async () => {
    const root = await linkedRepo({
      build: { inputs: ["**"] },
      lint: { inputs: ["*"] },
      test: { inputs: ["shared/**", "untracked-link/*", "outside-dir/**"] },
      check: { inputs: ["src/**/*.json", "self/src/**", "self/b-pkg/*", "self/x.txt"] },
    });
    await expectFileMapsMatch(root, ["run", "build", "lint", "test", "check"]);
  });
});

describe("repository layouts match turbo", () => {
  it("strips the prefix when the git root is above the turbo root", async () => {
    const repo = await create({
      packages: [{ name: "a", scripts: { build: "echo a" }, files: { "a.txt": "a\n" } }],
      turbo: { tasks: build },
      commit: false,
    });
    const sub = join(repo.root, "sub");
    await mkdir(sub);
    for (const entry of await readdir(repo.root)) {
      if (entry !== ".git" && entry !== "sub")
        await rename(join(repo.root, entry), join(sub, entry));
    }
    await repo.write("outside.txt", "not in the turbo root\n");
    await repo.commit("nested");
    await repo.write("sub/packages/a/dirty.txt", "untracked\n");
    await expectFileMapsMatch(sub);
  });

  it("walks with .gitignore rules when there is no git repository", async () => {
    const repo = await create({
      packages: [
        {
          name: "a",
          scripts: { build: "echo a" },
          files: {
            "a.txt": "a\n",
            "skip.log": "s\n",
            "sub/.gitignore": "*.tmp\n",
            "sub/x.tmp": "t\n",
          },
        },
      ],
      turbo: { tasks: build },
      files: { ".gitignore": "node_modules/\n.turbo/\n*.log\n" },
      commit: false,
    });
    await rm(join(repo.root, ".git"), { recursive: true, force: true });
    await expectFileMapsMatch(repo.root);
  });
});
