import { TURBINE_VERSION } from "@turbine/errors";

const OS: Readonly<Record<string, string>> = { darwin: "macos", win32: "windows" };
const ARCH: Readonly<Record<string, string>> = { x64: "x86_64", arm64: "aarch64", ia32: "x86" };

/**
 * `turbine <version> node <node version> <os> <arch>`, shaped like turbo's
 * `turbo <version> <rustc version> <os> <arch>` with Rust's OS and arch names.
 */
export function buildUserAgent(version: string = TURBINE_VERSION): string {
  const os = OS[process.platform] ?? process.platform;
  const arch = ARCH[process.arch] ?? process.arch;
  return `turbine ${version} node ${process.version} ${os} ${arch}`;
}
