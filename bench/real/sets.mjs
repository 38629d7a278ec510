// The dependency sets of the real-shaped benchmark repos: what real JavaScript monorepos depend on
// (react, next, vite, radix, prisma, eslint + typescript-eslint, esbuild, sharp, jest/vitest,
// storybook, tailwind, lodash, date-fns, zod, trpc, ...). Two generations of majors coexist, as in
// a real monorepo half-way through its upgrades, so the package managers resolve both and write
// lockfiles of thousands of entries. Used only by regenerate.mjs: the manifests it wrote are
// committed next to the lockfiles, so editing this file changes nothing until they are rewritten.

/** Majors by generation: 0 is the previous one, 1 the current one. */
const GENERATIONS = [
  {
    react: "^18.3.1",
    "react-dom": "^18.3.1",
    "@types/react": "^18.3.0",
    "@types/react-dom": "^18.3.0",
    next: "^15.1.0",
    "eslint-config-next": "^15.1.0",
    vite: "^6.0.0",
    "@vitejs/plugin-react": "^4.3.0",
    vitest: "^3.0.0",
    "@vitest/coverage-v8": "^3.0.0",
    storybook: "^8.4.0",
    "@storybook/react": "^8.4.0",
    "@storybook/react-vite": "^8.4.0",
    "@storybook/addon-essentials": "^8.4.0",
    eslint: "^9.15.0",
    "@eslint/js": "^9.15.0",
    "typescript-eslint": "^8.15.0",
    "eslint-plugin-react-hooks": "^5.0.0",
    tailwindcss: "^3.4.0",
    postcss: "^8.4.0",
    autoprefixer: "^10.4.0",
    zod: "^3.23.0",
    jest: "^29.7.0",
    "ts-jest": "^29.2.0",
    "@types/jest": "^29.5.0",
    prisma: "^6.0.0",
    "@prisma/client": "^6.0.0",
    esbuild: "^0.24.0",
    sharp: "^0.33.0",
    "date-fns": "^3.6.0",
    express: "^4.21.0",
    "@types/express": "^4.17.0",
    "react-router-dom": "^6.28.0",
    "@tanstack/react-query": "^5.60.0",
    "@trpc/server": "^11.0.0",
    "@trpc/client": "^11.0.0",
    "@trpc/react-query": "^11.0.0",
    "lucide-react": "^0.460.0",
    "tailwind-merge": "^2.5.0",
    "@testing-library/react": "^16.0.0",
    jsdom: "^25.0.0",
    typescript: "^5.6.0",
    "@types/node": "^22.0.0",
    tsup: "^8.3.0",
    uuid: "^10.0.0",
    nanoid: "^5.0.0",
    dotenv: "^16.4.0",
    pino: "^9.5.0",
    fastify: "^5.1.0",
    commander: "^12.1.0",
    chalk: "^5.3.0",
    "react-hook-form": "^7.53.0",
    "@hookform/resolvers": "^3.9.0",
    "framer-motion": "^11.11.0",
    recharts: "^2.13.0",
    zustand: "^5.0.0",
    axios: "^1.7.0",
    msw: "^2.6.0",
    tsx: "^4.19.0",
    globals: "^15.12.0",
  },
  {
    react: "^19.1.0",
    "react-dom": "^19.1.0",
    "@types/react": "^19.1.0",
    "@types/react-dom": "^19.1.0",
    next: "^16.0.0",
    "eslint-config-next": "^16.0.0",
    vite: "^7.0.0",
    "@vitejs/plugin-react": "^5.0.0",
    vitest: "^4.0.0",
    "@vitest/coverage-v8": "^4.0.0",
    storybook: "^10.0.0",
    "@storybook/react": "^10.0.0",
    "@storybook/react-vite": "^10.0.0",
    "@storybook/addon-essentials": "^8.6.0",
    eslint: "^9.30.0",
    "@eslint/js": "^9.30.0",
    "typescript-eslint": "^8.40.0",
    "eslint-plugin-react-hooks": "^7.0.0",
    tailwindcss: "^4.1.0",
    postcss: "^8.5.0",
    autoprefixer: "^10.4.0",
    zod: "^4.0.0",
    jest: "^30.0.0",
    "ts-jest": "^29.4.0",
    "@types/jest": "^30.0.0",
    prisma: "^7.0.0",
    "@prisma/client": "^7.0.0",
    esbuild: "^0.27.0",
    sharp: "^0.34.0",
    "date-fns": "^4.1.0",
    express: "^5.1.0",
    "@types/express": "^5.0.0",
    "react-router-dom": "^7.5.0",
    "@tanstack/react-query": "^5.80.0",
    "@trpc/server": "^11.4.0",
    "@trpc/client": "^11.4.0",
    "@trpc/react-query": "^11.4.0",
    "lucide-react": "^0.540.0",
    "tailwind-merge": "^3.3.0",
    "@testing-library/react": "^16.3.0",
    jsdom: "^27.0.0",
    typescript: "^5.9.0",
    "@types/node": "^24.0.0",
    tsup: "^8.5.0",
    uuid: "^13.0.0",
    nanoid: "^5.1.0",
    dotenv: "^17.0.0",
    pino: "^10.0.0",
    fastify: "^5.6.0",
    commander: "^14.0.0",
    chalk: "^5.6.0",
    "react-hook-form": "^7.60.0",
    "@hookform/resolvers": "^5.2.0",
    "framer-motion": "^12.23.0",
    recharts: "^3.2.0",
    zustand: "^5.0.8",
    axios: "^1.12.0",
    msw: "^2.11.0",
    tsx: "^4.20.0",
    globals: "^16.3.0",
  },
];

/** Ranges that do not move with the generation. */
const STABLE = {
  lodash: "^4.17.21",
  "@types/lodash": "^4.17.0",
  clsx: "^2.1.1",
  "class-variance-authority": "^0.7.1",
  "@radix-ui/react-dialog": "^1.1.0",
  "@radix-ui/react-dropdown-menu": "^2.1.0",
  "@radix-ui/react-popover": "^1.1.0",
  "@radix-ui/react-select": "^2.1.0",
  "@radix-ui/react-tabs": "^1.1.0",
  "@radix-ui/react-tooltip": "^1.1.0",
  "@radix-ui/react-slot": "^1.1.0",
  "@radix-ui/react-checkbox": "^1.1.0",
  "@radix-ui/react-accordion": "^1.2.0",
  "@radix-ui/react-avatar": "^1.1.0",
  "@radix-ui/react-label": "^2.1.0",
  "@radix-ui/react-switch": "^1.1.0",
  "@radix-ui/react-toast": "^1.2.0",
  "@radix-ui/react-scroll-area": "^1.2.0",
  "eslint-plugin-import": "^2.31.0",
  "eslint-plugin-react": "^7.37.0",
  "eslint-config-prettier": "^9.1.0",
  prettier: "^3.3.0",
  "@testing-library/jest-dom": "^6.6.0",
  "@testing-library/user-event": "^14.5.0",
  "@types/uuid": "^10.0.0",
  jsonwebtoken: "^9.0.2",
  "@types/jsonwebtoken": "^9.0.7",
  bcryptjs: "^2.4.3",
  cors: "^2.8.5",
  "@types/cors": "^2.8.17",
  helmet: "^8.0.0",
  ioredis: "^5.4.0",
  "fs-extra": "^11.2.0",
  glob: "^11.0.0",
  yargs: "^17.7.2",
  semver: "^7.6.0",
  "@types/semver": "^7.5.0",
  supertest: "^7.0.0",
  "@types/supertest": "^6.0.2",
  "next-auth": "^4.24.0",
  "@next/bundle-analyzer": "^15.1.0",
  "@playwright/test": "^1.49.0",
  immer: "^10.1.0",
  "react-markdown": "^9.0.0",
  "rollup-plugin-visualizer": "^5.12.0",
};

/** What each kind of workspace depends on: [dependencies, devDependencies] as lists of names. */
export const KINDS = {
  "next-app": [
    ["next", "react", "react-dom", "@tanstack/react-query", "@trpc/client", "@trpc/react-query"]
      .concat(["@trpc/server", "zod", "clsx", "tailwind-merge", "lucide-react", "date-fns"])
      .concat(["next-auth", "react-hook-form", "@hookform/resolvers", "framer-motion", "sharp"])
      .concat(["@radix-ui/react-dialog", "@radix-ui/react-dropdown-menu", "@radix-ui/react-slot"]),
    ["typescript", "@types/react", "@types/react-dom", "@types/node", "eslint"]
      .concat(["eslint-config-next", "tailwindcss", "postcss", "autoprefixer", "@playwright/test"])
      .concat(["@next/bundle-analyzer", "vitest", "@testing-library/react", "jsdom", "msw"]),
  ],
  "vite-app": [
    ["react", "react-dom", "react-router-dom", "zustand", "axios", "@tanstack/react-query"]
      .concat(["recharts", "clsx", "date-fns", "zod", "immer", "react-markdown"])
      .concat(["@radix-ui/react-tabs", "@radix-ui/react-tooltip", "@radix-ui/react-popover"]),
    ["vite", "@vitejs/plugin-react", "vitest", "@vitest/coverage-v8", "@testing-library/react"]
      .concat(["@testing-library/jest-dom", "@testing-library/user-event", "jsdom", "typescript"])
      .concat(["@types/react", "@types/react-dom", "eslint", "typescript-eslint", "tailwindcss"])
      .concat(["eslint-plugin-react-hooks", "rollup-plugin-visualizer", "msw"]),
  ],
  "ui-library": [
    ["@radix-ui/react-dialog", "@radix-ui/react-dropdown-menu", "@radix-ui/react-popover"]
      .concat(["@radix-ui/react-select", "@radix-ui/react-tabs", "@radix-ui/react-tooltip"])
      .concat(["@radix-ui/react-slot", "@radix-ui/react-checkbox", "@radix-ui/react-accordion"])
      .concat(["@radix-ui/react-avatar", "@radix-ui/react-label", "@radix-ui/react-switch"])
      .concat(["@radix-ui/react-toast", "@radix-ui/react-scroll-area", "lucide-react"])
      .concat(["class-variance-authority", "clsx", "tailwind-merge"]),
    ["react", "react-dom", "@types/react", "@types/react-dom", "typescript", "tsup", "storybook"]
      .concat(["@storybook/react", "@storybook/react-vite", "@storybook/addon-essentials", "vite"])
      .concat(["vitest", "@testing-library/react", "jsdom", "eslint", "tailwindcss"]),
  ],
  service: [
    ["express", "@prisma/client", "zod", "@trpc/server", "pino", "dotenv", "jsonwebtoken"].concat([
      "bcryptjs",
      "cors",
      "helmet",
      "ioredis",
      "uuid",
      "date-fns",
      "lodash",
    ]),
    ["prisma", "typescript", "@types/node", "@types/express", "@types/jsonwebtoken"]
      .concat(["@types/cors", "@types/lodash", "@types/uuid", "jest", "ts-jest", "@types/jest"])
      .concat(["supertest", "@types/supertest", "tsx", "esbuild", "eslint", "typescript-eslint"]),
  ],
  "fastify-service": [
    ["fastify", "zod", "pino", "dotenv", "ioredis", "nanoid", "date-fns"],
    ["typescript", "@types/node", "vitest", "tsx", "esbuild", "eslint", "typescript-eslint"],
  ],
  library: [
    ["lodash", "date-fns", "zod", "nanoid"],
    ["typescript", "@types/lodash", "@types/node", "tsup", "vitest", "eslint"],
  ],
  "jest-library": [
    ["zod", "uuid", "semver"],
    ["typescript", "@types/node", "@types/uuid", "@types/semver", "jest", "ts-jest"].concat([
      "@types/jest",
      "eslint",
      "typescript-eslint",
    ]),
  ],
  "eslint-config": [
    ["@eslint/js", "typescript-eslint", "eslint-plugin-react", "eslint-plugin-react-hooks"].concat([
      "eslint-plugin-import",
      "eslint-config-prettier",
      "globals",
    ]),
    ["eslint", "prettier", "typescript"],
  ],
  tooling: [
    ["esbuild", "sharp", "commander", "chalk", "glob", "fs-extra", "yargs", "semver"],
    ["typescript", "@types/node", "tsx", "vitest"],
  ],
};

/** Workspace kinds and their weights in a generated repo. */
export const KIND_WEIGHTS = [
  ["next-app", 4],
  ["vite-app", 5],
  ["ui-library", 12],
  ["service", 8],
  ["fastify-service", 5],
  ["library", 40],
  ["jest-library", 14],
  ["eslint-config", 3],
  ["tooling", 9],
];

/** The root package's devDependencies (repo-wide tooling). */
export const ROOT_DEV = ["turbo", "prettier", "typescript", "@changesets/cli", "husky"];
const ROOT_RANGES = { turbo: "^2.5.0", "@changesets/cli": "^2.27.0", husky: "^9.1.0" };

/** The range of `name` in generation `generation` (0 or 1). */
export function rangeOf(name, generation) {
  const range = GENERATIONS[generation][name] ?? STABLE[name] ?? ROOT_RANGES[name];
  if (range === undefined) throw new Error(`no range for ${name}`);
  return range;
}
