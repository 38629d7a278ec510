/**
 * turbo's run time: whole milliseconds below one second (`604ms`), seconds with three decimals
 * from one second (`1.532s`), and Go-style minutes above one minute (`2m3.456s`).
 */
export function formatDuration(ms: number): string {
  const whole = Math.max(0, Math.round(ms));
  if (whole < 1000) return `${whole}ms`;
  const minutes = Math.floor(whole / 60_000);
  const seconds = ((whole % 60_000) / 1000).toFixed(3);
  return minutes > 0 ? `${minutes}m${seconds}s` : `${seconds}s`;
}
