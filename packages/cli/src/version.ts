/**
 * The version `turbine --version` prints. It equals `TURBINE_VERSION` of `@turbine/runner` (the
 * packages are released together; a test pins the two); it is kept here so `--version` and
 * `--help` do not load the runner.
 */
export const CLI_VERSION = "0.1.0";
