import { afterEach } from "vitest";

import { createTempRepo, type RepoSpec, type TempRepo } from "./temp-repo.js";

/**
 * Registers an afterEach hook that removes every repo the test created.
 * Call at the top of a test file (or describe block); use the returned function in tests.
 */
export function useTempRepos(): (spec?: RepoSpec) => Promise<TempRepo> {
  const created: TempRepo[] = [];
  afterEach(async () => {
    await Promise.all(created.splice(0).map((repo) => repo.cleanup()));
  });
  return async (spec?: RepoSpec) => {
    const repo = await createTempRepo(spec);
    created.push(repo);
    return repo;
  };
}
