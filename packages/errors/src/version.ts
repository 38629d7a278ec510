/**
 * Turbine's release version, the one place it is written: `turbine --version`, the run banner,
 * run summaries and the remote cache's User-Agent all read it. The packages are released together
 * at this version; a test pins it to every package.json.
 */
export const TURBINE_VERSION = "0.1.0";
