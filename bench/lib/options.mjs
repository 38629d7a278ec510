// The benchmarks' command line: `--key=value` and bare `--flag` (value "true"), as an object.

/** Parses `argv` (default: this process's arguments after the script). */
export function benchOptions(argv = process.argv.slice(2)) {
  return Object.fromEntries(
    argv.map((arg) => {
      const [key, value] = arg.replace(/^--/, "").split("=");
      return [key, value ?? "true"];
    }),
  );
}
