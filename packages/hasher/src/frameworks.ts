import type { EnvMap } from "./env-wildcards.js";

/** A framework turbo infers from a package's dependencies, with the env vars it hashes. */
export interface Framework {
  readonly slug: string;
  readonly name: string;
  readonly envWildcards: readonly string[];
  readonly envConditionals?: readonly {
    readonly when: { readonly key: string; readonly value?: string };
    readonly include: readonly string[];
  }[];
  readonly dependencyMatch: {
    readonly strategy: "all" | "some";
    readonly dependencies: readonly string[];
  };
}

const HOSTS = [
  "AWS_APP_ID",
  "INPUT_AZURE_STATIC_WEB_APPS_API_TOKEN",
  "CLEAVR",
  "CF_PAGES",
  "FIREBASE_APP_HOSTING",
  "NETLIFY",
  "STORMKIT",
  "NOW_BUILDER",
  "ZEABUR",
  "RENDER",
];

const all = (...dependencies: string[]) => ({ strategy: "all" as const, dependencies });
const some = (...dependencies: string[]) => ({ strategy: "some" as const, dependencies });

/** turbo 2.11.13's `frameworks.json`, in its order (the first match wins). */
export const FRAMEWORKS: readonly Framework[] = [
  { slug: "astro", name: "Astro", envWildcards: ["PUBLIC_*"], dependencyMatch: all("astro") },
  {
    slug: "blitzjs",
    name: "Blitz",
    envWildcards: ["NEXT_PUBLIC_*"],
    dependencyMatch: all("blitz"),
  },
  {
    slug: "create-react-app",
    name: "Create React App",
    envWildcards: ["REACT_APP_*"],
    dependencyMatch: some("react-scripts", "react-dev-utils"),
  },
  { slug: "expo", name: "Expo", envWildcards: ["EXPO_PUBLIC_*"], dependencyMatch: all("expo") },
  { slug: "gatsby", name: "Gatsby", envWildcards: ["GATSBY_*"], dependencyMatch: all("gatsby") },
  {
    slug: "nextjs",
    name: "Next.js",
    envWildcards: ["NEXT_PUBLIC_*", "NEXT_DEPLOYMENT_ID"],
    envConditionals: [
      {
        when: { key: "VERCEL_SKEW_PROTECTION_ENABLED", value: "1" },
        include: ["VERCEL_DEPLOYMENT_ID"],
      },
    ],
    dependencyMatch: all("next"),
  },
  {
    slug: "nitro",
    name: "Nitro",
    envWildcards: ["NITRO_*", "SERVER_*", ...HOSTS],
    dependencyMatch: some("nitropack", "nitropack-nightly", "nitro", "nitro-nightly"),
  },
  {
    slug: "nuxtjs",
    name: "Nuxt.js",
    envWildcards: ["NUXT_*", "NUXT_ENV_*", "NITRO_*", "SERVER_*", ...HOSTS, "LAUNCH_EDITOR"],
    dependencyMatch: some("nuxt", "nuxt-edge", "nuxt3", "nuxt3-edge"),
  },
  {
    slug: "redwoodjs",
    name: "RedwoodJS",
    envWildcards: ["REDWOOD_ENV_*"],
    dependencyMatch: all("@redwoodjs/core"),
  },
  {
    slug: "remix",
    name: "Remix",
    envWildcards: ["REMIX_*"],
    dependencyMatch: some("@remix-run/dev", "@remix-run/react", "@remix-run/serve"),
  },
  {
    slug: "sanity",
    name: "Sanity Studio",
    envWildcards: ["SANITY_STUDIO_*"],
    dependencyMatch: all("@sanity/cli"),
  },
  {
    slug: "solidstart",
    name: "Solid",
    envWildcards: ["VITE_*"],
    dependencyMatch: all("solid-js", "solid-start"),
  },
  {
    slug: "sveltekit",
    name: "SvelteKit",
    envWildcards: ["VITE_*", "PUBLIC_*"],
    dependencyMatch: all("@sveltejs/kit"),
  },
  { slug: "vite", name: "Vite", envWildcards: ["VITE_*"], dependencyMatch: all("vite") },
  {
    slug: "vue",
    name: "Vue",
    envWildcards: ["VUE_APP_*", "LAUNCH_EDITOR"],
    dependencyMatch: all("@vue/cli-service"),
  },
];

/**
 * The first framework whose dependency rule matches. `dependencies` are the package's unresolved
 * external dependencies in a monorepo, and package.json `dependencies` in single-package mode.
 */
export function inferFramework(
  dependencies: Readonly<Record<string, string>> | undefined,
): Framework | undefined {
  const has = (name: string): boolean =>
    dependencies !== undefined && Object.prototype.hasOwnProperty.call(dependencies, name);
  return FRAMEWORKS.find(({ dependencyMatch: m }) =>
    m.strategy === "all" ? m.dependencies.every(has) : m.dependencies.some(has),
  );
}

/** The framework's env wildcards plus conditional ones whose condition holds in `env`. */
export function frameworkEnvWildcards(framework: Framework, env: EnvMap): string[] {
  const wildcards = [...framework.envWildcards];
  for (const conditional of framework.envConditionals ?? []) {
    const actual = env.get(conditional.when.key);
    if (actual === undefined) continue;
    if (conditional.when.value === undefined || conditional.when.value === actual) {
      wildcards.push(...conditional.include);
    }
  }
  return wildcards;
}
