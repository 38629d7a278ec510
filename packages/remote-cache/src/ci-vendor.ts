/** Environment variables as `process.env` holds them. */
export type Env = Readonly<Record<string, string | undefined>>;

/** One CI vendor as turborepo-ci `vendors.rs` lists it (same order, same constants). */
interface VendorRule {
  readonly name: string;
  readonly constant: string;
  /** Detected if any of these is set and non-empty. */
  readonly any?: readonly string[];
  /** Detected if all of these are set and non-empty. */
  readonly all?: readonly string[];
  /** Detected if this variable has exactly this value. */
  readonly equals?: readonly [string, string];
}

const VENDORS: readonly VendorRule[] = [
  { name: "Appcircle", constant: "APPCIRCLE", any: ["AC_APPCIRCLE"] },
  { name: "AppVeyor", constant: "APPVEYOR", any: ["APPVEYOR"] },
  { name: "AWS CodeBuild", constant: "CODEBUILD", any: ["CODEBUILD_BUILD_ARN"] },
  {
    name: "Azure Pipelines",
    constant: "AZURE_PIPELINES",
    any: ["SYSTEM_TEAMFOUNDATIONCOLLECTIONURI"],
  },
  { name: "Bamboo", constant: "BAMBOO", any: ["bamboo_planKey"] },
  { name: "Bitbucket Pipelines", constant: "BITBUCKET", any: ["BITBUCKET_COMMIT"] },
  { name: "Bitrise", constant: "BITRISE", any: ["BITRISE_IO"] },
  { name: "Buddy", constant: "BUDDY", any: ["BUDDY_WORKSPACE_ID"] },
  { name: "Buildkite", constant: "BUILDKITE", any: ["BUILDKITE"] },
  { name: "CircleCI", constant: "CIRCLE", any: ["CIRCLECI"] },
  { name: "Cirrus CI", constant: "CIRRUS", any: ["CIRRUS_CI"] },
  { name: "Codefresh", constant: "CODEFRESH", any: ["CF_BUILD_ID"] },
  { name: "Codemagic", constant: "CODEMAGIC", any: ["CM_BUILD_ID"] },
  { name: "Codeship", constant: "CODESHIP", equals: ["CI_NAME", "codeship"] },
  { name: "Drone", constant: "DRONE", any: ["DRONE"] },
  { name: "dsari", constant: "DSARI", any: ["DSARI"] },
  { name: "Expo Application Services", constant: "EAS", any: ["EAS_BUILD"] },
  { name: "GitHub Actions", constant: "GITHUB_ACTIONS", any: ["GITHUB_ACTIONS"] },
  { name: "GitLab CI", constant: "GITLAB", any: ["GITLAB_CI"] },
  { name: "GoCD", constant: "GOCD", any: ["GO_PIPELINE_LABEL"] },
  { name: "Google Cloud Build", constant: "GOOGLE_CLOUD_BUILD", any: ["BUILDER_OUTPUT"] },
  { name: "LayerCI", constant: "LAYERCI", any: ["LAYERCI"] },
  { name: "Gerrit", constant: "GERRIT", any: ["GERRIT_PROJECT"] },
  { name: "Hudson", constant: "HUDSON", any: ["HUDSON"] },
  { name: "Jenkins", constant: "JENKINS", all: ["JENKINS_URL", "BUILD_ID"] },
  { name: "Magnum CI", constant: "MAGNUM", any: ["MAGNUM"] },
  { name: "Netlify CI", constant: "NETLIFY", any: ["NETLIFY"] },
  { name: "Nevercode", constant: "NEVERCODE", any: ["NEVERCODE"] },
  { name: "ReleaseHub", constant: "RELEASEHUB", any: ["RELEASE_BUILD_ID"] },
  { name: "Render", constant: "RENDER", any: ["RENDER"] },
  { name: "Sail CI", constant: "SAIL", any: ["SAILCI"] },
  { name: "Screwdriver", constant: "SCREWDRIVER", any: ["SCREWDRIVER"] },
  { name: "Semaphore", constant: "SEMAPHORE", any: ["SEMAPHORE"] },
  { name: "Shippable", constant: "SHIPPABLE", any: ["SHIPPABLE"] },
  { name: "Solano CI", constant: "SOLANO", any: ["TDDIUM"] },
  { name: "Sourcehut", constant: "SOURCEHUT", equals: ["CI_NAME", "sourcehut"] },
  { name: "Strider CD", constant: "STRIDER", any: ["STRIDER"] },
  { name: "TaskCluster", constant: "TASKCLUSTER", any: ["TASK_ID", "RUN_ID"] },
  { name: "TeamCity", constant: "TEAMCITY", any: ["TEAMCITY_VERSION"] },
  { name: "Travis CI", constant: "TRAVIS", any: ["TRAVIS"] },
  { name: "Vercel", constant: "VERCEL", any: ["NOW_BUILDER", "VERCEL"] },
  { name: "Visual Studio App Center", constant: "APPCENTER", any: ["APPCENTER"] },
  { name: "Woodpecker", constant: "WOODPECKER", equals: ["CI", "woodpecker"] },
  { name: "Xcode Cloud", constant: "XCODE_CLOUD", any: ["CI_XCODE_PROJECT"] },
  { name: "Xcode Server", constant: "XCODE_SERVER", any: ["XCS"] },
];

const CI_MARKERS = [
  "BUILD_ID",
  "BUILD_NUMBER",
  "CI",
  "CI_APP_ID",
  "CI_BUILD_ID",
  "CI_BUILD_NUMBER",
  "CI_NAME",
  "CONTINUOUS_INTEGRATION",
  "RUN_ID",
  "TEAMCITY_VERSION",
];

const isSet = (env: Env, name: string): boolean => (env[name] ?? "") !== "";

/** turborepo-ci `is_ci`: any of the usual CI markers is set and non-empty. */
export function isCi(env: Env): boolean {
  return CI_MARKERS.some((name) => isSet(env, name));
}

export interface CiVendor {
  readonly name: string;
  /** The value of `x-artifact-client-ci`, e.g. `GITHUB_ACTIONS`. */
  readonly constant: string;
}

/** The first vendor whose rule matches, in turbo's order; undefined outside a known CI. */
export function detectCiVendor(env: Env): CiVendor | undefined {
  const found = VENDORS.find((v) => {
    if (v.equals !== undefined) return env[v.equals[0]] === v.equals[1];
    if (v.any !== undefined) return v.any.some((name) => isSet(env, name));
    return (v.all ?? []).every((name) => isSet(env, name));
  });
  return found === undefined ? undefined : { name: found.name, constant: found.constant };
}
